export { simulate } from './simulate';
export { automatorSim, AutomatorSimSession, openAutomatorSimSession } from './automator-sim';
export { TARGETS } from './registry';
export { CAPABILITIES, TargetError } from './target';
export { RigSession } from './rig-session';
export type { Capability, PageHandle, Session, SessionDevice, SessionNetwork, SessionOptions, SessionStreams, Target } from './target';
