export { simulate } from './simulate';
export { CAPABILITIES, TargetError } from './target';
export { RigSession } from './rig-session';
export type { Capability, PageHandle, Session, SessionDevice, SessionNetwork, SessionOptions, SessionStreams, Target } from './target';
