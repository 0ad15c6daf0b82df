/**
 * What an import specifier names: a file of the project, a node builtin or an
 * npm package. A path into the built `dist/` names the source it is built from
 * (bin/ and the jest preset load the compiled CLI), so the rules speak of
 * sources only and hold before any build.
 */
import { existsSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, normalize, sep } from 'node:path';

export type ModuleTarget =
  | { readonly kind: 'project'; /** root-relative, with '/' */ readonly file: string }
  | { readonly kind: 'builtin'; /** always with the node: prefix, e.g. 'node:fs/promises' */ readonly name: string }
  | { readonly kind: 'package'; /** the package name, without a subpath: 'node-media-server', '@ffmpeg-installer/ffmpeg' */ readonly name: string }
  | { readonly kind: 'unresolved'; readonly reason: string };

const SUFFIXES = ['', '.ts', '.tsx', '.d.ts', '.js', '.cjs', '.mjs', '.json', '/index.ts', '/index.js'];
const BUILT_DIR = 'dist';

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/** The package a bare specifier names: its first segment, or two for a scope. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function resolveFile(root: string, wanted: string): string | undefined {
  for (const suffix of SUFFIXES) {
    const candidate = wanted + suffix;
    if (isFile(join(root, candidate))) return candidate;
  }
  // `import './x.js'` written for ESM resolution names x.ts
  if (/\.(c|m)?js$/.test(wanted)) {
    const ts = wanted.replace(/\.(c|m)?js$/, '.ts');
    if (isFile(join(root, ts))) return ts;
  }
  return undefined;
}

/** `specifier` as imported by `importer` (root-relative). */
export function moduleTarget(root: string, importer: string, specifier: string): ModuleTarget {
  if (specifier.startsWith('.')) {
    let wanted = toPosix(normalize(join(dirname(importer), specifier)));
    if (wanted === '..' || wanted.startsWith('../')) return { kind: 'unresolved', reason: 'it points outside the project' };
    if (wanted.startsWith(`${BUILT_DIR}/`)) wanted = wanted.slice(BUILT_DIR.length + 1);
    const file = resolveFile(root, wanted);
    return file ? { kind: 'project', file } : { kind: 'unresolved', reason: `no file ${wanted}(.ts|.js|/index.ts) exists` };
  }
  if (specifier.startsWith('/')) return { kind: 'unresolved', reason: 'an absolute path ties the code to one machine' };
  if (isBuiltin(specifier)) return { kind: 'builtin', name: specifier.startsWith('node:') ? specifier : `node:${specifier}` };
  return { kind: 'package', name: packageName(specifier) };
}
