export { createRig, Rig, RigError, RigDisposedError } from './rig';
export type { RigOptions } from './rig';
export { DeviceControl, NetworkControl, FaultError } from './controls';
export type { Duration, RemoteStreamOptions, StreamControl, NetworkBackend } from './controls';
export type { MediaOptions, OpenedResources } from './media-session';
export { computeMetrics, percentile } from './metrics';
export type { ParticipantMetrics } from './metrics';
export type { LoadedPageHandle } from './page-session';
export { VIRTUAL_EPOCH_MS } from './virtual-timers';
