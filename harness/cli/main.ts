/**
 * live-harness command line.
 *   live-harness run [files…] [--seed N] [--root DIR] [--report DIR]
 *   live-harness codes [pusher|player|errors]
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { allCodes, errorCodes, type CodeEntry } from '../../mocks/codes';
import { installDom, runScenario, type Scenario, type ScenarioResult } from '../runner';
import { packageRoot } from './package-root';

export const REPORT_SCHEMA_VERSION = 1;

const USAGE = `Usage:
  live-harness run [scenario files…] [--seed N] [--root DIR] [--report DIR]
      Runs scenarios in virtual time. Without files: the bundled scenarios on the
      bundled sample mini-program. --root is the mini-program (folder with app.json).
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
}

function parseRun(argv: string[]): RunArgs {
  const out: RunArgs = { files: [], report: 'reports' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new CliError(`[live-harness] Failed to read the command line: ${a} needs a value. ${USAGE}`);
      return v;
    };
    if (a === '--seed') {
      const v = value();
      if (!/^\d+$/.test(v)) throw new CliError(`[live-harness] Failed to read the command line: --seed ${JSON.stringify(v)} is not a whole number. Pass e.g. --seed 7.`);
      out.seed = Number(v);
    } else if (a === '--root') out.root = resolve(value());
    else if (a === '--report') out.report = value();
    else if (a.startsWith('--')) throw new CliError(`[live-harness] Failed to read the command line: unknown option ${a}. ${USAGE}`);
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
  if (!s || typeof s !== 'object' || typeof s.name !== 'string') throw new CliError(`[live-harness] Failed to load scenario file ${file}: it exports no scenario. Export one with "export default defineScenario({...})".`);
  return s;
}

async function run(args: RunArgs, print: (s: string) => void): Promise<number> {
  const pkg = packageRoot();
  const root = args.root ?? join(pkg, 'fixtures', 'miniprogram');
  if (!existsSync(join(root, 'app.json'))) throw new CliError(`[live-harness] Failed to find the mini-program: ${join(root, 'app.json')} does not exist. Pass --root <folder with app.json>.`);
  let files = args.files;
  if (files.length === 0) {
    const dir = existsSync(join(__dirname, '../../scenarios')) ? join(__dirname, '../../scenarios') : join(pkg, 'scenarios');
    files = readdirSync(dir)
      .filter((f) => /\.scenario\.(js|ts)$/.test(f) && !f.endsWith('.d.ts'))
      .sort()
      .map((f) => join(dir, f));
  }
  const removeDom = installDom();
  const warn = console.warn;
  console.warn = () => undefined; // warnings are on each timeline and in the report
  const results: ScenarioResult[] = [];
  const started = new Date();
  try {
    for (const f of files) {
      const s = loadScenario(f);
      const r = await runScenario(s, { miniprogramRoot: root, seed: args.seed });
      results.push(r);
      const mark = r.status === 'passed' ? 'PASS' : r.status === 'failed' ? 'FAIL' : 'N/A ';
      print(`${mark}  ${s.name}  (${(r.virtualMs / 1000).toFixed(0)} s virtual, ${r.wallMs.toFixed(0)} ms wall)`);
      if (r.status === 'failed') for (const line of r.failures.join('\n').split('\n').slice(0, 40)) print(`      ${line}`);
    }
  } finally {
    console.warn = warn;
    removeDom();
    // Reports are written whatever happened.
    const dir = join(resolve(args.report), started.toISOString().replace(/[:.]/g, '-'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'results.json'), JSON.stringify({ schemaVersion: REPORT_SCHEMA_VERSION, startedAt: started.toISOString(), target: 'simulate', clock: 'virtual', seed: args.seed ?? null, miniprogramRoot: root, scenarios: results }, null, 2));
    print(`report: ${join(dir, 'results.json')}`);
  }
  const passed = results.filter((r) => r.status === 'passed').length;
  const failed = results.filter((r) => r.status === 'failed').length;
  print(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

function codes(which: string | undefined, print: (s: string) => void): number {
  const tables: Array<[string, readonly CodeEntry[]]> = [];
  if (!which || which === 'pusher') tables.push(['live-pusher statechange', allCodes('pusher')]);
  if (!which || which === 'player') tables.push(['live-player statechange', allCodes('player')]);
  if (!which || which === 'errors') tables.push(['live-pusher binderror', errorCodes()]);
  if (tables.length === 0) throw new CliError(`[live-harness] Failed to print codes: ${JSON.stringify(which)} is not a table. Use pusher, player or errors.`);
  for (const [title, rows] of tables) {
    print(title);
    for (const e of rows) print(`  ${String(e.code).padStart(7)}  ${e.kind.padEnd(7)}  ${e.name.padEnd(44)}  ${e.meaning}${e.platform ? `  [${e.platform} only]` : ''}`);
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
