/**
 * A real run for the reporters' tests: bundled scenarios and a few written
 * to fail, played in virtual time, one result of each kind a report must
 * hold — passed (with mock warnings), failed (every kind of expectation
 * judged), not applicable, interrupted by Ctrl-C mid-story, a rig that could
 * not be created, and one scenario run twice (--repeat 2).
 */
import { join } from 'node:path';
import { loadScenarioFile, runScenario, type LoadedScenario, type Scenario } from '../../runner';
import type { ReportedScenario, RunEnd, RunStart } from '..';

export const root = join(__dirname, '../../../fixtures/miniprogram');
const bundled = (name: string): LoadedScenario => loadScenarioFile(join(__dirname, '../../../scenarios', name));

/** Expects what the push page does not do, in every kind of expectation: each is judged and fails (or passes) as data. */
export const failing: Scenario = {
  name: 'the push page is expected to give up <and> "never" to push & warn',
  description: 'The push page pushes on a good network; the scenario wrongly expects it to give up.',
  setup: { page: 'pages/push/push' },
  duration: '4s',
  timeline: [{ at: '2s', expect: { data: { status: 'given-up' } } }],
  expect: {
    sequence: ['pusher#pusher 1002', -1307, 'pusher#pusher 1001'],
    never: ['pusher#pusher 1002'],
    counts: [{ step: 'pusher#pusher 1001', exactly: 3 }],
    every: [{ source: 'pusher#pusher', kind: 'netstatus', from: '1s', where: (i) => i.videoBitrate > 100000, describe: 'bitrate over 100 Mbps' }],
    page: { data: { status: 'gave-up' } },
    metrics: { 'pusher#pusher': { videoBitrateKbps: { min: 100000 } }, 'player#nobody': { firstFrameMs: { max: 10 } } },
    warnings: { include: ['a warning the mocks never raise'] },
  },
};

const noPage: Scenario = {
  name: 'a page that does not exist',
  description: 'The rig cannot open the page, so the scenario fails before its story.',
  setup: { page: 'pages/nowhere/nowhere' },
  duration: '1s',
  expect: { sequence: ['pusher#pusher 1002'] },
};

const short: Scenario = {
  name: 'push page, twice',
  description: 'The push page pushes; run twice as --repeat 2.',
  setup: { page: 'pages/push/push' },
  duration: '3s',
  expect: { sequence: ['pusher#pusher 1002'] },
};

export interface SampleRun {
  readonly start: RunStart;
  readonly end: RunEnd;
}

/**
 * Without `repeat`: one of each kind; with `interrupt`, Ctrl-C stops the run
 * as the network blip's first step is performed, and the rest never run.
 * With `repeat` N: two scenarios (one passing, one failing), N attempts each.
 */
export async function sampleRun(options: { repeat?: number; interrupt?: boolean } = {}): Promise<SampleRun> {
  const repeat = options.repeat ?? 1;
  const inline = join(__dirname, 'inline.scenario.ts');
  const blip = bundled('push-network-blip.scenario.ts');
  const refs: LoadedScenario[] =
    repeat > 1
      ? [
          { scenario: short, file: join(__dirname, 'twice.scenario.ts') },
          { scenario: failing, file: inline },
        ]
      : [
          bundled('context-onload-vs-onready.scenario.ts'),
          bundled('call-two-way.scenario.ts'),
          { scenario: failing, file: inline },
          bundled('media-push-play-live.scenario.ts'),
          { scenario: noPage, file: inline },
          blip,
          bundled('push-happy-path.scenario.ts'),
        ];
  const start: RunStart = {
    startedAt: new Date(),
    target: 'simulate',
    seed: 11,
    miniprogramRoot: root,
    argv: ['run', '--seed', '11', ...(repeat > 1 ? ['--repeat', String(repeat)] : [])],
    repeat,
    scenarios: refs,
  };
  const results: ReportedScenario[] = [];
  const abort = new AbortController();
  for (const { scenario, file } of refs)
    for (let attempt = 1; attempt <= repeat && !abort.signal.aborted; attempt++) {
      const r = await runScenario(scenario, {
        miniprogramRoot: root,
        seed: 11,
        signal: abort.signal,
        observer: { onStep: () => (options.interrupt && scenario === blip.scenario ? abort.abort() : undefined) },
      });
      results.push({ ...r, file, attempt, repeat });
    }
  return { start, end: { finishedAt: new Date(), interrupted: abort.signal.aborted, results } };
}
