import type { TimelineEntry } from '../record';
import { allowedOutliers, everyFailure, everySummary, measureEvery, outlierAllowanceProblem } from './every';
import type { EveryExpectation } from './scenario';
import { validateScenario } from './validate-scenario';

/** Latency samples once a second from t = 1 s, as a real-media player reports them. */
const latency = (...ms: number[]): TimelineEntry[] =>
  ms.map((v, i) => ({ t: 1000 * (i + 1), source: 'player#monitor', kind: 'metric', detail: { name: 'latency', ms: v } }));

const floor: EveryExpectation = {
  source: 'player#monitor',
  kind: 'metric',
  metric: 'latency',
  where: (d: { ms: number }) => d.ms >= 900,
  describe: 'latency ≥ 900 ms',
};

describe('every, with outliers allowed', () => {
  it('fails on one outlier when none are allowed, and says which sample broke it', () => {
    const m = measureEvery(latency(1080, 892, 1075), floor);
    expect(m).toMatchObject({ samples: 3, outliers: 1, allowed: 0, pass: false });
    expect(everyFailure(floor, m)).toBe(
      'metric "latency" of player#monitor in 0 ms–end: 1/3 break "latency ≥ 900 ms", none allowed; first at t=2000 ms: {"name":"latency","ms":892}',
    );
  });

  it('passes with as many outliers as the count allows, and reports the count', () => {
    const ev = { ...floor, allowOutliers: 1 };
    const m = measureEvery(latency(1080, 892, 1075), ev);
    expect(m).toMatchObject({ samples: 3, outliers: 1, allowed: 1, pass: true });
    expect(everyFailure(ev, m)).toBeUndefined();
    expect(everySummary(ev, m)).toBe('metric "latency" of player#monitor in 0 ms–end: 1/3 break "latency ≥ 900 ms", 1 allowed');
  });

  it('fails on one more outlier than allowed', () => {
    const ev = { ...floor, allowOutliers: 1 };
    const m = measureEvery(latency(1080, 892, 1075, 850), ev);
    expect(everyFailure(ev, m)).toBe(
      'metric "latency" of player#monitor in 0 ms–end: 2/4 break "latency ≥ 900 ms", 1 allowed; first at t=2000 ms: {"name":"latency","ms":892}',
    );
  });

  it('allows a share of the window, rounded down: a quantile bound', () => {
    const ev = { ...floor, allowOutliers: '20%' as const };
    // 10 samples: 2 may break (p20 ≥ 900 ms) …
    expect(measureEvery(latency(1080, 892, 1075, 880, 1070, 1071, 1072, 1073, 1074, 1075), ev)).toMatchObject({ outliers: 2, allowed: 2, pass: true });
    // … 9 samples: only 1 may
    const m = measureEvery(latency(1080, 892, 1075, 880, 1070, 1071, 1072, 1073, 1074), ev);
    expect(m).toMatchObject({ outliers: 2, allowed: 1, pass: false });
    expect(everyFailure(ev, m)).toContain('2/9 break "latency ≥ 900 ms", 1 allowed (20% of 9)');
  });

  it('still fails an empty window, whatever it allows: no samples prove nothing', () => {
    const ev = { ...floor, allowOutliers: '100%' as const, from: '20s' };
    const m = measureEvery(latency(1080, 1075), ev);
    expect(m).toMatchObject({ samples: 0, pass: false });
    expect(everyFailure(ev, m)).toBe('expected metric "latency" of player#monitor in 20000 ms–end, saw none');
  });

  it('counts a predicate that throws as an outlier', () => {
    const ev: EveryExpectation = {
      ...floor,
      where: (d: { ms: number }) => {
        if (d.ms < 1000) throw new TypeError('a field the predicate expected is missing');
        return true;
      },
    };
    expect(measureEvery(latency(1080, 892), ev)).toMatchObject({ outliers: 1, pass: false });
  });

  it('knows what an allowance is', () => {
    expect([0, 2, '0%', '12.5%', '100%'].map(outlierAllowanceProblem)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(outlierAllowanceProblem(-1)).toBe('is -1, not a whole number of samples ≥ 0');
    expect(outlierAllowanceProblem(1.5)).toBe('is 1.5, not a whole number of samples ≥ 0');
    expect(outlierAllowanceProblem('120%')).toBe('is "120%", not a share between "0%" and "100%"');
    expect(outlierAllowanceProblem('one')).toBe('is "one", not a share between "0%" and "100%"');
    expect(allowedOutliers('12.5%', 16)).toBe(2);
  });

  it('refuses a scenario with a bad allowance before anything runs', () => {
    expect(() =>
      validateScenario({
        name: 'bad allowance',
        description: 'one',
        setup: { page: 'pages/play/play' },
        duration: '5s',
        expect: { every: [{ ...floor, allowOutliers: '10' as never }] },
      }),
    ).toThrow(
      '[live-harness] Failed to load scenario "bad allowance": expect.every[0].allowOutliers is "10", not a share between "0%" and "100%". Write a whole number of samples (1) or a share of them ("10%").',
    );
  });
});
