import type { TimelineEntry } from '../record';
import { parseDuration } from './duration';
import { matchers } from './jest-matchers';
import { countMatches, matchSequence } from './sequence';
import { parseStep } from './step';

const sc = (t: number, source: string, code: number): TimelineEntry => ({ t, source, kind: 'statechange', code, detail: { code } });
const tl: TimelineEntry[] = [
  sc(100, 'pusher#p', 1003),
  sc(300, 'pusher#p', 1001),
  sc(320, 'pusher#p', 9999), // undocumented code in between
  sc(400, 'pusher#p', 1002),
  { t: 1000, source: 'pusher#p', kind: 'netstatus', detail: { info: { videoBitrate: 700 } } },
  { t: 1001, source: 'page', kind: 'setData', detail: { status: 'pushing' } },
  sc(5000, 'pusher#p', 1102),
  sc(8000, 'pusher#p', 1102),
  sc(9000, 'pusher#p', 1001),
  sc(9100, 'pusher#p', 1002),
];

describe('matchSequence', () => {
  it('passes an ordered subsequence with unrelated codes in between', () => {
    expect(matchSequence(tl, [1003, 'pusher#p 1001', 1002, 'setData']).pass).toBe(true);
  });

  it('fails when the order is wrong', () => {
    expect(matchSequence(tl, [1102, 1003]).pass).toBe(false);
  });

  it('honours within and after windows relative to the previous matched step', () => {
    expect(matchSequence(tl, ['1001', '1002 within 200ms']).pass).toBe(true);
    expect(matchSequence(tl, ['1001', '1002 within 50ms']).pass).toBe(false);
    expect(matchSequence(tl, [{ code: 1102, after: '4s' }]).pass).toBe(true);
    expect(matchSequence(tl, [{ code: 1102, after: '9s' }]).pass).toBe(false);
  });

  it('backtracks when the earliest candidate breaks a later window', () => {
    // The first 1102 (t=5000) is 4 s before 1001 at 9000; only the second (t=8000) fits "within 1.5s".
    const r = matchSequence(tl, [1102, { code: 1001, within: '1.5s' }]);
    expect(r.pass).toBe(true);
    expect(r.matched.map((e) => e?.t)).toEqual([8000, 9000]);
  });

  it('matches predicates on detail and treats a throwing predicate as no match', () => {
    expect(matchSequence(tl, [{ kind: 'setData', where: (d: { status: string }) => d.status === 'pushing' }]).pass).toBe(true);
    expect(
      matchSequence(tl, [
        {
          kind: 'setData',
          where: () => {
            throw new Error('boom');
          },
        },
      ]).pass,
    ).toBe(false);
  });

  it('counts matches and supports source patterns', () => {
    expect(countMatches(tl, 1102)).toBe(2);
    expect(countMatches(tl, 'pusher#* 1002')).toBe(2);
    expect(countMatches(tl, 'player#* 1002')).toBe(0);
    // a bare code matches statuses, not calls or metrics that carry a number
    expect(countMatches([{ t: 0, source: 'page', kind: 'metric', code: 1002 }], 1002)).toBe(0);
  });

  it('reports the missing step, its near miss with how far off it was, and the observed timeline', () => {
    const r = matchSequence(tl, [1001, '1002 within 50ms', -1307], { describe: (e) => (e.code === 1002 ? 'PUSH_EVT_PUSH_BEGIN' : undefined) });
    expect(r.pass).toBe(false);
    expect(r.report).toContain(' 1. 1001\n      ✓ t=0.300s pusher#p statechange 1001');
    expect(r.report).toContain(' 2. 1002 within 50ms\n      ✗ not found after step 1 (t=0.300s)');
    expect(r.report).toContain('near miss: t=0.400s pusher#p statechange 1002 PUSH_EVT_PUSH_BEGIN — 100ms after the previous step, 50ms too late');
    expect(r.report).toContain(' 3. -1307\n      · not reached');
    expect(r.report).toContain('Observed timeline:');
    expect(r.report).toContain('[ 1] t=0.300s pusher#p statechange 1001');
    expect(r.report).toContain('… 1 netstatus/metric/volume entries');
  });
});

describe('parseStep', () => {
  it('parses the string shorthand', () => {
    expect(parseStep('player#v statechange 2004 within 3s after 1.5s')).toMatchObject({
      source: 'player#v',
      kind: 'statechange',
      code: 2004,
      withinMs: 3000,
      afterMs: 1500,
    });
    expect(parseStep('-1307')).toMatchObject({ code: -1307 });
  });

  it('rejects bad steps with an actionable message', () => {
    expect(() => parseStep('pusher#p 1001 soon')).toThrow(
      '[live-harness] Failed to parse sequence step "pusher#p 1001 soon": "soon" is neither a source, a code, a kind nor within/after. Accepted forms:',
    );
    expect(() => parseStep('1001 within')).toThrow('[live-harness] Failed to parse sequence step "1001 within": "within" needs a duration after it.');
    expect(() => parseStep({})).toThrow('it matches everything. Give at least one of code, source, kind, where.');
    expect(() => parseStep({ kind: 'statechanged' as never })).toThrow('kind "statechanged" is not known.');
  });

  it('parses durations with units and rejects the rest', () => {
    expect([parseDuration(250), parseDuration('500ms'), parseDuration('1.5s'), parseDuration('2m')]).toEqual([250, 500, 1500, 120000]);
    expect(() => parseDuration('3 sec')).toThrow('[live-harness] Failed to parse duration "3 sec": expected a number with a unit.');
  });
});

describe('jest matchers', () => {
  beforeAll(() => expect.extend(matchers));

  it('toHaveSequence, toNeverHave and toHaveCount pass and fail as they say', () => {
    expect(tl).toHaveSequence(['pusher#p 1001', 1002, 1102]);
    expect(tl).not.toHaveSequence([1002, 1003]);
    expect(tl).toNeverHave(-1307);
    expect(tl).toHaveCount(1102, { min: 1, max: 3 });
    expect(tl).toHaveCount(1102, { exactly: 2 });
    const fail = matchers.toHaveCount(tl, 1102, { max: 1 });
    expect(fail.pass).toBe(false);
    expect(fail.message()).toContain('expected 1102 ≤ 1 times, saw 2:\n  t=5.000s pusher#p statechange 1102');
    const never = matchers.toNeverHave(tl, 1102);
    expect(never.message()).toContain('expected never 1102, saw it 2×');
  });
});

describe('countMatches windows', () => {
  it('reads after/within of a single step as absolute times', () => {
    expect(countMatches(tl, '1102 after 6s')).toBe(1);
    expect(countMatches(tl, '1002 within 1s')).toBe(1);
  });
});
