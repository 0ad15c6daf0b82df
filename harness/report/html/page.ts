/**
 * index.html: a shell that loads the bundled assets from `assets/` and
 * carries the run's data inline, so the page opens from its folder with
 * file:// (a browser refuses fetch() there) and needs no network.
 */
import type { JsonReport } from '../json-reporter';
import type { ReportAnnotations } from './annotate';

/**
 * JSON that is safe inside `<script type="application/json">`: the HTML
 * parser ends the element at the first `</script` whatever the case, and
 * `<!--` can switch it into a state where that happens later than expected;
 * U+2028/U+2029 are escaped so the text is also a valid JavaScript literal.
 * Every escape is a JSON escape: JSON.parse gives back the same object.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const ASSET_FILES = { uplotJs: 'uPlot.iife.min.js', uplotCss: 'uPlot.min.css', reportJs: 'report.js', reportCss: 'report.css' } as const;

export function renderPage(report: JsonReport, annotations: ReportAnnotations): string {
  const { summary } = report;
  const title = `live-harness report: ${summary.passed} passed, ${summary.failed} failed — ${report.startedAt}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="assets/${ASSET_FILES.uplotCss}">
<link rel="stylesheet" href="assets/${ASSET_FILES.reportCss}">
</head>
<body>
<noscript>This report draws its timelines and charts with JavaScript; the data is in results.json beside this file.</noscript>
<main id="report" aria-busy="true"></main>
<script type="application/json" id="results">${scriptSafeJson(report)}</script>
<script type="application/json" id="annotations">${scriptSafeJson(annotations)}</script>
<script src="assets/${ASSET_FILES.uplotJs}"></script>
<script src="assets/${ASSET_FILES.reportJs}"></script>
</body>
</html>
`;
}
