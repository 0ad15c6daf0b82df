/**
 * Which mini-program a run plays against, and which scenarios it plays when
 * none are named: the user's project in the working folder (its
 * project.config.json's miniprogramRoot, or a folder with app.json), with
 * the user's scenarios; or, inside this package itself, the bundled sample
 * with the bundled scenarios. A run never mixes the two.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError } from './args';

export interface Project {
  /** the mini-program folder (with app.json) */
  readonly miniprogramRoot: string;
  /** 'bundled': this package's sample; 'user': the project found in the working folder or given with --root */
  readonly kind: 'bundled' | 'user';
  /** the project folder (where project.config.json, package.json and scenarios/ are) */
  readonly projectDir: string;
  /** how it was found, to say so */
  readonly foundBy: string;
}

/** Where a project's scenarios live: the folder `init` creates. */
export const SCENARIOS_DIR = 'scenarios';

/** What the search looks for, in order, to name it when nothing is found. */
export const LOOKED_FOR = ["project.config.json's miniprogramRoot", 'app.json', 'miniprogram/app.json'];

const isFile = (p: string): boolean => existsSync(p) && statSync(p).isFile();

/**
 * The user's mini-program under `dir`: project.config.json's miniprogramRoot
 * (relative to that file), else `dir` itself when it holds app.json, else its
 * `miniprogram/` subfolder. Undefined when there is none.
 */
export function findUserProject(dir: string): Project | undefined {
  const config = join(dir, 'project.config.json');
  if (isFile(config)) {
    let root: unknown;
    try {
      root = (JSON.parse(readFileSync(config, 'utf8')) as { miniprogramRoot?: unknown }).miniprogramRoot;
    } catch (e) {
      throw new CliError(
        `[live-harness] Failed to read ${config}: it is not JSON (${e instanceof Error ? e.message : String(e)}). Fix it, or pass --root <folder with app.json>.`,
      );
    }
    if (typeof root === 'string' && root.trim() !== '') {
      const miniprogramRoot = resolve(dir, root);
      if (!isFile(join(miniprogramRoot, 'app.json')))
        throw new CliError(
          `[live-harness] Failed to find the mini-program: ${config} sets miniprogramRoot ${JSON.stringify(root)}, and ${join(miniprogramRoot, 'app.json')} does not exist. Fix miniprogramRoot, or pass --root <folder with app.json>.`,
        );
      return { miniprogramRoot, kind: 'user', projectDir: dir, foundBy: `miniprogramRoot in ${config}` };
    }
  }
  for (const candidate of [dir, join(dir, 'miniprogram')])
    if (isFile(join(candidate, 'app.json'))) return { miniprogramRoot: candidate, kind: 'user', projectDir: dir, foundBy: join(candidate, 'app.json') };
  return undefined;
}

/**
 * The project a run plays against. `--root` wins; inside this package (the
 * working folder is the package or below it) the bundled sample; else the
 * user's project in the working folder, or a CliError naming what was looked
 * for and --root.
 */
export function resolveProject(options: { readonly root?: string; readonly cwd: string; readonly packageRoot: string }): Project {
  const bundled = join(options.packageRoot, 'fixtures', 'miniprogram');
  if (options.root !== undefined) {
    const root = resolve(options.cwd, options.root);
    if (!isFile(join(root, 'app.json')))
      throw new CliError(`[live-harness] Failed to find the mini-program: ${join(root, 'app.json')} does not exist. Pass --root <folder with app.json>.`);
    const kind = resolve(root) === resolve(bundled) ? 'bundled' : 'user';
    return { miniprogramRoot: root, kind, projectDir: kind === 'bundled' ? options.packageRoot : options.cwd, foundBy: '--root' };
  }
  const cwd = resolve(options.cwd);
  const pkg = resolve(options.packageRoot);
  if (cwd === pkg || cwd.startsWith(`${pkg}/`) || cwd.startsWith(`${pkg}\\`)) {
    // Inside the package: a project of its own below it (a fixture) still counts; the package's own folder is the sample.
    const own = cwd === pkg ? undefined : findUserProject(cwd);
    if (own) return own;
    return { miniprogramRoot: bundled, kind: 'bundled', projectDir: pkg, foundBy: 'the bundled sample (run inside live-harness itself)' };
  }
  const found = findUserProject(cwd);
  if (found) return found;
  throw new CliError(
    `[live-harness] Failed to find the mini-program: ${cwd} has no ${LOOKED_FOR.join(', no ')}. Run live-harness in your mini-program project, or pass --root <folder with app.json>.`,
  );
}
