import type { TimelineEntry } from '../record';
import { judgeFault, judgeStorm, measureFault, warningPeaks } from './fault-judge';
import { renderFailure } from './render-failure';

const sc = (t: number, source: string, code: number): TimelineEntry => ({ t, source, kind: 'statechange', code, detail: { code } });
const act = (t: number, action: string): TimelineEntry => ({ t, source: 'network', kind: 'action', detail: { action } });
const set = (t: number, patch: Record<string, unknown>): TimelineEntry => ({ t, source: 'page', kind: 'setData', detail: patch });

const P = 'pusher#pusher';
/** A push that loses its network at 5 s, reconnects twice and is back at 11.2 s. */
const recovered: TimelineEntry[] = [
  sc(1000, P, 1001),
  sc(1200, P, 1002),
  set(1210, { status: 'pushing' }),
  act(5000, 'cut'),
  sc(5050, P, 3005),
  sc(5060, P, 1102),
  set(5070, { status: 'reconnecting' }),
  sc(8100, P, 3002),
  sc(8110, P, 1102),
  act(9000, 'restore'),
  sc(11_000, P, 1001),
  sc(11_200, P, 1002),
  set(11_210, { status: 'pushing' }),
  sc(20_000, P, 1102),
];

describe('fault expectations', () => {
  it('time recovery from the fault entry to the first 1002 after it, and count the reconnects before it only', () => {
    const m = measureFault(recovered, { source: P });
    expect(m).toEqual({ fault: { index: 3, t: 5000 }, recoveryMs: 6200, giveUpMs: undefined, reconnects: 2 });
  });

  it('pass and fail on their bounds, and say which fault they timed', () => {
    const results = judgeFault(recovered, { source: P, recoveryMs: { max: 6000 }, reconnects: { min: 1, max: 3 } }, 'expect.faults[0]');
    expect(results.map((r) => [r.path, r.pass])).toEqual([
      ['expect.faults[0].recoveryMs', false],
      ['expect.faults[0].reconnects', true],
    ]);
    expect(renderFailure(results[0], recovered)).toBe('pusher#pusher ms to recover (1002) after the first network fault at 5000 ms = 6200, above 6000');
  });

  it('fail a give-up bound when the participant never gave up, as "not measured"', () => {
    const [r] = judgeFault(recovered, { source: P, giveUpMs: { max: 20_000 } }, 'expect.faults[0]');
    expect(r.pass).toBe(false);
    expect(renderFailure(r, recovered)).toBe('pusher#pusher ms to give up (-1307) after the first network fault at 5000 ms: not measured');
  });

  it('time giving up and a later recovery (the page restarts the push) from a fault the scenario names', () => {
    const gaveUp: TimelineEntry[] = [
      sc(1200, P, 1002),
      act(3000, 'cut'),
      sc(3050, P, 3005),
      sc(3060, P, 1102),
      sc(6100, P, 1102),
      sc(9100, P, 1102),
      sc(12_100, P, -1307),
      set(12_110, { status: 'restarting' }),
      act(20_000, 'restore'),
      sc(23_000, P, 1002),
    ];
    const m = measureFault(gaveUp, { source: P, fault: { source: 'network', where: (d: { action: string }) => d.action === 'cut' } });
    expect(m).toMatchObject({ giveUpMs: 9100, recoveryMs: 20_000, reconnects: 3 });
  });

  it("check the page's states from the fault on, in order, with the fault as the sequence's first step", () => {
    const [ok] = judgeFault(recovered, { source: P, page: { field: 'status', states: ['reconnecting', 'pushing'] } }, 'expect.faults[0]');
    expect(ok.pass).toBe(true);
    // 'pushing' before the fault does not count for a state after it.
    const [bad] = judgeFault(recovered, { source: P, page: { field: 'status', states: ['pushing', 'failed'] } }, 'expect.faults[0]');
    expect(bad.pass).toBe(false);
    expect(renderFailure(bad, recovered)).toContain('page status = "failed"');
  });

  it('fail every bound when no entry matches the fault', () => {
    const results = judgeFault([sc(1, P, 1002)], { source: P, recoveryMs: { max: 1 } }, 'p');
    expect(results[0].pass).toBe(false);
    expect(renderFailure(results[0], [])).toContain('(no entry matched it)');
  });
});

describe('no event storm', () => {
  it('finds the most warnings of each source inside any one second', () => {
    const tl = [sc(0, P, 1102), sc(100, P, 3005), sc(900, P, 1101), sc(1000, P, 1102), sc(1001, P, 1002), sc(5000, 'player#v', 2103)];
    expect(Object.fromEntries(warningPeaks(tl, undefined))).toEqual({ [P]: { count: 3, t: 0 }, 'player#v': { count: 1, t: 5000 } });
    const results = judgeStorm(tl, { maxPerSecond: 2, source: 'pusher#*' }, 'expect.noStorm');
    expect(results.map((r) => r.pass)).toEqual([false]);
    expect(renderFailure(results[0], tl)).toBe('pusher#pusher most warnings in any 1 s (from 0 ms) = 3, above 2');
  });

  it('passes a run with no warning at all', () => {
    expect(judgeStorm([sc(0, P, 1002)], { maxPerSecond: 1 }, 'expect.noStorm').map((r) => r.pass)).toEqual([true]);
  });
});
