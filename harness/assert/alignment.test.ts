import type { TimelineEntry } from '../record';
import { matchSequence } from './sequence';

const sc = (t: number, source: string, code: number): TimelineEntry => ({ t, source, kind: 'statechange', code, detail: { code } });
const tl: TimelineEntry[] = [
  sc(100, 'pusher#p', 1003),
  sc(300, 'pusher#p', 1001),
  sc(320, 'pusher#p', 9999),
  sc(400, 'pusher#p', 1002),
  { t: 1000, source: 'pusher#p', kind: 'netstatus', detail: { info: { videoBitrate: 700 } } },
  { t: 1001, source: 'page', kind: 'setData', detail: { status: 'pushing' } },
  sc(5000, 'pusher#p', 1102),
  sc(8000, 'pusher#p', 1102),
  sc(9000, 'pusher#p', 1001),
  sc(9100, 'pusher#p', 1002),
];

describe('the alignment of a sequence, as data', () => {
  it('gives each step of a failing sequence its match, its near misses with how far off they were, or "not reached"', () => {
    const { alignment } = matchSequence(tl, [1001, '1002 within 50ms', { code: -1307, label: 'gives up' }]);
    expect(alignment.pass).toBe(false);
    expect(alignment.steps).toEqual([
      { status: 'matched', step: { text: '1001', code: 1001 }, match: { index: 1, entry: tl[1] }, sincePreviousMs: 300 },
      {
        status: 'missing',
        step: { text: '1002 within 50ms', code: 1002, withinMs: 50 },
        afterStep: 1,
        afterMs: 300,
        nearMisses: [
          { index: 3, entry: tl[3], sincePreviousMs: 100, lateByMs: 50 },
          { index: 9, entry: tl[9], sincePreviousMs: 8800, lateByMs: 8750 },
        ],
        seenEarlier: [],
      },
      { status: 'not-reached', step: { text: 'gives up', code: -1307 } },
    ]);
  });

  it('lists what was observed after the story diverged, counting netstatus instead of listing it', () => {
    const { window } = matchSequence(tl, [1001, '1002 within 50ms']).alignment;
    expect(window.fromIndex).toBe(1);
    expect(window.toIndex).toBe(tl.length - 1);
    expect(window.entries.map((e) => [e.index, e.step])).toEqual([
      [1, 1],
      [2, undefined],
      [3, undefined],
      [5, undefined],
      [6, undefined],
      [7, undefined],
      [8, undefined],
      [9, undefined],
    ]);
    expect(window.quiet).toBe(1);
    expect(window.more).toBe(0);
  });

  it('names the matching entries that came before the previous step', () => {
    const { alignment } = matchSequence(tl, [1002, 1003]);
    const missing = alignment.steps[1];
    expect(missing).toEqual({
      status: 'missing',
      step: { text: '1003', code: 1003 },
      afterStep: 1,
      afterMs: 400,
      nearMisses: [],
      seenEarlier: [{ index: 0, entry: tl[0] }],
    });
  });

  it('marks a step with a predicate and an after window, and spans a passing window from first to last match', () => {
    const { alignment } = matchSequence(tl, [
      { kind: 'setData', where: (d: { status: string }) => d.status === 'pushing' },
      { code: 1102, after: '6s' },
    ]);
    expect(alignment.pass).toBe(true);
    expect(alignment.steps.map((s) => s.step)).toEqual([
      { text: 'setData where(…)', kind: 'setData', where: true },
      { text: '1102 after 6s', code: 1102, afterMs: 6000 },
    ]);
    expect(alignment.steps[1]).toMatchObject({ status: 'matched', match: { index: 7 }, sincePreviousMs: 6999 });
    expect(alignment.window).toMatchObject({ fromIndex: 5, toIndex: 7, quiet: 0, more: 0 });
  });

  it('says how early an entry came for an after window', () => {
    const { alignment, report } = matchSequence(tl.slice(0, 4), [1001, { code: 1002, after: '1s' }]);
    expect(alignment.steps[1]).toEqual({
      status: 'missing',
      step: { text: '1002 after 1s', code: 1002, afterMs: 1000 },
      afterStep: 1,
      afterMs: 300,
      nearMisses: [{ index: 3, entry: tl[3], sincePreviousMs: 100, earlyByMs: 900 }],
      seenEarlier: [],
    });
    expect(report).toContain('near miss: t=0.400s pusher#p statechange 1002 — 100ms after the previous step, 900ms too early');
  });

  it('survives JSON: what a report writes is what a reader gets', () => {
    const { alignment } = matchSequence(tl, [1001, '1002 within 50ms', { kind: 'setData', where: () => true }]);
    expect(JSON.parse(JSON.stringify(alignment))).toEqual(alignment);
  });
});
