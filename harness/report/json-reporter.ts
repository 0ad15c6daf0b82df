/**
 * `results.json`: the whole run as data, in a versioned schema, for CI, the
 * HTML report and anything else that reads results. Written once, at the end
 * of the run — also when scenarios failed and when the run was interrupted.
 */
import { writeFileSync } from 'node:fs';
import type { ReportFolder } from './report-folder';
import { describeMachine } from './machine';
import type { Machine, ReportedScenario, Reporter, RunEnd, RunStart } from './reporter';
import { ReportError } from './report-error';
export { ReportError } from './report-error';

/**
 * 4: a scenario's status may be `interrupted` (Ctrl-C stopped it: it neither
 *    passed nor failed), counted in `summary.interrupted`; the run carries `runId` (its folder's name), `machine` (os, release,
 *    arch, cpus, cpuModel, memoryMiB, node), `argv` (null when not run from a
 *    command line), `repeat` and `notRun` (scenarios that never ran after an
 *    interrupt); each scenario its `attempt` and `repeat`; with repeat > 1,
 *    `summary.repeats` gives each scenario's pass count. The file's shape is
 *    harness/report/results.schema.json (docs/results-schema.md).
 * 3: each scenario carries `expectations` (every expectation judged, as data:
 *    kind, path, pass, expected, observed; sequences with their alignment), and
 *    the run a `summary`.
 * 2: scenarios carry their clock and, on real media, what the rig opened; the
 *    report says whether the run was interrupted.
 */
export const REPORT_SCHEMA_VERSION = 4;

/** A scenario as results.json holds it: attempt and repeat always present. */
export type JsonScenario = ReportedScenario & { readonly attempt: number; readonly repeat: number };

/** One scenario's attempts under `--repeat N`. Flaky: it both passed and failed (an interrupted attempt is neither). */
export interface RepeatCount {
  readonly name: string;
  readonly file?: string;
  readonly attempts: number;
  readonly passed: number;
  readonly failed: number;
  readonly notApplicable: number;
  readonly interrupted: number;
  readonly flaky: boolean;
}

export interface JsonSummary {
  readonly passed: number;
  readonly failed: number;
  readonly notApplicable: number;
  /** stopped by Ctrl-C before they finished */
  readonly interrupted: number;
  /** attempts that were due and never ran (the run was interrupted) */
  readonly notRun: number;
  /** with repeat > 1: per scenario, in the order they first ran */
  readonly repeats?: readonly RepeatCount[];
}

export interface JsonReport {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly runId: string | null;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly interrupted: boolean;
  readonly target: string;
  readonly seed: number | null;
  readonly miniprogramRoot: string;
  readonly machine: Machine;
  readonly argv: readonly string[] | null;
  readonly repeat: number;
  readonly summary: JsonSummary;
  readonly scenarios: readonly JsonScenario[];
}

/** Per scenario (by file and name), how its attempts went. */
export function repeatCounts(results: readonly ReportedScenario[]): RepeatCount[] {
  const byKey = new Map<string, { name: string; file?: string; passed: number; failed: number; notApplicable: number; interrupted: number }>();
  for (const r of results) {
    const key = `${r.file ?? ''}\u0000${r.name}`;
    const c = byKey.get(key) ?? { name: r.name, ...(r.file !== undefined ? { file: r.file } : {}), passed: 0, failed: 0, notApplicable: 0, interrupted: 0 };
    if (r.status === 'passed') c.passed++;
    else if (r.status === 'failed') c.failed++;
    else if (r.status === 'interrupted') c.interrupted++;
    else c.notApplicable++;
    byKey.set(key, c);
  }
  return [...byKey.values()].map((c) => ({ ...c, attempts: c.passed + c.failed + c.notApplicable + c.interrupted, flaky: c.passed > 0 && c.failed > 0 }));
}

export function jsonReport(start: RunStart, end: RunEnd): JsonReport {
  const count = (status: ReportedScenario['status']): number => end.results.filter((r) => r.status === status).length;
  const repeat = start.repeat ?? 1;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    runId: start.runId ?? null,
    startedAt: start.startedAt.toISOString(),
    finishedAt: end.finishedAt.toISOString(),
    interrupted: end.interrupted,
    target: start.target,
    seed: start.seed,
    miniprogramRoot: start.miniprogramRoot,
    machine: start.machine ?? describeMachine(),
    argv: start.argv ?? null,
    repeat,
    summary: {
      passed: count('passed'),
      failed: count('failed'),
      notApplicable: count('not-applicable'),
      interrupted: count('interrupted'),
      notRun: Math.max(0, start.scenarios.length * repeat - end.results.length),
      ...(repeat > 1 ? { repeats: repeatCounts(end.results) } : {}),
    },
    scenarios: end.results.map((r) => ({ ...r, attempt: r.attempt ?? 1, repeat: r.repeat ?? repeat })),
  };
}

export interface JsonReporterOptions {
  /** the run's report folder: results.json goes into `<dir>/<run-id>/` */
  readonly folder: ReportFolder;
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
    this.options.folder.start(run.runId);
  }

  onRunEnd(end: RunEnd): void {
    const start = this.start;
    if (!start) throw new ReportError('[live-harness] Failed to write results.json: the run ended before it started. Call onRunStart before onRunEnd.');
    const file = this.options.folder.file('results.json');
    writeFileSync(file, JSON.stringify(jsonReport({ ...start, runId: this.options.folder.runId }, end), null, 2));
    this.file = file;
    this.options.onWritten?.(file);
  }
}
