export { Timeline } from './timeline';
export type { TimelineEntry, EntryKind, TimelineListener } from './timeline';
