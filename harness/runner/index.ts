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
} from './scenario';
export { measureEvery, everySummary } from './every';
export type { EveryMeasure } from './every';
export { runScenario, ScenarioStoppedError } from './run-scenario';
export type { ScenarioResult, RunOptions } from './run-scenario';
export { validateScenario, ScenarioError } from './validate-scenario';
export { installDom } from './dom-env';
