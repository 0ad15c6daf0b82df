/**
 * How an expected sequence lines up against a timeline, as data: each step
 * with the entry it matched, or — for the step where the story diverged — the
 * entries that nearly matched and those seen too early. Reporters render it;
 * nothing here is text meant for reading.
 */
import type { EntryKind, TimelineEntry } from '../record';
import { entryMatches, type Step } from './step';

/** A step as data: what it asks for, without its predicate (which is not data). */
export interface StepData {
  readonly text: string;
  readonly code?: number;
  readonly source?: string;
  readonly kind?: EntryKind;
  readonly withinMs?: number;
  readonly afterMs?: number;
  /** the step has a `where` predicate on the entry's detail */
  readonly where?: true;
}

/** A timeline entry and its index in the timeline. */
export interface EntryRef {
  readonly index: number;
  readonly entry: TimelineEntry;
}

/** An entry that matches a step but falls outside its window. */
export interface NearMiss extends EntryRef {
  /** ms after the previous matched step (or after t = 0) */
  readonly sincePreviousMs: number;
  /** by how much it missed a `within` window */
  readonly lateByMs?: number;
  /** by how much it missed an `after` window */
  readonly earlyByMs?: number;
}

export type AlignedStep =
  | { readonly status: 'matched'; readonly step: StepData; readonly match: EntryRef; readonly sincePreviousMs: number }
  | {
      readonly status: 'missing';
      readonly step: StepData;
      /** the 1-based number of the step it had to follow (0: none, it was the first) */
      readonly afterStep: number;
      /** the time of that step's entry (0 for the first step) */
      readonly afterMs: number;
      /** first few entries after the previous step that match but break the window */
      readonly nearMisses: readonly NearMiss[];
      /** last few matching entries that came before the previous step */
      readonly seenEarlier: readonly EntryRef[];
    }
  | { readonly status: 'not-reached'; readonly step: StepData };

/**
 * The part of the timeline the alignment covers: from the first matched entry
 * to the last one when the sequence passed; from the last matched entry (or
 * the start) to the end when it did not — what happened after the story
 * diverged. Frequent kinds (netstatus, metrics, volume) are counted, not
 * listed, unless a step matched them.
 */
export interface TimelineWindow {
  readonly fromIndex: number;
  readonly toIndex: number;
  readonly entries: ReadonlyArray<EntryRef & { readonly step?: number }>;
  /** frequent entries in the window left out of `entries` */
  readonly quiet: number;
  /** entries past the listing limit */
  readonly more: number;
}

export interface SequenceAlignment {
  readonly pass: boolean;
  readonly steps: readonly AlignedStep[];
  readonly window: TimelineWindow;
  /** entries the timeline had when it was aligned; later ones (a rig's teardown) were not judged */
  readonly timelineLength: number;
}

/** Kinds that arrive every second or so: counted in a window, not listed. */
export const QUIET_KINDS: ReadonlySet<string> = new Set(['netstatus', 'audiovolumenotify', 'metric', 'bgmprogress']);
const NEAR_MISSES = 3;
const SEEN_EARLIER = 2;
const WINDOW_ENTRIES = 40;

export function stepData(s: Step): StepData {
  return {
    text: s.text,
    ...(s.code !== undefined ? { code: s.code } : {}),
    ...(s.source !== undefined ? { source: s.source } : {}),
    ...(s.kind !== undefined ? { kind: s.kind } : {}),
    ...(s.withinMs !== undefined ? { withinMs: s.withinMs } : {}),
    ...(s.afterMs !== undefined ? { afterMs: s.afterMs } : {}),
    ...(s.where ? { where: true as const } : {}),
  };
}

/** `indices`: the timeline index each step matched, for a prefix of the steps (all of them when `pass`). */
export function alignSequence(entries: readonly TimelineEntry[], steps: readonly Step[], indices: readonly number[], pass: boolean): SequenceAlignment {
  let prevT = 0;
  let prevIdx = -1;
  const aligned = steps.map((s, k): AlignedStep => {
    const step = stepData(s);
    const idx = indices[k];
    if (idx !== undefined) {
      const since = entries[idx].t - prevT;
      prevT = entries[idx].t;
      prevIdx = idx;
      return { status: 'matched', step, match: { index: idx, entry: entries[idx] }, sincePreviousMs: since };
    }
    if (k !== indices.length) return { status: 'not-reached', step };
    const nearMisses: NearMiss[] = [];
    const seenEarlier: EntryRef[] = [];
    entries.forEach((entry, index) => {
      if (!entryMatches(s, entry)) return;
      if (index <= prevIdx) seenEarlier.push({ index, entry });
      else if (nearMisses.length < NEAR_MISSES) nearMisses.push(nearMiss(s, index, entry, prevT));
    });
    return { status: 'missing', step, afterStep: k, afterMs: prevT, nearMisses, seenEarlier: seenEarlier.slice(-SEEN_EARLIER) };
  });
  return { pass, steps: aligned, window: windowOf(entries, indices, pass), timelineLength: entries.length };
}

function nearMiss(s: Step, index: number, entry: TimelineEntry, prevT: number): NearMiss {
  const d = entry.t - prevT;
  const late = s.withinMs !== undefined && d > s.withinMs ? { lateByMs: d - s.withinMs } : {};
  const early = s.afterMs !== undefined && d < s.afterMs ? { earlyByMs: s.afterMs - d } : {};
  return { index, entry, sincePreviousMs: d, ...late, ...early };
}

function windowOf(entries: readonly TimelineEntry[], indices: readonly number[], pass: boolean): TimelineWindow {
  const first = indices[0] ?? 0;
  const last = indices[indices.length - 1] ?? -1;
  // passed: the matched span; failed: from the last match (or the start) to the end
  const fromIndex = pass ? first : Math.max(last, 0);
  const toIndex = pass ? last : entries.length - 1;
  const stepOf = new Map(indices.map((i, k) => [i, k + 1]));
  const listed: Array<EntryRef & { step?: number }> = [];
  let quiet = 0;
  let more = 0;
  for (let index = fromIndex; index <= toIndex; index++) {
    const entry = entries[index];
    const step = stepOf.get(index);
    if (step === undefined && QUIET_KINDS.has(entry.kind)) quiet++;
    else if (listed.length >= WINDOW_ENTRIES) more++;
    else listed.push(step === undefined ? { index, entry } : { index, entry, step });
  }
  return { fromIndex, toIndex, entries: listed, quiet, more };
}
