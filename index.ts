/** live-harness public API. */
export { createRig, Rig, RigError, RigDisposedError, NoDomError } from './harness/rig';
export { watchRigs, VIRTUAL_EPOCH_MS } from './harness/rig';
export { LIVE_STATUS, LiveRoomsError, PluginError } from './harness/rig';
export type { LiveRooms, LiveStatusName, RoomOptions, ShareEntry, LiveRoomPluginControl } from './harness/rig';
export type {
  RigOptions,
  Duration,
  ParticipantMetrics,
  MetricsWindow,
  LoadedPageHandle,
  PageElement,
  MediaOptions,
  LanOptions,
  LanBinding,
  MediaAccess,
  MediaEndpoints,
  StreamUrls,
  ProxyAccess,
  OpenedResources,
  RemoteStreamOptions,
  RigWatcher,
} from './harness/rig';
export { simulate, automatorSim, TARGETS, RigSession, TargetError, CAPABILITIES } from './harness/targets';
export { attachHarness, Harness, AttachError, TimelineMirror } from './harness/automator';
export type { RemoteNetwork, RemoteDevice, RemoteStreams, RemoteFaultMethods, MediaInfo } from './harness/automator';
export { installLiveHarness, LiveHarnessDomain, LiveHarnessError, LIVE_HARNESS_DOMAIN } from './harness/automator-sim/live-harness-domain';
export type { LiveHarnessHost, LiveHarnessState } from './harness/automator-sim/live-harness-domain';
export type { Target, Session, SessionOptions, SessionNetwork, SessionDevice, SessionStreams, PageHandle, Capability } from './harness/targets';
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
  UrlSigner,
  signStreamPath,
  withSign,
  resolveLanAddress,
  lanCandidates,
  LanAddressError,
} from './harness/media';
export type { StartedMediaServer, MediaServerOptions, ServerEvent, ServerEndpoint, FfmpegInfo, SourceSettings, SignOptions } from './harness/media';
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
export {
  JsonReporter,
  JunitReporter,
  LineReporter,
  ConsoleReporter,
  HtmlReporter,
  combineReporters,
  createReporters,
  ReportFolder,
  newRunId,
  describeMachine,
  ReportError,
  ReporterNameError,
  REPORTER_NAMES,
  REPORT_SCHEMA_VERSION,
  RESULTS_SCHEMA_FILE,
} from './harness/report';
export type {
  Reporter,
  RunStart,
  RunEnd,
  ScenarioRef,
  ReportedScenario,
  Machine,
  JsonReport,
  JsonScenario,
  RepeatCount,
  ReporterName,
  CreateReportersOptions,
  ReportFolderOptions,
  LineStream,
  HtmlReporterOptions,
} from './harness/report';
export * as codes from './mocks/codes';
export { DEFAULT_PARAMS, DEVICE_FAULTS } from './mocks/model';
export type { ModelParams, ClientProfile, DeviceFault } from './mocks/model';
export { BUILTIN_PROFILES, HostMap, DEFAULT_HOSTS, FAULTS, FAULT_VERBS, MEDIA_GAPS, MediaUnsupportedError } from './mocks/link';
export type { NetworkProfile, NetworkIncident, Fault, FaultOf, FaultVerb } from './mocks/link';
// issue 9: the DevTools automation protocol over a rig (ws loads when a server starts, not with the package).
export { AutomatorSim, AutomatorSimError, ProtocolError } from './harness/automator-sim';
export type { AutomatorSimOptions, DomainHandlers, MethodHandler, CallContext } from './harness/automator-sim';
// issue 9: the devtools and device targets, their drivers, the phone clock offset, and traces with replay.
export { devtools, device, DevtoolsSession, DeviceSession } from './harness/targets';
export type { AutomatorEndpoint } from './harness/targets';
export { DevtoolsDriver, DeviceDriver, measureClockOffset, offsetFromSamples, ClockOffsetError } from './harness/drivers';
export type { DevtoolsDriverOptions, DeviceDriverOptions, CapturedEntry, ClockOffset, ClockSample } from './harness/drivers';
export { ModelHost } from './harness/rig';
export type { ModelHostOptions } from './harness/rig';
export { loadTrace, validateTrace, serializeTrace, replayTrace, renderReplay, TraceError, TRACE_FORMAT, TRACE_VERSION } from './harness/trace';
export type { Trace, TraceEntry, TraceElement, TraceClock, ReplayReport, ReplayOptions } from './harness/trace';
// issue 13: audiences of many lightweight viewers, their mergeable histograms
export { Audience, AudienceError, Histogram, HistogramError, ClockedPublisher, mergeSummaries, MergeError, MAX_VIEWERS } from './harness/audience';
export type {
  AudienceOptions,
  AudienceFault,
  AudienceTarget,
  AudienceHooks,
  AudienceSummary,
  AudienceHistograms,
  AudiencePoint,
  AudienceGroupSummary,
  AudienceProtocol,
  AudienceJoin,
  HistogramSummary,
  HistogramBucket,
  ShardSpec,
  KeepUp,
} from './harness/audience';
