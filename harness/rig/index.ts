export { createRig, Rig, DeviceControl, NetworkControl, StreamControl } from './rig';
export type { RigOptions, Duration, RemoteStreamOptions } from './rig';
export { computeMetrics, percentile } from './metrics';
export type { ParticipantMetrics } from './metrics';
export type { LoadedPageHandle } from './page-session';
export { VIRTUAL_EPOCH_MS } from './virtual-timers';
