/**
 * What the components need from whoever runs them (the rig): a way to build
 * models, a place to record what happened, and the page's view state. The
 * components stay thin: they translate WeChat's surface to the model and back.
 */
import type { ClientProfile } from '../model/client';
import type { ModelSink } from '../model/events';
import type { ModelParams } from '../model/params';
import type { PlayerModel } from '../model/player';
import type { PusherModel } from '../model/pusher';

export interface RecordedEvent {
  readonly source: string;
  readonly kind: string;
  readonly code?: number;
  readonly detail?: unknown;
}

export interface LiveRuntime {
  readonly params: ModelParams;
  readonly client: ClientProfile;
  newPusher(elementId: string, sink: ModelSink): PusherModel;
  newPlayer(elementId: string, sink: ModelSink): PlayerModel;
  record(e: RecordedEvent): void;
  /** Whether the page owning `scope` has a rendered view yet (false during onLoad, Q4). */
  isViewReady(scope: unknown): boolean;
}

let active: LiveRuntime | undefined;

export function setActiveRuntime(rt: LiveRuntime | undefined): void {
  if (rt && active && active !== rt) {
    // One rig owns the page globals (timers, wx contexts, the element registry) at a time.
    throw new Error(
      '[live-harness] Failed to create the rig: another rig is still running in this test file. Dispose it first (await rig.dispose(), or hold it with `await using`).',
    );
  }
  active = rt;
}

export function activeRuntime(): LiveRuntime {
  if (!active) {
    throw new Error(
      '[live-harness] Failed to create a live component: no rig is running. Create one with createRig() before loading a page or component that uses <live-pusher>/<live-player>.',
    );
  }
  return active;
}

export function hasActiveRuntime(): boolean {
  return active !== undefined;
}
