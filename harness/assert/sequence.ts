/**
 * Ordered-subsequence matching with time windows. Entries between matched
 * steps never fail a match (real clients emit undocumented codes). The search
 * backtracks: the earliest candidate for a step may break the next step's
 * window while a later one would not.
 */
import type { TimelineEntry } from '../record';
import { alignSequence, type SequenceAlignment } from './alignment';
import { renderAlignment } from './render-alignment';
import { entryMatches, parseStep, type Step, type StepInput } from './step';

export type TimelineLike = readonly TimelineEntry[] | { readonly entries: readonly TimelineEntry[] };

/** A point on the timeline to match from ("from now on"): a rig's mark(), or a time in ms. */
export type Since = { readonly t: number; readonly index: number } | number;

export interface MatchOptions {
  /** names a code for reports, e.g. 1002 → PUSH_EVT_PUSH_BEGIN */
  readonly describe?: (entry: TimelineEntry) => string | undefined;
  /** only entries from here on count, and the first step's window is measured from here instead of t = 0 */
  readonly since?: Since;
}

/** The entries from a point on, and the time windows start from. */
export function fromSince(entries: readonly TimelineEntry[], since: Since | undefined): { entries: readonly TimelineEntry[]; startT: number } {
  if (since === undefined) return { entries, startT: 0 };
  if (typeof since === 'number') return { entries: entries.filter((e) => e.t >= since), startT: since };
  return { entries: entries.slice(since.index), startT: since.t };
}

export interface MatchResult {
  readonly pass: boolean;
  /** the entry each step matched (undefined from the first step that could not be matched) */
  readonly matched: ReadonlyArray<TimelineEntry | undefined>;
  /** the same as data: each step with its entry, or its near misses where the story diverged */
  readonly alignment: SequenceAlignment;
  /** the alignment as text, for a failure message */
  readonly report: string;
}

export function entriesOf(t: TimelineLike): readonly TimelineEntry[] {
  return Array.isArray(t) ? (t as readonly TimelineEntry[]) : (t as { entries: readonly TimelineEntry[] }).entries;
}

function inWindow(step: Step, prevT: number, t: number): boolean {
  const d = t - prevT;
  if (step.afterMs !== undefined && d < step.afterMs) return false;
  if (step.withinMs !== undefined && d > step.withinMs) return false;
  return true;
}

/** Indices of a full match, or the longest partial match found. */
function search(entries: readonly TimelineEntry[], steps: readonly Step[], startT: number): { full: boolean; indices: number[] } {
  const candidates = steps.map((s) => {
    const out: number[] = [];
    entries.forEach((e, i) => {
      if (entryMatches(s, e)) out.push(i);
    });
    return out;
  });
  const dead = steps.map(() => new Set<number>()); // (step, index) pairs proven not to lead to a full match
  let best: number[] = [];
  const path: number[] = [];
  const go = (k: number, prevIdx: number, prevT: number): boolean => {
    if (k === steps.length) return true;
    for (const i of candidates[k]) {
      if (i <= prevIdx) continue;
      const t = entries[i].t;
      if (steps[k].withinMs !== undefined && t - prevT > steps[k].withinMs) break; // later ones are later still
      if (!inWindow(steps[k], prevT, t) || dead[k].has(i)) continue;
      path.push(i);
      if (path.length > best.length) best = [...path];
      if (go(k + 1, i, t)) return true;
      path.pop();
      dead[k].add(i);
    }
    return false;
  };
  const full = go(0, -1, startT);
  return { full, indices: full ? [...path] : best };
}

export function matchSequence(timeline: TimelineLike, inputs: readonly StepInput[], opts: MatchOptions = {}): MatchResult {
  const { entries, startT } = fromSince(entriesOf(timeline), opts.since);
  const steps = inputs.map(parseStep);
  const { full, indices } = search(entries, steps, startT);
  const matched = steps.map((_, k) => (indices[k] !== undefined ? entries[indices[k]] : undefined));
  const alignment = alignSequence(entries, steps, indices, full);
  return { pass: full, matched, alignment, report: renderAlignment(alignment, entries, opts.describe) };
}

/** For a single step, windows are absolute (from t = 0, or from `since`): "1001 after 6s" counts 1001s at t ≥ 6 s. */
export function countMatches(timeline: TimelineLike, input: StepInput, since?: Since): number {
  return findMatches(timeline, input, since).length;
}

export function findMatches(timeline: TimelineLike, input: StepInput, since?: Since): TimelineEntry[] {
  const step = parseStep(input);
  const { entries, startT } = fromSince(entriesOf(timeline), since);
  return entries.filter((e) => entryMatches(step, e) && inWindow(step, startT, e.t));
}
