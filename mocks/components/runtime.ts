/**
 * What the components need from whoever runs them (a rig): a way to build
 * models, a place to record what happened, and the page's view state. The
 * components stay thin: they translate WeChat's surface to the model and back.
 * Each rig is its own runtime; nothing here is process-wide.
 */
import type { ClientProfile, ModelParams, ModelSink, PlayerModel, PusherModel } from '../model';

export interface RecordedEvent {
  readonly source: string;
  readonly kind: string;
  readonly code?: number;
  readonly detail?: unknown;
}

export interface LiveRuntime {
  readonly params: ModelParams;
  readonly client: ClientProfile;
  newPusher(source: string, elementId: string, sink: ModelSink): PusherModel;
  newPlayer(source: string, elementId: string, sink: ModelSink): PlayerModel;
  record(e: RecordedEvent): void;
  /** Whether the page owning `scope` has a rendered view yet (false during onLoad, Q4). */
  isViewReady(scope: unknown): boolean;
  /** The instance of the page on top of the stack (what a context made without `this` binds to), if any. */
  topPage?(): unknown;
  /** A name for the page or component instance `scope` (`pages/push/push#2`), to tell two instances of one page apart. */
  describeScope(scope: unknown): string | undefined;
  /** Whether a user's tap is being handled (casting methods run only then); absent: never. */
  inUserGesture?(): boolean;
}
