/**
 * `--reporter line,json,junit,html`: reporters by name, as one Reporter. The
 * file reporters write into the run's folder of one ReportFolder; the HTML
 * reporter is handed in (it lives in harness/report/html, above this file).
 */
import { nearest } from '../../mocks/model';
import { JsonReporter } from './json-reporter';
import { JunitReporter } from './junit-reporter';
import { LineReporter, type LineStream } from './line-reporter';
import type { ReportFolder } from './report-folder';
import { ReporterNameError, ReportError } from './report-error';
import { combineReporters, type Reporter } from './reporter';

export const REPORTER_NAMES = ['line', 'json', 'junit', 'html'] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

/** What `--reporter` gives when it is not given. */
export const DEFAULT_REPORTERS: readonly ReporterName[] = ['line', 'json', 'junit', 'html'];

export interface CreateReportersOptions {
  /** the run's report folder; file reporters write into its run folder */
  readonly folder: ReportFolder;
  /** where `line` writes; default process.stdout */
  readonly stream?: LineStream;
  /** override the stream's own isTTY (`--no-tty`, tests) */
  readonly isTTY?: boolean;
  /** makes the `html` reporter (harness/report/html's HtmlReporter); required when `html` is named */
  readonly htmlReporter?: (folder: ReportFolder) => Reporter;
  /** told the path of each report file once written (`report: reports/…/junit.xml`) */
  readonly onWritten?: (file: string) => void;
}

export function isReporterName(name: string): name is ReporterName {
  return (REPORTER_NAMES as readonly string[]).includes(name);
}

/** Checks names as `--reporter` gives them (also `a,b` in one item), without duplicates, in the order given. */
export function parseReporterNames(names: readonly string[]): ReporterName[] {
  const out: ReporterName[] = [];
  for (const raw of names.flatMap((n) => n.split(',')).map((n) => n.trim())) {
    if (!isReporterName(raw)) {
      const near = nearest(raw, REPORTER_NAMES);
      throw new ReporterNameError(
        `[live-harness] Failed to choose reporters: there is no reporter "${raw}". Use one or more of ${REPORTER_NAMES.join(', ')}` +
          (near ? `. Did you mean "${near}"?` : '.'),
      );
    }
    if (!out.includes(raw)) out.push(raw);
  }
  if (out.length === 0)
    throw new ReporterNameError(`[live-harness] Failed to choose reporters: none was named. Use one or more of ${REPORTER_NAMES.join(', ')}.`);
  return out;
}

/**
 * The reporters named, as one. `line` goes last whatever the order given: the
 * files are written (and their paths told) before its summary, which ends the
 * output.
 */
export function createReporters(names: readonly string[], options: CreateReportersOptions): Reporter {
  const chosen = parseReporterNames(names);
  const ordered = [...chosen.filter((n) => n !== 'line'), ...chosen.filter((n) => n === 'line')];
  const reporters = ordered.map((name): Reporter => {
    switch (name) {
      case 'line':
        return new LineReporter({ stream: options.stream ?? process.stdout, isTTY: options.isTTY, reportFolder: options.folder });
      case 'json':
        return new JsonReporter({ folder: options.folder, onWritten: options.onWritten });
      case 'junit':
        return new JunitReporter({ folder: options.folder, onWritten: options.onWritten });
      case 'html':
        if (!options.htmlReporter)
          throw new ReportError(
            '[live-harness] Failed to create the html reporter: no HtmlReporter was handed to createReporters. Pass htmlReporter (harness/report/html), or leave html out of --reporter.',
          );
        return options.htmlReporter(options.folder);
    }
  });
  return combineReporters(...reporters);
}
