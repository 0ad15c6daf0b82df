/**
 * Bounds that hold under load: the real-media scenarios, round after round,
 * while a second copy of the whole test suite (`jest`, restarted whenever it
 * ends) runs on the same machine. The second suite runs in a temporary copy
 * of this repository, so the two share no jest cache and no report folder.
 * Prints each round's result and wall time, the outliers the bounds took, and
 * how the second suite fared; exits non-zero when a round failed.
 *   npm run bench:stress [-- --rounds 10]
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { installDom, type Scenario } from '../harness/runner';

const ROUNDS = Number(arg('--rounds') ?? 10);
const root = join(__dirname, '..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The working tree as it is (tracked and new files, built dist/), with node_modules shared by a link. */
function copyOfThisRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lh-stress-'));
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && existsSync(join(root, f)));
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(root, f), join(dir, f));
  }
  cpSync(join(root, 'dist'), join(dir, 'dist'), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

interface SuiteRun {
  readonly wallMs: number;
  readonly passed: number;
  readonly total: number;
  readonly failed: readonly string[];
}

/** `jest` in the copy, again and again until stopped: the second run that shares the machine. */
class SecondSuite {
  readonly runs: SuiteRun[] = [];
  private child: ChildProcess | undefined;
  private stopped = false;
  private n = 0;

  constructor(private readonly dir: string) {}

  start(): void {
    if (this.stopped) return;
    const n = ++this.n;
    const json = join(this.dir, `.stress-run-${n}.json`);
    const log = openSync(join(this.dir, `.stress-run-${n}.log`), 'w');
    const t0 = performance.now();
    // Detached: its own process group, so stop() ends jest, its workers and what they started.
    const child = spawn(
      process.execPath,
      [join(this.dir, 'node_modules/jest/bin/jest.js'), '--ci', '--cacheDirectory', join(this.dir, '.jest-cache'), '--json', '--outputFile', json],
      { cwd: this.dir, detached: true, stdio: ['ignore', log, log], env: { ...process.env, FORCE_COLOR: '0' } },
    );
    closeSync(log);
    this.child = child;
    child.once('exit', () => {
      this.child = undefined;
      if (this.stopped) return; // cut short: not a run
      this.runs.push(this.result(json, performance.now() - t0));
      this.start();
    });
  }

  private result(json: string, wallMs: number): SuiteRun {
    try {
      const r = JSON.parse(readFileSync(json, 'utf8')) as {
        numPassedTests: number;
        numTotalTests: number;
        testResults: Array<{ name: string; status: string; assertionResults: Array<{ status: string; fullName: string }> }>;
      };
      const failed = r.testResults.flatMap((f) =>
        f.status === 'passed'
          ? []
          : f.assertionResults.some((a) => a.status === 'failed')
            ? f.assertionResults.filter((a) => a.status === 'failed').map((a) => `${f.name.slice(this.dir.length + 1)}: ${a.fullName}`)
            : [`${f.name.slice(this.dir.length + 1)}: the file failed to run`],
      );
      return { wallMs, passed: r.numPassedTests, total: r.numTotalTests, failed };
    } catch {
      return { wallMs, passed: 0, total: 0, failed: ['jest wrote no results (see its .stress-run-*.log)'] };
    }
  }

  /** Ends the run under way (SIGTERM lets the harness stop its encoders and servers), then waits for it. */
  async stop(): Promise<void> {
    this.stopped = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    const group = (signal: NodeJS.Signals): void => {
      try {
        process.kill(-(child.pid as number), signal);
      } catch {
        /* already gone */
      }
    };
    group('SIGTERM');
    const kill = setTimeout(() => group('SIGKILL'), 10_000);
    await exited;
    clearTimeout(kill);
  }
}

async function main(): Promise<void> {
  if (!Number.isInteger(ROUNDS) || ROUNDS < 1)
    throw new Error(`[live-harness] Failed to run the stress bench: --rounds ${arg('--rounds')} is not a whole number ≥ 1. Write e.g. --rounds 10.`);
  if (!existsSync(join(root, 'dist/index.js'))) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });

  const removeDom = installDom();
  const warn = console.warn;
  console.warn = () => undefined; // the mocks' warnings are on each timeline
  const { runScenario, measureEvery, everySummary } = await import('../harness/runner');
  const { stopSharedMediaServer } = await import('../harness/media');
  const dir = join(root, 'scenarios');
  const media: Scenario[] = [];
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.scenario.ts'))
    .sort()) {
    const s = ((await import(join(dir, f))) as { default: Scenario }).default;
    // as scenarios/media.test.ts: real-media stories, and those any target can run (needs: [])
    if (s.needs !== undefined && (s.needs.length === 0 || s.needs.includes('real-media'))) media.push(s);
  }

  const copy = copyOfThisRepository();
  const second = new SecondSuite(copy);
  const cleanUp = async (): Promise<void> => {
    await second.stop();
    await stopSharedMediaServer();
    rmSync(copy, { recursive: true, force: true });
  };
  const interrupted = (): void => void cleanUp().then(() => process.exit(130));
  process.once('SIGINT', interrupted);

  console.log(
    `stress: ${media.length} real-media scenarios × ${ROUNDS} rounds on ${cpus().length} cores, while a second copy of the suite (jest, restarted as it ends) runs in ${copy}`,
  );
  const rounds: Array<{ passed: boolean; wallMs: number }> = [];
  try {
    second.start();
    for (let i = 1; i <= ROUNDS; i++) {
      const t0 = performance.now();
      const lines: string[] = [];
      let passed = 0;
      for (const s of media) {
        const r = await runScenario(s, { miniprogramRoot: join(root, 'fixtures/miniprogram'), media: 'local' });
        if (r.status === 'passed') passed++;
        else lines.push(`    FAIL ${s.name} (${seconds(r.wallMs)}):\n      ${r.failures.join('\n').split('\n').slice(0, 8).join('\n      ')}`);
        // What the bounds allowed and took: outliers, passing or not.
        for (const ev of s.expect.every ?? []) {
          const m = measureEvery(r.timeline, ev);
          if (m.outliers > 0) lines.push(`    outliers in "${s.name}": ${everySummary(ev, m)}`);
        }
      }
      const wallMs = performance.now() - t0;
      rounds.push({ passed: passed === media.length, wallMs });
      console.log(`  round ${String(i).padStart(2)}: ${passed}/${media.length} passed in ${seconds(wallMs)} (load average ${loadavg()[0].toFixed(2)})`);
      for (const l of lines) console.log(l);
    }
  } finally {
    await cleanUp();
    process.off('SIGINT', interrupted);
    console.warn = warn;
    removeDom();
  }

  const runs = second.runs;
  console.log(
    `  second suite: ${runs.length} complete run(s) alongside${runs.length ? `: ${runs.map((r) => `${r.passed}/${r.total} passed in ${seconds(r.wallMs)}`).join('; ')}` : ''}`,
  );
  for (const f of runs.flatMap((r) => r.failed)) console.log(`    failed in the second suite: ${f}`);
  const ok = rounds.filter((r) => r.passed).length;
  console.log(`media scenarios: ${ok}/${ROUNDS} passed under a concurrent second run`);
  if (ok !== ROUNDS) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
