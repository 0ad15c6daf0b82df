export { Timeline } from './timeline';
export type { TimelineEntry, EntryKind, TimelineListener } from './timeline';
export { Recorder } from './recorder';
export type { Mark, Recordable } from './recorder';
