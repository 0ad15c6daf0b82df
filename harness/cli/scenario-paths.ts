/**
 * The scenario arguments of `run` as paths: files and folders as they are,
 * globs (`scenarios/**\/*.scenario.ts`, `'live-*'`) expanded. Node 20 has no
 * fs.globSync, so a glob is matched here: its fixed leading folders are the
 * base, the rest becomes a regular expression over the files below it.
 */
import { existsSync, readdirSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CliError } from './args';

const MAGIC = /[*?[{]/;

export function isGlob(arg: string): boolean {
  return MAGIC.test(arg);
}

/** A glob as a regular expression over '/'-separated relative paths: `**` any folders, `*` and `?` within one name, `{a,b}`, `[abc]`. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:[^/]+/)*' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) re += '\\{';
      else {
        re += `(?:${glob
          .slice(i + 1, end)
          .split(',')
          .map((alt) => globToRegExp(alt).source.slice(1, -1))
          .join('|')})`;
        i = end;
      }
    } else if (c === '[') {
      const end = glob.indexOf(']', i);
      if (end < 0) re += '\\[';
      else {
        re += `[${glob
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^$()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function filesBelow(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesBelow(p));
    else out.push(p);
  }
  return out;
}

/** The files a glob matches, sorted; relative globs from `cwd`. */
export function expandGlob(glob: string, cwd: string): string[] {
  const parts = glob.split(/[\\/]/);
  const fixed: string[] = [];
  while (parts.length > 1 && !isGlob(parts[0])) fixed.push(parts.shift() as string);
  const base = resolve(cwd, fixed.length === 0 ? '.' : fixed.join('/') || '/');
  if (!existsSync(base)) return [];
  const re = globToRegExp(parts.join('/'));
  return filesBelow(base)
    .filter((f) => re.test(relative(base, f).split(sep).join('/')))
    .sort();
}

/**
 * Files, folders and globs → absolute paths for the scenario loader (which
 * names a missing file or an empty folder). A glob that matches nothing is a
 * CliError naming it.
 */
export function scenarioPaths(args: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (const arg of args) {
    if (!isGlob(arg) || existsSync(resolve(cwd, arg))) {
      out.push(isAbsolute(arg) ? arg : resolve(cwd, arg));
      continue;
    }
    const matched = expandGlob(arg, cwd);
    if (matched.length === 0)
      throw new CliError(
        `[live-harness] Failed to find scenarios: the pattern ${JSON.stringify(arg)} matches no file under ${cwd}. Check the pattern (quote it so the shell leaves it to live-harness), or pass the files or their folder.`,
      );
    out.push(...matched);
  }
  return [...new Set(out)];
}
