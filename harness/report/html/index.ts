export { HtmlReporter, writeHtmlReport, assetSources } from './html-reporter';
export type { HtmlReporterOptions } from './html-reporter';
export { annotate, faultSpans, codeNames } from './annotate';
export type { ReportAnnotations, ScenarioAnnotations, FaultSpan } from './annotate';
export { scriptSafeJson } from './page';
