export { combineReporters } from './reporter';
export type { Reporter, RunStart, RunEnd, ScenarioRef, ReportedScenario } from './reporter';
export { JsonReporter, jsonReport, ReportError, REPORT_SCHEMA_VERSION } from './json-reporter';
export type { JsonReport, JsonReporterOptions } from './json-reporter';
export { ConsoleReporter } from './console-reporter';
export type { ConsoleReporterOptions } from './console-reporter';
export { HtmlReporter } from './html';
export type { HtmlReporterOptions } from './html';
