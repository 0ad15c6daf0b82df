export { simulate } from './simulate';
export { automatorSim } from './automator-sim';
export type { AutomatorSimSession } from './automator-sim-session';
export { TARGETS } from './registry';
export { CAPABILITIES, TargetError } from './target';
export { RigSession } from './rig-session';
export type { Capability, PageHandle, Session, SessionDevice, SessionNetwork, SessionOptions, SessionStreams, Target } from './target';
