/**
 * `results.json`: the whole run as data, in a versioned schema, for CI, the
 * HTML report and anything else that reads results. Written once, at the end
 * of the run — also when scenarios failed and when the run was interrupted.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ReportedScenario, Reporter, RunEnd, RunStart } from './reporter';

/**
 * 3: each scenario carries `expectations` (every expectation judged, as data:
 *    kind, path, pass, expected, observed; sequences with their alignment), and
 *    the run a `summary`.
 * 2: scenarios carry their clock and, on real media, what the rig opened; the
 *    report says whether the run was interrupted.
 */
export const REPORT_SCHEMA_VERSION = 3;

export interface JsonReport {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly interrupted: boolean;
  readonly target: string;
  readonly seed: number | null;
  readonly miniprogramRoot: string;
  readonly summary: { readonly passed: number; readonly failed: number; readonly notApplicable: number };
  readonly scenarios: readonly ReportedScenario[];
  /** Ctrl-C or --bail stopped the run: the scenarios that never started */
  readonly notRun?: readonly { readonly name: string; readonly file?: string }[];
}

export class ReportError extends Error {
  readonly code = 'LH_REPORT';
}

export function jsonReport(start: RunStart, end: RunEnd): JsonReport {
  const count = (status: ReportedScenario['status']): number => end.results.filter((r) => r.status === status).length;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    startedAt: start.startedAt.toISOString(),
    finishedAt: end.finishedAt.toISOString(),
    interrupted: end.interrupted,
    target: start.target,
    seed: start.seed,
    miniprogramRoot: start.miniprogramRoot,
    summary: { passed: count('passed'), failed: count('failed'), notApplicable: count('not-applicable') },
    scenarios: end.results,
    ...(end.notRun && end.notRun.length > 0 ? { notRun: end.notRun } : {}),
  };
}

export interface JsonReporterOptions {
  /** the folder of reports; each run writes `<dir>/<start time>/results.json` */
  readonly dir: string;
  /** told the path once the file is written */
  readonly onWritten?: (file: string) => void;
}

export class JsonReporter implements Reporter {
  private start: RunStart | undefined;
  /** the path of results.json, once written */
  file: string | undefined;

  constructor(private readonly options: JsonReporterOptions) {}

  onRunStart(run: RunStart): void {
    this.start = run;
  }

  onRunEnd(end: RunEnd): void {
    const start = this.start;
    if (!start) throw new ReportError('[live-harness] Failed to write results.json: the run ended before it started. Call onRunStart before onRunEnd.');
    const dir = join(resolve(this.options.dir), start.startedAt.toISOString().replace(/[:.]/g, '-'));
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'results.json');
    writeFileSync(file, JSON.stringify(jsonReport(start, end), null, 2));
    this.file = file;
    this.options.onWritten?.(file);
  }
}
