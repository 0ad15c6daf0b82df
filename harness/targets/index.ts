export { simulate } from './simulate';
export { CAPABILITIES, TargetError } from './target';
export { RigSession } from './rig-session';
export type { Capability, PageHandle, Session, SessionDevice, SessionNetwork, SessionOptions, SessionStreams, Target } from './target';
export { devtools, DevtoolsSession } from './devtools';
export type { AutomatorEndpoint } from './devtools';
export { device, DeviceSession } from './device';
