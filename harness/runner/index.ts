export { defineScenario } from './scenario';
export type {
  Scenario,
  Action,
  TimelineStep,
  Expectations,
  PageExpectation,
  MetricExpectation,
  Capability,
  Bounds,
  EveryExpectation,
  OutlierAllowance,
  FaultExpectation,
  PageStates,
  StormExpectation,
  ServerSetup,
} from './scenario';
export { measureFault, warningPeaks, DEFAULT_FAULT_STEP } from './fault-judge';
export type { FaultMeasure } from './fault-judge';
export { measureEvery, everySummary } from './every';
export type { EveryMeasure } from './every';
export { runScenario, ScenarioStoppedError } from './run-scenario';
export type { ScenarioResult, RunOptions } from './run-scenario';
export type { AudienceSummary, AudienceHistograms, AudiencePoint, AudienceGroupSummary, HistogramSummary, HistogramBucket } from '../audience';
export type { RunObserver, PerformedStep } from './observer';
export type {
  ExpectationResult,
  ExpectationKind,
  Matches,
  SequenceResult,
  NeverResult,
  CountResult,
  EveryResult,
  PageResult,
  MetricResult,
  WarningsResult,
  RigResult,
  RunResult,
  NeedsResult,
} from './expectation-result';
export { renderFailure } from './render-failure';
export { loadScenarios, collectScenarios, loadScenarioFile, findScenarioFiles, ScenarioLoadError } from './scenario-loader';
export type { LoadedScenario, ScenarioCollection } from './scenario-loader';
export { validateScenario, ScenarioError } from './validate-scenario';
export type { ScenarioProblem, ValidateOptions } from './validate-scenario';
export { installDom } from './dom-env';
export { renderScenariosDoc } from './scenario-doc';
export { selectScenarios, parseShard, shardKey, SelectionError } from './select';
export type { Shard, Selection } from './select';
