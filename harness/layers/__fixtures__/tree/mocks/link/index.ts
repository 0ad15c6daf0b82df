// Types from the clock's index: allowed.
export type { Clock } from '../time';
export const LINK = 'link';
