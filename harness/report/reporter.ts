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
}

export type ReportedScenario = ScenarioResult & {
  readonly file?: string;
  /** with `--repeat N`: which attempt this is (from 1), of `repeat` */
  readonly attempt?: number;
  readonly repeat?: number;
};

export interface RunStart {
  readonly startedAt: Date;
  /** the target the scenarios play on (`simulate`) */
  readonly target: string;
  readonly seed: number | null;
  readonly miniprogramRoot: string;
  /** what is about to run, in order */
  readonly scenarios: readonly ScenarioRef[];
  /** the command line's arguments, when a command line started the run */
  readonly argv?: readonly string[];
  /** attempts per scenario (`--repeat N`); 1 when absent */
  readonly repeat?: number;
}

export interface RunEnd {
  readonly finishedAt: Date;
  /** Ctrl-C (or SIGTERM) stopped the run; `results` holds what had finished, the stopped scenario included */
  readonly interrupted: boolean;
  readonly results: readonly ReportedScenario[];
  /** scenarios that never started: Ctrl-C or --bail stopped the run before their turn */
  readonly notRun?: readonly { readonly name: string; readonly file?: string }[];
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
