/**
 * Jest matchers over a timeline. `installMatchers()` once (the preset does it).
 */
import { formatEntry, nameCode as describe } from './render-alignment';
import { countMatches, entriesOf, findMatches, matchSequence, type Since, type TimelineLike } from './sequence';
import { parseStep, type SequenceStep, type StepInput } from './step';

export interface CountBounds {
  readonly min?: number;
  readonly max?: number;
  readonly exactly?: number;
  /** count only from here on (a rig's mark(), or ms) */
  readonly since?: Since;
}

export interface SinceOption {
  /** match only from here on (a rig's mark(), or ms); the first step's window starts here */
  readonly since?: Since;
}

/** The timeline matchers as `expect(timeline)` offers them; `R` is what a matcher returns (a Promise after `.resolves`). */
export interface TimelineMatchers<R> {
  /** Ordered subsequence with optional `within`/`after` windows; other entries in between are fine. */
  toHaveSequence(steps: readonly SequenceStep[], options?: SinceOption): R;
  /** No entry matches the step. */
  toNeverHave(step: StepInput, options?: SinceOption): R;
  /** How many entries match the step. */
  toHaveCount(step: StepInput, bounds: CountBounds): R;
}

// Two ways to reach expect, two types to extend: the global `expect` of
// @types/jest reads `jest.Matchers`; `import { expect } from '@jest/globals'`
// reads the `Matchers` of the `expect` package (@jest/expect re-exports it).
/* eslint-disable @typescript-eslint/no-empty-object-type -- interfaces merge only by declaration */
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> extends TimelineMatchers<R> {}
  }
}

declare module 'expect' {
  interface Matchers<R> extends TimelineMatchers<R> {}
}
/* eslint-enable @typescript-eslint/no-empty-object-type */

function isTimeline(v: unknown): v is TimelineLike {
  return Array.isArray(v) || (typeof v === 'object' && v !== null && Array.isArray((v as { entries?: unknown }).entries));
}

const notTimeline = (v: unknown): { pass: false; message: () => string } => ({
  pass: false,
  message: () => `expected a Timeline or an array of timeline entries, got ${typeof v}`,
});

export const matchers = {
  toHaveSequence(received: unknown, steps: readonly SequenceStep[], options: SinceOption = {}) {
    if (!isTimeline(received)) return notTimeline(received);
    const r = matchSequence(received, steps, { describe, since: options.since });
    return { pass: r.pass, message: () => (r.pass ? `expected the sequence NOT to be observed, but it was:\n${r.report}` : r.report) };
  },
  toNeverHave(received: unknown, step: StepInput, options: SinceOption = {}) {
    if (!isTimeline(received)) return notTimeline(received);
    const hits = findMatches(received, step, options.since);
    const text = parseStep(step).text;
    return {
      pass: hits.length === 0,
      message: () =>
        hits.length === 0
          ? `expected to see ${text} at least once, saw none`
          : `expected never ${text}, saw it ${hits.length}×:\n${hits
              .slice(0, 10)
              .map((e) => `  ${formatEntry(e, describe)}`)
              .join('\n')}`,
    };
  },
  toHaveCount(received: unknown, step: StepInput, bounds: CountBounds) {
    if (!isTimeline(received)) return notTimeline(received);
    const n = countMatches(received, step, bounds.since);
    const ok =
      (bounds.exactly === undefined || n === bounds.exactly) && (bounds.min === undefined || n >= bounds.min) && (bounds.max === undefined || n <= bounds.max);
    const want =
      bounds.exactly !== undefined
        ? `exactly ${bounds.exactly}`
        : [bounds.min !== undefined ? `≥ ${bounds.min}` : '', bounds.max !== undefined ? `≤ ${bounds.max}` : ''].filter(Boolean).join(' and ');
    const text = parseStep(step).text;
    const hits = findMatches(received, step, bounds.since);
    return {
      pass: ok,
      message: () =>
        `expected ${text} ${ok ? 'not ' : ''}${want} times, saw ${n}${
          hits.length
            ? `:\n${hits
                .slice(0, 10)
                .map((e) => `  ${formatEntry(e, describe)}`)
                .join('\n')}`
            : ''
        }\n(of ${entriesOf(received).length} entries)`,
    };
  },
};

export function installMatchers(): void {
  expect.extend(matchers);
}
