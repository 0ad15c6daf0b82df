/** live-harness public API. */
export { createRig, Rig, RigError, RigDisposedError } from './harness/rig';
export type { RigOptions, Duration, ParticipantMetrics, LoadedPageHandle, MediaOptions, OpenedResources, RemoteStreamOptions } from './harness/rig';
export {
  MediaServer,
  sharedMediaServer,
  stopSharedMediaServer,
  resolveFfmpeg,
  FfmpegNotFoundError,
  SyntheticSource,
  PRESETS,
  externalEndpoint,
  localEndpoint,
} from './harness/media';
export type { StartedMediaServer, MediaServerOptions, ServerEvent, ServerEndpoint, FfmpegInfo, SourceSettings } from './harness/media';
export { Timeline } from './harness/record';
export type { TimelineEntry, EntryKind } from './harness/record';
export { matchSequence, countMatches, parseStep, parseDuration, installMatchers } from './harness/assert';
export type { SequenceStep, StepInput } from './harness/assert';
export { defineScenario, runScenario, validateScenario, ScenarioError, ScenarioStoppedError } from './harness/runner';
export type { Scenario, ScenarioResult } from './harness/runner';
export * as codes from './mocks/codes';
export { DEFAULT_PARAMS, DEVICE_FAULTS } from './mocks/model';
export type { ModelParams, ClientProfile, DeviceFault } from './mocks/model';
export { BUILTIN_PROFILES, HostMap, DEFAULT_HOSTS, FAULTS, FAULT_VERBS, MEDIA_GAPS, MediaUnsupportedError } from './mocks/link';
export type { NetworkProfile, NetworkIncident, Fault, FaultOf, FaultVerb } from './mocks/link';
