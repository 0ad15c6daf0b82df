export { attachHarness, Harness, AttachError } from './attach-harness';
export type { RemoteNetwork, RemoteDevice, RemoteStreams, RemoteFaultMethods, MediaInfo } from './attach-harness';
export { TimelineMirror } from './timeline-mirror';
