/**
 * An `every` expectation measured over a timeline: which samples of a window
 * break its predicate, and how many may. On real media a sample is a second of
 * a real encoder, server and player sharing a CPU; one frame late moves one
 * sample. So an expectation may allow a few outliers — a count, or a share of
 * the window (a quantile) — and the count is always part of the measure, so a
 * failure and a pass both say how close the bound came.
 */
import { parseDuration } from '../assert';
import type { TimelineEntry } from '../record';
import type { EveryExpectation, OutlierAllowance } from './scenario';

export interface EveryMeasure {
  /** the window, in words: `5000 ms–end` */
  readonly window: string;
  /** samples in the window */
  readonly samples: number;
  /** samples that break the predicate (or throw in it) */
  readonly outliers: number;
  /** outliers allowed for this many samples */
  readonly allowed: number;
  /** the first outlier: its time and the value the predicate saw */
  readonly first?: { readonly t: number; readonly value: unknown };
  /** at least one sample, and no more outliers than allowed */
  readonly pass: boolean;
}

/** Why an allowance is not one, or undefined when it is. */
export function outlierAllowanceProblem(a: unknown): string | undefined {
  if (a === undefined) return undefined;
  if (typeof a === 'number') return Number.isInteger(a) && a >= 0 ? undefined : `is ${a}, not a whole number of samples ≥ 0`;
  if (typeof a === 'string') {
    const m = /^(\d+(?:\.\d+)?)%$/.exec(a);
    if (m && Number(m[1]) <= 100) return undefined;
    return `is ${JSON.stringify(a)}, not a share between "0%" and "100%"`;
  }
  return `is ${JSON.stringify(a)}, neither a count nor a share`;
}

/** Outliers allowed among `samples`: a share rounds down, so "10%" of 9 samples allows none. */
export function allowedOutliers(a: OutlierAllowance | undefined, samples: number): number {
  if (a === undefined) return 0;
  if (typeof a === 'number') return a;
  return Math.floor((Number(a.slice(0, -1)) * samples) / 100);
}

/** The value a predicate is asked about: a netstatus' `info`, any other entry's detail. */
function valueOf(x: TimelineEntry): unknown {
  return x.kind === 'netstatus' ? (x.detail as { info: unknown }).info : x.detail;
}

export function measureEvery(entries: readonly TimelineEntry[], ev: EveryExpectation): EveryMeasure {
  const from = ev.from === undefined ? 0 : parseDuration(ev.from);
  const until = ev.until === undefined ? Infinity : parseDuration(ev.until);
  const picked = entries.filter(
    (x) =>
      x.kind === ev.kind &&
      x.source === ev.source &&
      x.t >= from &&
      x.t < until &&
      (ev.metric === undefined || (x.detail as { name?: string }).name === ev.metric),
  );
  const bad = picked.filter((x) => {
    try {
      return !ev.where(valueOf(x));
    } catch {
      return true;
    }
  });
  const allowed = allowedOutliers(ev.allowOutliers, picked.length);
  return {
    window: `${from} ms–${until === Infinity ? 'end' : `${until} ms`}`,
    samples: picked.length,
    outliers: bad.length,
    allowed,
    ...(bad.length > 0 ? { first: { t: bad[0].t, value: valueOf(bad[0]) } } : {}),
    pass: picked.length > 0 && bad.length <= allowed,
  };
}

function what(ev: EveryExpectation): string {
  return `${ev.kind}${ev.metric ? ` "${ev.metric}"` : ''} of ${ev.source}`;
}

function allowance(ev: EveryExpectation, m: EveryMeasure): string {
  if (ev.allowOutliers === undefined) return 'none allowed';
  const share = typeof ev.allowOutliers === 'string' ? ` (${ev.allowOutliers} of ${m.samples})` : '';
  return `${m.allowed} allowed${share}`;
}

/** The failure text of a measure that did not pass, or undefined. */
export function everyFailure(ev: EveryExpectation, m: EveryMeasure): string | undefined {
  if (m.samples === 0) return `expected ${what(ev)} in ${m.window}, saw none`;
  if (m.pass) return undefined;
  const first = m.first as { t: number; value: unknown };
  return `${what(ev)} in ${m.window}: ${m.outliers}/${m.samples} break "${ev.describe}", ${allowance(ev, m)}; first at t=${first.t} ms: ${JSON.stringify(first.value)}`;
}

/** One line for passing output: how many outliers the bound took of those it allows. */
export function everySummary(ev: EveryExpectation, m: EveryMeasure): string {
  return `${what(ev)} in ${m.window}: ${m.outliers}/${m.samples} break "${ev.describe}", ${allowance(ev, m)}`;
}
