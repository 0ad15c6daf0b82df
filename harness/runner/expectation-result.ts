/**
 * What the judgement of one expectation found, as data: what was expected,
 * what was observed, and for sequences how the timeline lines up. Reporters
 * read these; the failure text of a scenario is rendered from them
 * (render-failure.ts), never the other way round.
 */
import type { EntryRef, SequenceAlignment, StepData } from '../assert';
import type { Duration } from '../rig';
import type { Capability } from './scenario';

interface Judged<K extends string, Expected, Observed> {
  readonly kind: K;
  /** where the expectation is written in the scenario: `expect.sequences[1]`, `timeline[2].expect` … */
  readonly path: string;
  readonly pass: boolean;
  readonly expected: Expected;
  readonly observed: Observed;
}

/** The entries that matched a step: how many, and the first few of them. */
export interface Matches {
  readonly count: number;
  readonly entries: readonly EntryRef[];
}

export type SequenceResult = Judged<'sequence', { readonly steps: readonly StepData[] }, { readonly matchedSteps: number }> & {
  readonly alignment: SequenceAlignment;
};
export type NeverResult = Judged<'never', { readonly step: StepData; readonly count: 0 }, Matches>;
export type CountResult = Judged<'count', { readonly step: StepData; readonly min?: number; readonly max?: number; readonly exactly?: number }, Matches>;
/** Every entry of a kind from a source in a window satisfies a predicate; `problems` says what broke it. */
export type EveryResult = Judged<
  'every',
  {
    readonly source: string;
    readonly kind: string;
    readonly metric?: string;
    readonly describe: string;
    readonly from?: Duration;
    readonly until?: Duration;
  },
  {
    /** samples in the window, those that broke the predicate, and how many of those the expectation allows */
    readonly samples: number;
    readonly outliers: number;
    readonly allowed: number;
    readonly problems: readonly string[];
  }
>;
/** Page state at a checkpoint or at the end; `value` is absent when the page had none. */
export type PageResult = Judged<
  'page',
  { readonly when: string; readonly what: 'data' | 'text'; readonly path: string; readonly value: unknown },
  { readonly value?: unknown }
>;
/**
 * A metric bound of a participant. Without `metric`, the participant itself
 * was expected and never appeared (`seen: false`); `value: null` is a metric
 * that was not measured.
 */
export type MetricResult = Judged<
  'metric',
  { readonly source: string; readonly metric?: string; readonly min?: number; readonly max?: number },
  { readonly seen: boolean; readonly value?: number | null }
>;
export type WarningsResult = Judged<'warnings', { readonly none: true } | { readonly include: string }, { readonly warnings: readonly string[] }>;
/** The rig could not be created, failed while running, or failed to tear down. */
export type RigResult = Judged<'rig', { readonly phase: 'create' | 'run' | 'teardown' }, { readonly error: string }>;
/** The run itself stopped: out of time, interrupted, or a step threw. */
export type RunResult = Judged<'run', { readonly timeoutMs?: number }, { readonly stopped: 'timeout' | 'interrupted' | 'threw'; readonly error: string }>;
/** The scenario needs what the target cannot do: it is not applicable there. */
export type NeedsResult = Judged<
  'needs',
  { readonly capabilities: readonly Capability[] },
  {
    readonly capabilities: readonly Capability[];
    readonly missing: readonly Capability[];
    /** why this machine lacks it, with the fix (a browser that is not installed) */
    readonly reason?: string;
  }
>;

/**
 * A bound on an audience's figure: a percentile of one of its distributions,
 * or a count of viewers. `value: null`: the distribution had no samples (or
 * the audience, or the path `of`, was never there: `seen: false`).
 */
export type AudienceResult = Judged<
  'audience',
  { readonly audience: string; readonly of?: string; readonly figure: string; readonly min?: number; readonly max?: number },
  { readonly seen: boolean; readonly value?: number | null }
>;

export type ExpectationResult =
  SequenceResult | NeverResult | CountResult | EveryResult | PageResult | MetricResult | WarningsResult | RigResult | RunResult | NeedsResult | AudienceResult;

export type ExpectationKind = ExpectationResult['kind'];
