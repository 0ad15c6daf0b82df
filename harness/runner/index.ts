export { defineScenario } from './scenario';
export type { Scenario, Action, TimelineStep, Expectations, PageExpectation, MetricExpectation, Capability, Bounds, EveryExpectation } from './scenario';
export { runScenario, ScenarioStoppedError } from './run-scenario';
export type { ScenarioResult, RunOptions } from './run-scenario';
export { validateScenario, ScenarioError } from './validate-scenario';
export { installDom } from './dom-env';
