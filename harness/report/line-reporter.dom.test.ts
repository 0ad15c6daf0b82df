/**
 * The line reporter on a terminal and in a log: fed a real run's events,
 * writing into a fake stream that says whether it is a TTY.
 */
import { runScenario, type Scenario } from '../runner';
import { LineReporter, scenarioWarnings, type LineStream, type ReportedScenario } from '.';
import { failing, root, sampleRun, type SampleRun } from './__fixtures__/sample-run';

class FakeStream implements LineStream {
  text = '';
  constructor(
    readonly isTTY: boolean,
    readonly columns = 200,
  ) {}
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

const ANSI = new RegExp(String.fromCharCode(27));
const clock = (): { now: () => number; t: number } => {
  const c = { t: 0, now: () => c.t };
  return c;
};

/** Replays a finished run's events, in the order the CLI sends them. */
function replay(reporter: LineReporter, { start, end }: SampleRun): void {
  reporter.onRunStart(start);
  for (const r of end.results) {
    const ref = start.scenarios.find((s) => s.scenario.name === r.name && s.file === r.file)!;
    reporter.onScenarioStart({ ...ref, attempt: r.attempt, repeat: r.repeat });
    reporter.onScenarioEnd(r);
  }
  reporter.onRunEnd(end);
}

describe('LineReporter', () => {
  let run: SampleRun;
  let interrupted: SampleRun;
  beforeAll(async () => {
    run = await sampleRun();
    interrupted = await sampleRun({ interrupt: true });
  });

  it('writes plain lines when not a TTY: no escape codes, every failure whole, every warning, a summary', () => {
    const stream = new FakeStream(false);
    replay(new LineReporter({ stream, now: clock().now }), run);
    expect(stream.text).not.toMatch(ANSI);
    expect(stream.text).not.toContain('\r');
    const lines = stream.text.split('\n');
    const results = run.end.results;
    expect(lines[0]).toBe(`Running ${results.length} scenarios on simulate, seed 11`);
    results.forEach((r, i) => {
      expect(lines).toContain(`[${i + 1}/${results.length}] ${r.name}`);
      const mark = { passed: '✓', failed: '✗', 'not-applicable': '-', interrupted: '!' }[r.status];
      const head = lines.find((l) => l.startsWith(`${mark} ${r.name}  (`));
      expect(head).toBeDefined();
      if (r.status === 'not-applicable') expect(head).toBe(`- ${r.name}  (not applicable: needs real-media, which this target cannot provide)`);
      else expect(head).toMatch(/\(\d+(\.\d)? m?s; \d+(\.\d)? m?s virtual\)$/);
      if (r.status === 'failed') {
        const at = lines.indexOf(head!);
        const text = r.failures.join('\n\n').split('\n');
        expect(lines.slice(at + 1, at + 1 + text.length)).toEqual(text.map((l) => `    ${l}`));
      }
      for (const w of scenarioWarnings(r)) expect(lines).toContain(`    warning ${w}`);
    });
    // a passing scenario's warnings are shown
    const context = results.find((r) => r.name.startsWith('a context called in onLoad'))!;
    expect(context.status).toBe('passed');
    expect(scenarioWarnings(context).length).toBeGreaterThan(0);
    const n = (s: ReportedScenario['status']): number => results.filter((r) => r.status === s).length;
    expect(lines.at(-2)).toBe(`${n('passed')} passed, ${n('failed')} failed, ${n('not-applicable')} not applicable (0 ms)`);
    expect(lines.at(-1)).toBe('');
  });

  it('never cuts a long failure', () => {
    const stream = new FakeStream(false);
    const base = run.end.results.find((r) => r.name === failing.name)!;
    const long = Array.from({ length: 500 }, (_, i) => `line ${i + 1} of a long failure`).join('\n');
    const reporter = new LineReporter({ stream, now: clock().now });
    reporter.onRunStart({ ...run.start, scenarios: [{ scenario: failing }] });
    reporter.onScenarioEnd({ ...base, failures: [long] });
    for (let i = 1; i <= 500; i++) expect(stream.text).toContain(`    line ${i} of a long failure\n`);
  });

  it('says what an interrupt left unrun', () => {
    const stream = new FakeStream(false);
    replay(new LineReporter({ stream, now: clock().now }), interrupted);
    const { start, end } = interrupted;
    const notRun = start.scenarios.length - end.results.length;
    expect(notRun).toBeGreaterThan(0);
    expect(stream.text).toContain(`! ${end.results.at(-1)!.name}  (interrupted after `);
    expect(stream.text).toContain('    the run was interrupted (Ctrl-C); everything it started was stopped');
    expect(stream.text.trimEnd().split('\n').at(-1)).toMatch(new RegExp(`, 1 interrupted \\(0 ms\\); interrupted, ${notRun} not run$`));
  });

  it('counts pass rates and flaky scenarios under --repeat', async () => {
    const { start, end } = await sampleRun({ repeat: 2 });
    const [once, again] = end.results.filter((r) => r.name === 'push page, twice');
    const failed = end.results.find((r) => r.name === failing.name)!;
    // the second attempt of the push page failing (the failing scenario's result, under its name): a flake
    const flaky: ReportedScenario = { ...failed, name: once.name, file: once.file, attempt: 2 };
    const stream = new FakeStream(false);
    replay(new LineReporter({ stream, now: clock().now }), {
      start,
      end: { ...end, results: [once, flaky, ...end.results.filter((r) => r !== once && r !== again)] },
    });
    expect(stream.text).toContain('[1/4] push page, twice (attempt 1/2)');
    expect(stream.text).toContain('✓ push page, twice (attempt 1/2)');
    expect(stream.text).toContain('✗ push page, twice (attempt 2/2)');
    expect(stream.text).toContain('flaky push page, twice: passed 1/2\n');
    expect(stream.text).toContain(`${failing.name}: passed 0/2\n`);
    expect(stream.text).toContain('1 passed, 3 failed, 1 flaky (0 ms)');
  });

  it('redraws the status line on a TTY as time passes, and stops when the run ends', () => {
    jest.useFakeTimers();
    try {
      const stream = new FakeStream(true);
      const c = clock();
      const reporter = new LineReporter({ stream, now: c.now, refreshMs: 500 });
      reporter.onRunStart({ ...run.start, scenarios: run.start.scenarios.slice(0, 1) });
      reporter.onScenarioStart(run.start.scenarios[0]);
      c.t = 1200;
      jest.advanceTimersByTime(500);
      expect(stream.text.endsWith(' · 1.2 s elapsed · estimating time left\u001b[0m')).toBe(true);
      c.t = 3400;
      jest.advanceTimersByTime(500);
      expect(stream.text.endsWith(' · 3.4 s elapsed · estimating time left\u001b[0m')).toBe(true);
      reporter.onScenarioEnd(run.end.results[0]);
      reporter.onRunEnd({ ...run.end, results: run.end.results.slice(0, 1) });
      const ended = stream.text;
      jest.advanceTimersByTime(5000);
      expect(stream.text).toBe(ended);
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('rewrites one status line in place on a TTY: the scenario, its step, elapsed and an estimate of what is left', async () => {
    const stream = new FakeStream(true, 300);
    const c = clock();
    const reporter = new LineReporter({ stream, now: c.now, refreshMs: 0 });
    const cut: Scenario = {
      name: 'push, then the network goes',
      description: 'The push page pushes; the network is cut at 2 s.',
      setup: { page: 'pages/push/push' },
      duration: '6s',
      timeline: [{ at: '2s', do: 'cut-network' }],
      expect: { sequence: ['pusher#pusher 1002'] },
    };
    const first: Scenario = { ...cut, name: 'first, to learn the pace', timeline: [] };
    reporter.onRunStart({ startedAt: new Date(), target: 'simulate', seed: 1, miniprogramRoot: root, scenarios: [{ scenario: first }, { scenario: cut }] });
    expect(stream.text).toBe('Running 2 scenarios on simulate, seed 1\n');

    reporter.onScenarioStart({ scenario: first });
    // nothing has finished: no pace to go by in virtual time
    expect(stream.text.endsWith('\r\u001b[2K\u001b[2m[1/2] first, to learn the pace · 0 ms elapsed · estimating time left\u001b[0m')).toBe(true);
    const r1 = await runScenario(first, { miniprogramRoot: root });
    c.t = 2000;
    reporter.onScenarioEnd(r1);
    expect(stream.text).toContain(`\r\u001b[2K\u001b[32m✓\u001b[0m first, to learn the pace  (`);

    c.t = 2500;
    reporter.onScenarioStart({ scenario: cut });
    // the first scenario played 6 s of story in r1.wallMs: the next, as long, is expected to take as long
    expect(reporter.remainingMs()).toBeCloseTo(Math.max(0, 6000 * (r1.wallMs / r1.virtualMs)), 6);
    const statuses: string[] = [];
    const r2 = await runScenario(cut, {
      miniprogramRoot: root,
      observer: {
        onStep: (s, step) => {
          reporter.onStep(s, step);
          statuses.push(stream.text.slice(stream.text.lastIndexOf('\r')));
        },
      },
    });
    expect(statuses).toHaveLength(1);
    expect(statuses[0]).toMatch(
      // eslint-disable-next-line no-control-regex -- the escape codes are what is checked
      /^\r\u001b\[2K\u001b\[2m\[2\/2\] push, then the network goes · step 1\/1 at 2\.0 s: cut-network · 2\.5 s elapsed · (~\d+ ms left|~\d+\.\d s left)\u001b\[0m$/,
    );
    reporter.onScenarioEnd(r2);
    reporter.onRunEnd({ finishedAt: new Date(), interrupted: false, results: [r1, r2] });
    expect(r2.status).toBe('passed');
    // the status line is cleared before the line that stays, which is written whole
    expect(stream.text).toContain(`\u001b[0m\r\u001b[2K\u001b[32m✓\u001b[0m push, then the network goes  (`);
    expect(stream.text.endsWith('\n2 passed, 0 failed (2.5 s)\n')).toBe(true);
  });
});
