export { parseDuration, DurationError } from './duration';
export type { DurationInput } from './duration';
export { parseStep, entryMatches, sourceMatches, StepError, KINDS } from './step';
export type { Step, StepInput, StepObject, SequenceStep } from './step';
export { matchSequence, countMatches, findMatches, entriesOf } from './sequence';
export type { MatchResult, MatchOptions, TimelineLike, Since } from './sequence';
export { formatEntry } from './report';
export { installMatchers, matchers } from './jest-matchers';
export type { CountBounds, SinceOption } from './jest-matchers';
