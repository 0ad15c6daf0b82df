/**
 * What a run tells an observer while it plays (a reporter, a live view): each
 * timeline step of the scenario once it was performed.
 */
import type { Duration } from '../rig';
import type { PageResult } from './expectation-result';
import type { Action, Scenario } from './scenario';

export interface PerformedStep {
  /** the step's index in `scenario.timeline` (steps are played in time order, which may differ) */
  readonly index: number;
  /** when the scenario asked for it, as written */
  readonly at: Duration;
  /** the rig's clock when it was performed, ms */
  readonly tMs: number;
  readonly actions: readonly Action[];
  /** the step's checkpoint (`expect`), judged right after its actions */
  readonly checkpoint: readonly PageResult[];
}

export interface RunObserver {
  /** Awaited before the story goes on. Virtual time waits for it; real media does not, so keep it quick. */
  onStep?(scenario: Scenario, step: PerformedStep): void | Promise<void>;
}
