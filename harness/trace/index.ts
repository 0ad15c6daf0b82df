export { TRACE_FORMAT, TRACE_VERSION, TRACE_KINDS, TraceError, validateTrace, loadTrace, serializeTrace } from './trace-format';
export type { Trace, TraceClock, TraceElement, TraceEntry, TraceKind } from './trace-format';
export { replayTrace, compare } from './replay';
export type { ReplayOptions, ReplayReport, ReplayRow, MatchedPair, SourceReport } from './replay';
export { renderReplay } from './render-replay';
