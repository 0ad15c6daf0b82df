/**
 * live-harness command line.
 *   live-harness run [files…] [--seed N] [--root DIR] [--report DIR] [--target auto|virtual|media]
 *   live-harness doctor
 *   live-harness codes [pusher|player|errors]
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { allCodes, errorCodes, type CodeEntry } from '../../mocks/codes';
import { onInterrupt, stopSharedMediaServer } from '../media';
import { installDom, runScenario, type Scenario, type ScenarioResult } from '../runner';
import { doctor } from './doctor';
import { packageRoot } from './package-root';

/** 2: scenarios carry their clock and, on real media, what the rig opened; the report says whether the run was interrupted. */
export const REPORT_SCHEMA_VERSION = 2;

const TARGETS = ['auto', 'virtual', 'media'] as const;
type Target = (typeof TARGETS)[number];

const USAGE = `Usage:
  live-harness run [scenario files…] [--seed N] [--root DIR] [--report DIR] [--target auto|virtual|media]
      Runs scenarios. Without files: the bundled scenarios on the bundled sample
      mini-program. Each runs on the target it needs (--target auto): in virtual
      time, or on real media (the embedded RTMP/HTTP-FLV server, or
      LIVE_HARNESS_SERVER, with real ffmpeg encoders). --target virtual|media
      runs only that target; the rest are reported not applicable.
      --root is the mini-program (folder with app.json).
  live-harness doctor
      Checks that this machine can run real media (ffmpeg, server, encoder).
  live-harness codes [pusher|player|errors]
      Prints the status-code table.
  live-harness help`;

export class CliError extends Error {
  readonly code = 'LH_CLI';
}

interface RunArgs {
  files: string[];
  seed?: number;
  root?: string;
  report: string;
  target: Target;
}

function parseRun(argv: string[]): RunArgs {
  const out: RunArgs = { files: [], report: 'reports', target: 'auto' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new CliError(`[live-harness] Failed to read the command line: ${a} needs a value. ${USAGE}`);
      return v;
    };
    if (a === '--seed') {
      const v = value();
      if (!/^\d+$/.test(v))
        throw new CliError(`[live-harness] Failed to read the command line: --seed ${JSON.stringify(v)} is not a whole number. Pass e.g. --seed 7.`);
      out.seed = Number(v);
    } else if (a === '--root') out.root = resolve(value());
    else if (a === '--report') out.report = value();
    else if (a === '--target') {
      const v = value();
      if (!(TARGETS as readonly string[]).includes(v))
        throw new CliError(`[live-harness] Failed to read the command line: --target ${JSON.stringify(v)} is not a target. Use ${TARGETS.join(', ')}.`);
      out.target = v as Target;
    } else if (a.startsWith('--')) throw new CliError(`[live-harness] Failed to read the command line: unknown option ${a}. ${USAGE}`);
    else out.files.push(resolve(a));
  }
  return out;
}

function loadScenario(file: string): Scenario {
  if (!existsSync(file)) throw new CliError(`[live-harness] Failed to load scenario file ${file}: it does not exist. Check the path.`);
  if (extname(file) === '.ts') {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('tsx/cjs');
    } catch {
      throw new CliError(`[live-harness] Failed to load scenario file ${file}: .ts scenarios need tsx. Run "npm i -D tsx", or compile the scenario to .js.`);
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as { default?: Scenario };
  const s = mod.default ?? (mod as unknown as Scenario);
  if (!s || typeof s !== 'object' || typeof s.name !== 'string')
    throw new CliError(`[live-harness] Failed to load scenario file ${file}: it exports no scenario. Export one with "export default defineScenario({...})".`);
  return s;
}

function needsMedia(s: Scenario): boolean {
  return (s.needs ?? []).includes('real-media');
}

async function run(args: RunArgs, print: (s: string) => void): Promise<number> {
  const pkg = packageRoot();
  const root = args.root ?? join(pkg, 'fixtures', 'miniprogram');
  if (!existsSync(join(root, 'app.json')))
    throw new CliError(`[live-harness] Failed to find the mini-program: ${join(root, 'app.json')} does not exist. Pass --root <folder with app.json>.`);
  let files = args.files;
  if (files.length === 0) {
    const dir = existsSync(join(__dirname, '../../scenarios')) ? join(__dirname, '../../scenarios') : join(pkg, 'scenarios');
    files = readdirSync(dir)
      .filter((f) => /\.scenario\.(js|ts)$/.test(f) && !f.endsWith('.d.ts'))
      .sort()
      .map((f) => join(dir, f));
  }
  const scenarios = files.map((f) => ({ file: f, scenario: loadScenario(f) }));
  const removeDom = installDom();
  const warn = console.warn;
  console.warn = () => undefined; // warnings are on each timeline and in the report
  const results: Array<ScenarioResult & { file: string }> = [];
  const started = new Date();
  const abort = new AbortController();
  let interrupted = false;
  let finished: Promise<void> | undefined;
  // Once, whichever comes first (the end of the run, or Ctrl-C): stop the shared server, write the report.
  const finish = (): Promise<void> =>
    (finished ??= (async () => {
      await stopSharedMediaServer();
      const dir = join(resolve(args.report), started.toISOString().replace(/[:.]/g, '-'));
      mkdirSync(dir, { recursive: true });
      const report = {
        schemaVersion: REPORT_SCHEMA_VERSION,
        startedAt: started.toISOString(),
        finishedAt: new Date().toISOString(),
        interrupted,
        target: 'simulate',
        seed: args.seed ?? null,
        miniprogramRoot: root,
        scenarios: results,
      };
      writeFileSync(join(dir, 'results.json'), JSON.stringify(report, null, 2));
      print(`report: ${join(dir, 'results.json')}`);
    })());
  // Ctrl-C: stop the running scenario (its rig tears down), then write what was seen.
  const offInterrupt = onInterrupt(async () => {
    interrupted = true;
    print('interrupted: stopping the running scenario and writing the report');
    abort.abort();
    await new Promise((r) => setTimeout(r, 50));
    await finish();
  });
  try {
    for (const { file, scenario: s } of scenarios) {
      if (abort.signal.aborted) break;
      const media = args.target === 'media' || (args.target === 'auto' && needsMedia(s));
      const r = await runScenario(s, { miniprogramRoot: root, seed: args.seed, signal: abort.signal, ...(media ? { media: 'local' as const } : {}) });
      results.push({ ...r, file });
      const mark = r.status === 'passed' ? 'PASS' : r.status === 'failed' ? 'FAIL' : 'N/A ';
      const span =
        r.status === 'not-applicable'
          ? r.failures[0]
          : `${(r.virtualMs / 1000).toFixed(0)} s ${r.clock === 'real' ? 'real media' : 'virtual'}, ${r.wallMs.toFixed(0)} ms wall`;
      print(`${mark}  ${s.name}  (${span})`);
      if (r.status === 'failed') for (const line of r.failures.join('\n').split('\n').slice(0, 40)) print(`      ${line}`);
    }
  } finally {
    offInterrupt();
    console.warn = warn;
    removeDom();
    // Reports are written whatever happened.
    await finish();
  }
  const passed = results.filter((r) => r.status === 'passed').length;
  const failed = results.filter((r) => r.status === 'failed').length;
  const na = results.filter((r) => r.status === 'not-applicable').length;
  print(`${passed} passed, ${failed} failed${na ? `, ${na} not applicable` : ''}`);
  return failed === 0 && !interrupted ? 0 : 1;
}

function codes(which: string | undefined, print: (s: string) => void): number {
  const tables: Array<[string, readonly CodeEntry[]]> = [];
  if (!which || which === 'pusher') tables.push(['live-pusher statechange', allCodes('pusher')]);
  if (!which || which === 'player') tables.push(['live-player statechange', allCodes('player')]);
  if (!which || which === 'errors') tables.push(['live-pusher binderror', errorCodes()]);
  if (tables.length === 0) throw new CliError(`[live-harness] Failed to print codes: ${JSON.stringify(which)} is not a table. Use pusher, player or errors.`);
  for (const [title, rows] of tables) {
    print(title);
    for (const e of rows)
      print(`  ${String(e.code).padStart(7)}  ${e.kind.padEnd(7)}  ${e.name.padEnd(44)}  ${e.meaning}${e.platform ? `  [${e.platform} only]` : ''}`);
  }
  return 0;
}

export async function main(argv: string[], print: (s: string) => void = (s) => console.log(s)): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'run':
        return await run(parseRun(rest), print);
      case 'codes':
        return codes(rest[0], print);
      case 'doctor':
        return await doctor(print);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        print(USAGE);
        return cmd === undefined ? 1 : 0;
      default:
        throw new CliError(`[live-harness] Failed to read the command line: unknown command ${JSON.stringify(cmd)}. ${USAGE}`);
    }
  } catch (e) {
    print(e instanceof Error ? e.message : String(e));
    return 2;
  }
}
