/**
 * `live-harness init`: sets up an existing mini-program project for
 * live-harness — a scenarios/ folder with an example scenario that plays one
 * of the project's own live pages when it has one, the jest preset, and an
 * npm script. It never overwrites a file: what is already there is named
 * and left alone, and a jest config in code gets the line to add printed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { CliError } from './args';
import { findUserProject, LOOKED_FOR, SCENARIOS_DIR } from './project';

export const INIT_USAGE = `Usage: live-harness init [--root DIR]
  Sets up your mini-program project (the working folder, or --root) for
  live-harness, and never overwrites a file (it names what it skipped):
  - scenarios/example.scenario.js: a scenario on one of your pages that has a
    <live-pusher> or <live-player> (else a generic one to edit, marked so);
  - the jest preset: "preset": "live-harness" in package.json's "jest" key
    (a jest.config.js|ts is code: the line to add is printed instead);
  - the npm script "test:live": "live-harness run".
  Then: npx live-harness run (or npm run test:live).`;

const JEST_CONFIGS = ['jest.config.js', 'jest.config.ts', 'jest.config.mjs', 'jest.config.cjs', 'jest.config.json'];
export const EXAMPLE_FILE = 'example.scenario.js';
const SCRIPT = { name: 'test:live', command: 'live-harness run' };

export interface InitOptions {
  readonly cwd: string;
  /** the project folder; default cwd */
  readonly root?: string;
  readonly print: (line: string) => void;
}

/** A page of the project with a live tag, and the element's id. */
export interface LivePage {
  readonly route: string;
  readonly tag: 'live-pusher' | 'live-player';
  readonly id: string;
  /** live-player: the stream key its src names, when the page's code spells the URL out */
  readonly streamKey?: string;
  /** the host of the first stream URL the page's code spells out */
  readonly host?: string;
}

/** The hosts a rig maps without being told (createRig's default host map): others fail as DNS does. */
const MAPPED_HOST = /(^|\.)(livepush|liveplay)\.myqcloud\.com$|^localhost$|^127\.0\.0\.1$/;

/** The first page (in app.json's order) with a <live-pusher> (preferred: it needs no stream) or a <live-player> with an id. */
export function findLivePage(miniprogramRoot: string): LivePage | undefined {
  let pages: unknown;
  try {
    pages = (JSON.parse(readFileSync(join(miniprogramRoot, 'app.json'), 'utf8')) as { pages?: unknown }).pages;
  } catch {
    return undefined;
  }
  if (!Array.isArray(pages)) return undefined;
  const found: LivePage[] = [];
  for (const route of pages.filter((p): p is string => typeof p === 'string')) {
    const wxml = join(miniprogramRoot, `${route}.wxml`);
    if (!existsSync(wxml)) continue;
    const text = readFileSync(wxml, 'utf8');
    for (const tag of ['live-pusher', 'live-player'] as const) {
      const el = new RegExp(`<${tag}\\b[^>]*?\\bid="([\\w-]+)"`).exec(text);
      if (!el) continue;
      const js = [`${route}.js`, `${route}.ts`].map((f) => join(miniprogramRoot, f)).find(existsSync);
      const url = js ? /(?:rtmp|https?):\/\/([^/:'"`\s]+)[^/'"`\s]*\/([^'"`\s?]+?)(?:\.flv)?(?:\?[^'"`\s]*)?['"`]/.exec(readFileSync(js, 'utf8')) : null;
      const streamKey = tag === 'live-player' ? url?.[2] : undefined;
      found.push({ route, tag, id: el[1], ...(streamKey ? { streamKey } : {}), ...(url ? { host: url[1] } : {}) });
    }
  }
  return found.find((p) => p.tag === 'live-pusher') ?? found.find((p) => p.streamKey) ?? undefined;
}

/** The example scenario's source: plain CommonJS with a type comment, so it loads with or without TypeScript in the project. */
export function exampleScenario(page: LivePage | undefined, fallbackRoute: string): string {
  const head = `// An example live-harness scenario, written by \`live-harness init\`.
// Run it with: npx live-harness run  (or npm run ${SCRIPT.name})
// What a scenario can say: node_modules/live-harness/docs/scenarios.md
/** @type {import('live-harness').Scenario} */
module.exports = {`;
  if (page?.tag === 'live-pusher')
    return `${head}
  name: 'example: ${page.route} goes live',
  description: 'Your page ${page.route} starts its <live-pusher id="${page.id}">: the push begins within 5 s and does not give up.',
  setup: { page: '${page.route}' },
  duration: '10s',
  expect: {
    // 1002: the push began (live-harness codes pusher lists them all).
    sequence: ['pusher#${page.id} 1002 within 5s'],
    never: ['pusher#${page.id} -1307'],
  },
};
`;
  if (page?.tag === 'live-player' && page.streamKey)
    return `${head}
  name: 'example: ${page.route} plays ${page.streamKey}',
  description: 'An anchor publishes ${page.streamKey}; your page ${page.route} plays it in its <live-player id="${page.id}"> within 5 s.',
  setup: { page: '${page.route}', streams: [{ key: '${page.streamKey}' }] },
  duration: '10s',
  expect: {
    // 2004: playback began (live-harness codes player lists them all).
    sequence: ['player#${page.id} 2004 within 5s'],
    never: ['player#${page.id} -2301'],
  },
};
`;
  return `// EDIT ME: no page of app.json has a <live-pusher> or <live-player> with an id,
// so this scenario only loads your first page. Point setup.page at a page with
// a live tag and expect its codes, e.g. sequence: ['pusher#<id> 1002 within 5s'].
${head}
  name: 'example: ${fallbackRoute} loads (edit me)',
  description: 'Loads ${fallbackRoute}; a placeholder to edit into a live story.',
  setup: { page: '${fallbackRoute}' },
  duration: '2s',
  expect: {
    sequence: ['page lifecycle'],
  },
};
`;
}

export function initCommand(o: InitOptions): number {
  const dir = resolve(o.cwd, o.root ?? '.');
  const project = findUserProject(dir);
  if (!project)
    throw new CliError(
      `[live-harness] Failed to set up live-harness: ${dir} is not a mini-program project (no ${LOOKED_FOR.join(', no ')}). Run init in your project's folder, or pass --root <project folder>.`,
    );
  const rel = (p: string): string => relative(dir, p) || '.';
  o.print(`mini-program: ${project.miniprogramRoot} (${project.foundBy})`);

  // scenarios/ and the example
  const scenarios = join(dir, SCENARIOS_DIR);
  mkdirSync(scenarios, { recursive: true });
  const example = join(scenarios, EXAMPLE_FILE);
  const appJson = JSON.parse(readFileSync(join(project.miniprogramRoot, 'app.json'), 'utf8')) as { pages?: string[] };
  const page = findLivePage(project.miniprogramRoot);
  if (existsSync(example)) o.print(`skipped ${rel(example)}: it exists (left as it is)`);
  else {
    writeFileSync(example, exampleScenario(page, appJson.pages?.[0] ?? 'pages/index/index'));
    o.print(
      `created ${rel(example)}: ${page ? `plays your page ${page.route} (its <${page.tag} id="${page.id}">)` : 'a generic scenario: no page has a <live-pusher> or <live-player> with an id; edit it (marked EDIT ME)'}`,
    );
    if (page?.host && !MAPPED_HOST.test(page.host))
      o.print(
        `note: ${page.route} streams to ${page.host}, which the rig does not map (it maps *.livepush.myqcloud.com, *.liveplay.myqcloud.com, localhost, 127.0.0.1), so in a scenario its connection fails as a DNS lookup does (3001). Test with a URL on a mapped host, or from jest with createRig({ hosts: [..., "${page.host}"] }).`,
      );
  }

  // the jest preset, and the npm script
  const pkgFile = join(dir, 'package.json');
  const jestConfig = JEST_CONFIGS.map((f) => join(dir, f)).find(existsSync);
  if (!existsSync(pkgFile)) {
    o.print(
      `skipped package.json: there is none. Create one (npm init -y), then add "jest": { "preset": "live-harness" } and the script "${SCRIPT.name}": "${SCRIPT.command}".`,
    );
    if (jestConfig) o.print(`add to ${rel(jestConfig)}: preset: 'live-harness',`);
    return 0;
  }
  const text = readFileSync(pkgFile, 'utf8');
  let pkg: { jest?: Record<string, unknown> | string; scripts?: Record<string, string> };
  try {
    pkg = JSON.parse(text) as typeof pkg;
  } catch (e) {
    throw new CliError(
      `[live-harness] Failed to set up live-harness: ${pkgFile} is not JSON (${e instanceof Error ? e.message : String(e)}). Fix it, then run init again.`,
    );
  }
  const notes: string[] = [];
  let changed = false;
  if (jestConfig) {
    const current = readFileSync(jestConfig, 'utf8');
    if (/['"]?preset['"]?\s*:\s*['"]live-harness['"]/.test(current)) notes.push(`jest preset: ${rel(jestConfig)} already uses live-harness`);
    else notes.push(`jest preset: ${rel(jestConfig)} is code, so init leaves it alone. Add this line to its config object:\n    preset: 'live-harness',`);
  } else if (typeof pkg.jest === 'string' || (pkg.jest !== undefined && (typeof pkg.jest !== 'object' || Array.isArray(pkg.jest)))) {
    notes.push(`jest preset: package.json's "jest" is not an object; add "preset": "live-harness" to your jest config yourself`);
  } else if (pkg.jest?.preset === 'live-harness') notes.push('jest preset: package.json already has "preset": "live-harness"');
  else if (pkg.jest?.preset !== undefined)
    notes.push(
      `skipped the jest preset: package.json's "jest" has "preset": ${JSON.stringify(pkg.jest.preset)}; jest takes one preset. Use live-harness's instead, or add its setup (the preset's setup, jest/setup in the live-harness package) to yours`,
    );
  else {
    const had = pkg.jest !== undefined;
    pkg.jest = { preset: 'live-harness', ...(pkg.jest ?? {}) };
    notes.push(had ? `added "preset": "live-harness" to package.json's "jest"` : `added "jest": { "preset": "live-harness" } to package.json`);
    changed = true;
  }
  const scripts = pkg.scripts ?? {};
  if (scripts[SCRIPT.name] === SCRIPT.command) notes.push(`npm script: "${SCRIPT.name}" is already "${SCRIPT.command}"`);
  else if (scripts[SCRIPT.name] !== undefined)
    notes.push(`skipped the npm script: "${SCRIPT.name}" is already ${JSON.stringify(scripts[SCRIPT.name])}. Add "${SCRIPT.command}" under another name`);
  else {
    pkg.scripts = { ...scripts, [SCRIPT.name]: SCRIPT.command };
    notes.push(`added the npm script "${SCRIPT.name}": "${SCRIPT.command}" to package.json`);
    changed = true;
  }
  if (changed) {
    // The file's own indentation and final newline, so the diff is only what was added.
    const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ';
    writeFileSync(pkgFile, `${JSON.stringify(pkg, null, indent)}${text.endsWith('\n') ? '\n' : ''}`);
  }
  for (const n of notes) o.print(n);
  o.print(`next: npx live-harness run   (or npm run ${SCRIPT.name})`);
  return 0;
}
