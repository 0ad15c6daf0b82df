export { simulate } from './simulate';
export { CAPABILITIES, TargetError } from './target';
export type { Capability, PageHandle, Session, SessionOptions, Target } from './target';
