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
export { matchSequence, countMatches, parseStep, parseDuration, installMatchers, renderAlignment } from './harness/assert';
export type { SequenceStep, StepInput, SequenceAlignment, AlignedStep, StepData } from './harness/assert';
export {
  defineScenario,
  runScenario,
  validateScenario,
  ScenarioError,
  ScenarioStoppedError,
  loadScenarios,
  ScenarioLoadError,
  renderFailure,
} from './harness/runner';
export type { Scenario, ScenarioResult, ExpectationResult, LoadedScenario, RunObserver, PerformedStep } from './harness/runner';
export { JsonReporter, ConsoleReporter, combineReporters, REPORT_SCHEMA_VERSION } from './harness/report';
export type { Reporter, RunStart, RunEnd, ReportedScenario, JsonReport } from './harness/report';
export * as codes from './mocks/codes';
export { DEFAULT_PARAMS, DEVICE_FAULTS } from './mocks/model';
export type { ModelParams, ClientProfile, DeviceFault } from './mocks/model';
export { BUILTIN_PROFILES, HostMap, DEFAULT_HOSTS } from './mocks/link';
export type { NetworkProfile } from './mocks/link';
