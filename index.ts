/** live-harness public API. */
export { createRig, Rig, RigError, RigDisposedError, NoDomError } from './harness/rig';
export { watchRigs, VIRTUAL_EPOCH_MS } from './harness/rig';
export type {
  RigOptions,
  Duration,
  ParticipantMetrics,
  MetricsWindow,
  LoadedPageHandle,
  PageElement,
  MediaOptions,
  MediaAccess,
  MediaEndpoints,
  StreamUrls,
  ProxyAccess,
  OpenedResources,
  RemoteStreamOptions,
  RigWatcher,
} from './harness/rig';
export { simulate, TargetError, CAPABILITIES } from './harness/targets';
export type { Target, Session, SessionOptions, PageHandle, Capability } from './harness/targets';
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
  FlvPlayer,
  RtmpPlayer,
  flv,
} from './harness/media';
export type { StartedMediaServer, MediaServerOptions, ServerEvent, ServerEndpoint, FfmpegInfo, SourceSettings } from './harness/media';
export { FaultProxy, StartedFaultProxy, FaultProxyError, ToxicError, TOXIC_TYPES, checkToxic, toxicsForShape } from './harness/network';
export type {
  FaultProxyOptions,
  ProxyEvent,
  ToxicSpec,
  ToxicType,
  ConnectionMatch,
  ConnectionTags,
  Direction,
  DirectionChoice,
  HostPort,
} from './harness/network';
export { Timeline, Recorder } from './harness/record';
export type { TimelineEntry, EntryKind, Mark } from './harness/record';
export { matchSequence, countMatches, parseStep, parseDuration, installMatchers, renderAlignment } from './harness/assert';
export type { SequenceStep, StepInput, Since, SinceOption, CountBounds, SequenceAlignment, AlignedStep, StepData } from './harness/assert';
export {
  defineScenario,
  runScenario,
  validateScenario,
  ScenarioError,
  ScenarioStoppedError,
  loadScenarios,
  collectScenarios,
  ScenarioLoadError,
  renderFailure,
} from './harness/runner';
export type {
  Scenario,
  ScenarioResult,
  ExpectationResult,
  LoadedScenario,
  ScenarioCollection,
  ScenarioProblem,
  RunObserver,
  PerformedStep,
} from './harness/runner';
export { JsonReporter, ConsoleReporter, combineReporters, REPORT_SCHEMA_VERSION } from './harness/report';
export type { Reporter, RunStart, RunEnd, ReportedScenario, JsonReport } from './harness/report';
export * as codes from './mocks/codes';
export { DEFAULT_PARAMS, DEVICE_FAULTS } from './mocks/model';
export type { ModelParams, ClientProfile, DeviceFault } from './mocks/model';
export { BUILTIN_PROFILES, HostMap, DEFAULT_HOSTS, FAULTS, FAULT_VERBS, MEDIA_GAPS, MediaUnsupportedError } from './mocks/link';
export type { NetworkProfile, NetworkIncident, Fault, FaultOf, FaultVerb } from './mocks/link';
