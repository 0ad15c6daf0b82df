/**
 * A scenario's result is data: each expectation with what it expected and
 * what was observed, and for a sequence how the timeline lines up. The
 * failure text is rendered from that data.
 */
import { join } from 'node:path';
import type { TimelineEntry } from '../record';
import { renderFailure, runScenario, type ExpectationResult, type PerformedStep, type Scenario, type SequenceResult } from '.';

const root = join(__dirname, '../../fixtures/miniprogram');

const story: Scenario = {
  name: 'push, then the network goes',
  description: 'The push page pushes; the network is cut at 4 s and the pusher starts to reconnect.',
  setup: { page: 'pages/push/push' },
  duration: '8s',
  // out of order on purpose: steps play in time order, and keep their index
  timeline: [
    { at: '4s', do: 'cut-network' },
    { at: '2s', expect: { data: { status: 'pushing' } } },
  ],
  expect: {
    sequence: ['pusher#pusher 1002', { source: 'pusher#pusher', code: 1102, within: '1s', label: 'reconnects at once' }, -1307],
    never: ['pusher#pusher 1102'],
    counts: [{ step: 'pusher#pusher 1102', min: 1, max: 5 }],
    page: { data: { status: 'reconnecting' } },
  },
};

const indicesOf = (timeline: readonly TimelineEntry[], pred: (e: TimelineEntry) => boolean): number[] => timeline.flatMap((e, i) => (pred(e) ? [i] : []));
const of = <K extends ExpectationResult['kind']>(r: { expectations: readonly ExpectationResult[] }, kind: K) =>
  r.expectations.filter((x): x is Extract<ExpectationResult, { kind: K }> => x.kind === kind);

describe('structured results', () => {
  it('gives a failing sequence as data: the steps expected, the entry each matched, the near misses of the one that broke', async () => {
    const r = await runScenario(story, { miniprogramRoot: root });
    expect(r.status).toBe('failed');
    const [seq] = of(r, 'sequence') as SequenceResult[];
    expect(seq).toMatchObject({
      path: 'expect.sequence',
      pass: false,
      expected: {
        steps: [
          { text: 'pusher#pusher 1002', code: 1002, source: 'pusher#pusher' },
          { text: 'reconnects at once', code: 1102, source: 'pusher#pusher', withinMs: 1000 },
          { text: '-1307', code: -1307 },
        ],
      },
      observed: { matchedSteps: 1 },
    });
    const [begin, reconnect, givesUp] = seq.alignment.steps;
    if (begin.status !== 'matched' || reconnect.status !== 'missing') throw new Error(`unexpected alignment: ${JSON.stringify(seq.alignment.steps)}`);
    const [beginAt] = indicesOf(r.timeline, (e) => e.source === 'pusher#pusher' && e.code === 1002);
    expect(begin.match).toEqual({ index: beginAt, entry: r.timeline[beginAt] });
    // every 1102 came after the cut at 4 s, far more than 1 s after 1002: each is a near miss, and says by how much it missed
    const reconnects = indicesOf(r.timeline, (e) => e.source === 'pusher#pusher' && e.code === 1102);
    expect(reconnects.length).toBeGreaterThanOrEqual(1);
    expect(reconnect).toMatchObject({ afterStep: 1, afterMs: r.timeline[beginAt].t, seenEarlier: [] });
    expect(reconnect.nearMisses.map((m) => m.index)).toEqual(reconnects.slice(0, 3));
    for (const m of reconnect.nearMisses) {
      expect(m.entry).toEqual(r.timeline[m.index]);
      expect(m.sincePreviousMs).toBeCloseTo(m.entry.t - r.timeline[beginAt].t, 6);
      expect(m.lateByMs).toBeCloseTo(m.sincePreviousMs - 1000, 6);
    }
    expect(givesUp).toEqual({ status: 'not-reached', step: { text: '-1307', code: -1307 } });
    // the window: from the last match to the end of what was judged (the rig's teardown came after),
    // netstatus and volume counted rather than listed
    const { window, timelineLength } = seq.alignment;
    expect(r.timeline.slice(timelineLength).map((e) => e.kind)).toEqual(expect.arrayContaining(['lifecycle']));
    expect([window.fromIndex, window.toIndex]).toEqual([beginAt, timelineLength - 1]);
    expect(window.entries[0]).toEqual({ index: beginAt, entry: r.timeline[beginAt], step: 1 });
    expect(window.entries.map((e) => e.index)).toEqual(expect.arrayContaining(reconnects));
    const judged = r.timeline.slice(beginAt, timelineLength);
    expect(window.quiet).toBe(judged.filter((e) => e.kind === 'netstatus' || e.kind === 'audiovolumenotify').length);
    expect(window.entries.length + window.quiet + window.more).toBe(judged.length);
  });

  it('keeps passed expectations as data too, each with where it is written in the scenario', async () => {
    const r = await runScenario(story, { miniprogramRoot: root });
    const reconnects = indicesOf(r.timeline, (e) => e.source === 'pusher#pusher' && e.code === 1102);
    expect(of(r, 'never')).toEqual([
      {
        kind: 'never',
        path: 'expect.never[0]',
        pass: false,
        expected: { step: { text: 'pusher#pusher 1102', code: 1102, source: 'pusher#pusher' }, count: 0 },
        observed: { count: reconnects.length, entries: reconnects.map((index) => ({ index, entry: r.timeline[index] })) },
      },
    ]);
    expect(of(r, 'count')).toEqual([
      {
        kind: 'count',
        path: 'expect.counts[0]',
        pass: true,
        expected: { step: { text: 'pusher#pusher 1102', code: 1102, source: 'pusher#pusher' }, min: 1, max: 5 },
        observed: { count: reconnects.length, entries: reconnects.map((index) => ({ index, entry: r.timeline[index] })) },
      },
    ]);
    expect(of(r, 'page')).toEqual([
      {
        kind: 'page',
        path: 'timeline[1].expect.data["status"]',
        pass: true,
        expected: { when: 'at 2s', what: 'data', path: 'status', value: 'pushing' },
        observed: { value: 'pushing' },
      },
      {
        kind: 'page',
        path: 'expect.page.data["status"]',
        pass: true,
        expected: { when: 'at the end', what: 'data', path: 'status', value: 'reconnecting' },
        observed: { value: 'reconnecting' },
      },
    ]);
    // a reporter that writes JSON loses nothing
    expect(JSON.parse(JSON.stringify(r.expectations))).toEqual(r.expectations);
  });

  it('renders the failure text from the data', async () => {
    const r = await runScenario(story, { miniprogramRoot: root });
    expect(r.failures).toEqual(r.expectations.filter((x) => !x.pass).map((x) => renderFailure(x, r.timeline)));
    expect(r.failures).toHaveLength(2);
    expect(r.failures[0]).toMatch(
      /^sequence not observed:\nExpected sequence — not observed:\n {3}1\. pusher#pusher 1002\n {6}✓ t=\d\.\d{3}s pusher#pusher statechange 1002 PUSH_EVT_PUSH_BEGIN\n/,
    );
    expect(r.failures[0]).toContain('   2. reconnects at once (within 1000ms)\n      ✗ not found after step 1');
    expect(r.failures[0]).toMatch(
      /near miss: t=\d\.\d{3}s pusher#pusher statechange 1102 PUSH_WARNING_RECONNECT — \d+ms after the previous step, \d+ms too late/,
    );
    expect(r.failures[1]).toMatch(/^expected never pusher#pusher 1102, but saw it \d+×$/);
    // the observed timeline ends where it was judged: the page's unload at teardown is not in it
    expect(r.timeline.some((e) => e.kind === 'lifecycle' && (e.detail as { name: string }).name === 'onUnload')).toBe(true);
    expect(r.failures[0]).not.toContain('onUnload');
  });

  it('tells an observer of each timeline step once performed, in time order, with its checkpoint', async () => {
    const seen: Array<[string, PerformedStep]> = [];
    await runScenario(story, { miniprogramRoot: root, observer: { onStep: (s, step) => void seen.push([s.name, step]) } });
    expect(seen.map(([name, s]) => [name, s.index, s.at, s.tMs, s.actions, s.checkpoint.map((c) => [c.path, c.pass])])).toEqual([
      [story.name, 1, '2s', 2000, [], [['timeline[1].expect.data["status"]', true]]],
      [story.name, 0, '4s', 4000, ['cut-network'], []],
    ]);
  });

  it('says as data why a scenario did not run or was stopped', async () => {
    const na = await runScenario({ ...story, needs: ['real-media'] }, { miniprogramRoot: root });
    expect(na.status).toBe('not-applicable');
    expect(na.expectations).toEqual([
      {
        kind: 'needs',
        path: 'needs',
        pass: false,
        expected: { capabilities: ['real-media'] },
        observed: { capabilities: ['virtual-time'], missing: ['real-media'] },
      },
    ]);
    expect(na.failures).toEqual(['needs real-media, which this target cannot provide']);

    const stopped = await runScenario(story, { miniprogramRoot: root, signal: AbortSignal.abort() });
    expect(stopped.status).toBe('interrupted');
    expect(of(stopped, 'run')).toEqual([
      {
        kind: 'run',
        path: 'run',
        pass: false,
        expected: { timeoutMs: 60_000 },
        observed: { stopped: 'interrupted', error: 'the run was interrupted (Ctrl-C); everything it started was stopped' },
      },
    ]);
    expect(stopped.failures).toEqual(['the run was interrupted (Ctrl-C); everything it started was stopped']);
  });
});
