/**
 * What a run tells its reporters, in order: the run starts, each scenario
 * starts, its timeline steps are performed, it ends with its result, the run
 * ends (also when it was interrupted). Every member is optional: a reporter
 * listens to what it needs.
 */
import type { PerformedStep, RunObserver, Scenario, ScenarioResult } from '../runner';

export interface ScenarioRef {
  readonly scenario: Scenario;
  /** the file it was loaded from, when it came from one */
  readonly file?: string;
  /** with `--repeat N`: which attempt this is (1-based) and of how many; absent means 1 of 1 */
  readonly attempt?: number;
  readonly repeat?: number;
}

export type ReportedScenario = ScenarioResult & {
  readonly file?: string;
  /** with `--repeat N`: which attempt this result is (1-based); absent means 1 */
  readonly attempt?: number;
  /** how many attempts the run makes of each scenario (`--repeat N`); absent means 1 */
  readonly repeat?: number;
};

/** What a run played on: a report read later, elsewhere, says so (timings mean little without it). */
export interface Machine {
  /** `process.platform`: linux, darwin, win32 … */
  readonly os: string;
  /** the kernel's release (`os.release()`) */
  readonly release: string;
  readonly arch: string;
  /** logical cores */
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryMiB: number;
  /** `process.version` */
  readonly node: string;
}

export interface RunStart {
  /**
   * The run's id, which names its folder (`reports/<run-id>/`); sortable by
   * time (see `newRunId`). Absent: the report folder makes one when it starts.
   */
  readonly runId?: string;
  readonly startedAt: Date;
  /** the machine it runs on; absent: this process's (`describeMachine()`) */
  readonly machine?: Machine;
  /** the command line after the program's name, as given (`['run', '--repeat', '3']`); absent when not run from one */
  readonly argv?: readonly string[];
  /** attempts of each scenario (`--repeat N`); absent means 1 */
  readonly repeat?: number;
  /** the target the scenarios play on (`simulate`) */
  readonly target: string;
  readonly seed: number | null;
  readonly miniprogramRoot: string;
  /** what is about to run, in order */
  readonly scenarios: readonly ScenarioRef[];
}

export interface RunEnd {
  readonly finishedAt: Date;
  /** Ctrl-C (or SIGTERM) stopped the run; `results` holds what had finished, the stopped scenario included */
  readonly interrupted: boolean;
  readonly results: readonly ReportedScenario[];
}

export interface Reporter extends RunObserver {
  onRunStart?(run: RunStart): void | Promise<void>;
  onScenarioStart?(scenario: ScenarioRef): void | Promise<void>;
  /** a timeline step of the scenario was performed (runScenario's `observer`) */
  onStep?(scenario: Scenario, step: PerformedStep): void | Promise<void>;
  onScenarioEnd?(result: ReportedScenario): void | Promise<void>;
  onRunEnd?(run: RunEnd): void | Promise<void>;
}

type Events = { [K in keyof Reporter]-?: Parameters<NonNullable<Reporter[K]>> };

/**
 * Several reporters as one, called in the order given. One that throws does
 * not keep the others from their turn (a report must be written even when
 * the console is gone); the errors are rethrown together at the end.
 */
export function combineReporters(...reporters: readonly Reporter[]): Reporter {
  const call = async <K extends keyof Events>(event: K, ...args: Events[K]): Promise<void> => {
    const errors: unknown[] = [];
    for (const r of reporters) {
      try {
        await (r[event] as ((...a: Events[K]) => void | Promise<void>) | undefined)?.apply(r, args);
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `[live-harness] Failed to report ${event}: ${errors.length} reporters threw. See the errors.`);
  };
  return {
    onRunStart: (run) => call('onRunStart', run),
    onScenarioStart: (s) => call('onScenarioStart', s),
    onStep: (s, step) => call('onStep', s, step),
    onScenarioEnd: (result) => call('onScenarioEnd', result),
    onRunEnd: (run) => call('onRunEnd', run),
  };
}
