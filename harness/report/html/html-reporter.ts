/**
 * The HTML report: `index.html` and `assets/` in the run's folder, written
 * once at the end of the run — also when scenarios failed and when the run was
 * interrupted. The page holds the results data itself (the object of
 * results.json) and its scripts beside it, so it opens offline from the folder.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { jsonReport, ReportError } from '../json-reporter';
import type { Reporter, RunEnd, RunStart } from '../reporter';
import { annotate } from './annotate';
import { ASSET_FILES, renderPage } from './page';

export interface HtmlReporterOptions {
  /** the run's folder (ReportFolder's `reports/<run-id>/`), or how to name it once the run starts */
  readonly folder: string | ((run: RunStart) => string);
  /** told the path of index.html once written */
  readonly onWritten?: (file: string) => void;
}

/**
 * Where each asset comes from. uPlot is resolved through Node's own lookup,
 * so this works from the sources, from dist/ and from a user's install (where
 * uplot may sit in a parent node_modules); the report's own files sit beside
 * this module (the build copies them to dist/, as it copies nms-entry.cjs).
 */
export function assetSources(): Record<keyof typeof ASSET_FILES, string> {
  const own = join(__dirname, 'assets');
  // The mini-program typings declare their own `require` without resolve(): take Node's.
  const nodeRequire = createRequire(__filename);
  return {
    uplotJs: nodeRequire.resolve('uplot/dist/uPlot.iife.min.js'),
    uplotCss: nodeRequire.resolve('uplot/dist/uPlot.min.css'),
    reportJs: join(own, ASSET_FILES.reportJs),
    reportCss: join(own, ASSET_FILES.reportCss),
  };
}

/** Writes the report of a run into `dir`: index.html and assets/; returns the path of index.html. */
export function writeHtmlReport(dir: string, start: RunStart, end: RunEnd): string {
  const sources = assetSources();
  for (const [key, file] of Object.entries(sources)) {
    if (!existsSync(file))
      throw new ReportError(
        `[live-harness] Failed to write the HTML report: its asset ${key} is missing at ${file}. Reinstall live-harness (a build copies harness/report/html/assets to dist/).`,
      );
  }
  const assets = join(dir, 'assets');
  mkdirSync(assets, { recursive: true });
  for (const key of Object.keys(ASSET_FILES) as (keyof typeof ASSET_FILES)[]) copyFileSync(sources[key], join(assets, ASSET_FILES[key]));
  const report = jsonReport(start, end);
  const file = join(dir, 'index.html');
  writeFileSync(file, renderPage(report, annotate(report, start.scenarios.length)));
  return file;
}

export class HtmlReporter implements Reporter {
  private start: RunStart | undefined;
  /** the path of index.html, once written */
  file: string | undefined;

  constructor(private readonly options: HtmlReporterOptions) {}

  onRunStart(run: RunStart): void {
    this.start = run;
  }

  onRunEnd(end: RunEnd): void {
    const start = this.start;
    if (!start) throw new ReportError('[live-harness] Failed to write index.html: the run ended before it started. Call onRunStart before onRunEnd.');
    const folder = this.options.folder;
    const dir = resolve(typeof folder === 'string' ? folder : folder(start));
    this.file = writeHtmlReport(dir, start, end);
    this.options.onWritten?.(this.file);
  }
}
