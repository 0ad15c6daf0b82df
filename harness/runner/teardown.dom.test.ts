/**
 * Whatever way a real-media run ends — passed, failed, timed out, Ctrl-C —
 * every process it started is gone and every port it opened is free again.
 * Checked from the outside: pids by signal 0, ports by connecting, and for the
 * CLI by the environment its children inherited.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alive, eventually, refused } from '../../test-support/processes';
import { runningPids } from '../media';
import { createRig } from '../rig';
import { runScenario, type ScenarioResult } from '.';
import type { Scenario } from './scenario';

const root = join(__dirname, '../../fixtures/miniprogram');
const pkg = join(__dirname, '../..');

const story = (over: Partial<Scenario> & { expect: Scenario['expect'] }): Scenario => ({
  name: 'studio on its own server',
  description: 'The studio pushes and watches itself on a server of its own.',
  needs: ['real-media'],
  setup: { page: 'pages/studio/studio' },
  duration: '4s',
  ...over,
});

async function expectNothingLeft(r: ScenarioResult): Promise<void> {
  const opened = r.opened;
  expect(opened).toBeDefined();
  if (!opened) return;
  // its own server and at least the pusher's encoder; the server's two ports and its fault proxy's two
  expect(opened.pids.length).toBeGreaterThanOrEqual(2);
  expect(opened.ports).toHaveLength(4);
  for (const pid of opened.pids) {
    expect(alive(pid)).toBe(false);
    expect(runningPids()).not.toContain(pid);
  }
  for (const port of opened.ports) expect(await refused(port)).toBe(true);
}

describe('teardown on real media', () => {
  it('leaves no process and no port after a passing scenario', async () => {
    const r = await runScenario(story({ expect: { sequence: ['pusher#pusher 1002', 'player#monitor 2004'] } }), {
      miniprogramRoot: root,
      media: { server: 'own' },
    });
    expect(r.failures).toEqual([]);
    expect(r.status).toBe('passed');
    await expectNothingLeft(r);
  }, 60_000);

  it('leaves no process and no port after a failing scenario', async () => {
    const r = await runScenario(story({ expect: { never: ['pusher#pusher 1002'] } }), { miniprogramRoot: root, media: { server: 'own' } });
    expect(r.status).toBe('failed');
    expect(r.failures[0]).toMatch(/^expected never .*1002.*, but saw it 1×$/);
    await expectNothingLeft(r);
  }, 60_000);

  it('stops a scenario that runs out of time, on time, and leaves nothing behind', async () => {
    const t0 = Date.now();
    const r = await runScenario(story({ duration: '60s', expect: { sequence: ['pusher#pusher 1002'] } }), {
      miniprogramRoot: root,
      media: { server: 'own' },
      timeoutMs: 3000,
    });
    const took = Date.now() - t0;
    console.log(`timed-out run returned after ${took} ms for a 3000 ms budget`);
    expect(r.status).toBe('failed');
    expect(r.failures).toContain(
      'the run timed out after 3000 ms of wall time (timeoutMs); everything it started was stopped. Raise timeoutMs, or look for a step that never ends',
    );
    // the budget, plus teardown (SIGTERM, then SIGKILL after 2 s at worst)
    expect(took).toBeLessThan(3000 + 6000);
    await expectNothingLeft(r);
  }, 60_000);

  it('stops a server of its own that was still starting when the rig was disposed', async () => {
    const before = runningPids();
    const rig = createRig({ media: { server: 'own' }, miniprogramRoot: root });
    const starting = rig.ready();
    await rig.dispose(); // at once: the server's start is still under way
    // Once dispose has returned, no process of the rig may run — not even one that appears later.
    let settled = false;
    void starting.finally(() => (settled = true));
    const seen = new Set<number>();
    while (!settled) {
      for (const p of runningPids()) if (!before.includes(p)) seen.add(p);
      await new Promise((r) => setTimeout(r, 2));
    }
    expect([...seen]).toEqual([]);
    const opened = rig.opened;
    expect(opened.pids).toHaveLength(1); // the server did start, and was stopped
    expect(alive(opened.pids[0])).toBe(false);
    for (const port of opened.ports) expect(await refused(port)).toBe(true);
    expect(runningPids()).toEqual(before);
  }, 30_000);
});

/** pids of processes whose environment carries `mark` (children inherit it). */
function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'latin1');
  } catch {
    return '';
  }
}

function marked(mark: string): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/environ`, 'latin1').includes(mark)) out.push(Number(d));
    } catch {
      /* gone, or not ours to read */
    }
  }
  return out;
}

/** The command line in a child process, marked so that its descendants can be found, with a TMPDIR of its own. */
function cli(args: string[]) {
  const mark = `LH_TEARDOWN_MARK=${randomUUID()}`;
  const [k, v] = mark.split('=');
  const tmp = mkdtempSync(join(tmpdir(), 'lh-cli-tmp-'));
  const child = spawn(process.execPath, [join(pkg, 'bin/live-harness.js'), 'run', ...args], {
    env: { ...process.env, [k]: v, TMPDIR: tmp },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    child,
    mark,
    exited,
    output: () => out,
    /** temp folders of ours it left */
    tempFolders: () => readdirSync(tmp).filter((f) => f.startsWith('live-harness')),
    cleanup: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

describe('the command line', () => {
  // (A run that times out is the in-process test above: the command line has no budget of its own to set.)
  it('leaves no process and no temp folder after real-media scenarios that pass and fail', async () => {
    const reports = mkdtempSync(join(tmpdir(), 'lh-exits-'));
    const run = cli([join(__dirname, '__fixtures__/scenarios/media-exits'), '--report', reports]);
    try {
      expect(await run.exited).toBe(1);
      const out = run.output();
      expect(out).toMatch(/^✓ fixture: real media that passes /m);
      expect(out).toMatch(/^✗ fixture: real media that fails /m);
      expect(marked(run.mark)).toEqual([]);
      expect(run.tempFolders()).toEqual([]);
    } finally {
      run.cleanup();
      rmSync(reports, { recursive: true, force: true });
    }
  }, 90_000);

  it.each([
    ['Ctrl-C', 'SIGINT', 130],
    ['SIGTERM', 'SIGTERM', 143],
  ] as const)(
    'stops the running scenario on %s, writes the report, and leaves no process or temp folder behind',
    async (_name, signal, code) => {
      expect(existsSync('/proc/self/environ')).toBe(true); // Linux: where this check can see children
      const reports = mkdtempSync(join(tmpdir(), 'lh-ctrlc-'));
      // A second scenario that the signal keeps from its turn: it is named as not run.
      const run = cli([
        join(pkg, 'dist/scenarios/media-push-play-live.scenario.js'),
        join(pkg, 'dist/scenarios/play-happy-path.scenario.js'),
        '--report',
        reports,
      ]);
      try {
        // Wait until the run is really under way: its encoder (ffmpeg) is running. Counting processes
        // would not do: in a clone the CLI runs through tsx, whose esbuild service is a child too.
        const t0 = Date.now();
        while (!marked(run.mark).some((p) => commandOf(p).includes('ffmpeg'))) {
          if (Date.now() - t0 > 20_000) throw new Error(`the CLI did not start its server and encoder within 20 s; it said: ${run.output()}`);
          await new Promise((r) => setTimeout(r, 100));
        }
        const children = marked(run.mark).filter((p) => p !== run.child.pid);
        run.child.kill(signal);
        expect(await run.exited).toBe(code);
        expect(run.output()).toContain('interrupted: stopping the running scenario and writing the report');
        // A grandchild in the middle of exiting may still answer signal 0 for a moment: wait for its end, bounded.
        await eventually(() => !children.some(alive), 5000);
        expect(children.filter(alive)).toEqual([]);
        expect(marked(run.mark)).toEqual([]);
        expect(run.tempFolders()).toEqual([]);
        const dir = 'latest'; // reports/latest points at the run's folder
        const report = JSON.parse(readFileSync(join(reports, dir, 'results.json'), 'utf8'));
        expect(report.interrupted).toBe(true);
        // The names once from the command, the count once in the line reporter's summary.
        expect(run.output()).toMatch(/^not run: play happy path in live mode$/m);
        expect(run.output().match(/interrupted, \d+ not run/g)).toEqual(['interrupted, 1 not run']);
        expect(report.scenarios).toHaveLength(1);
        expect(report.scenarios[0].status).toBe('interrupted');
        expect(report.summary.notRun).toBe(1);
        expect(report.scenarios[0].failures).toContain('the run was interrupted (Ctrl-C); everything it started was stopped');
        expect(report.scenarios[0].timeline.length).toBeGreaterThan(5);
      } finally {
        run.cleanup();
        rmSync(reports, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
