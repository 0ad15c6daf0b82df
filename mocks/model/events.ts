/** What the model says to the component layer. */
export type ModelEventType =
  | 'statechange'
  | 'netstatus'
  | 'error'
  | 'bgmstart'
  | 'bgmprogress'
  | 'bgmcomplete'
  | 'audiovolumenotify'
  | 'fullscreenchange'
  | 'enterpictureinpicture'
  | 'leavepictureinpicture'
  | 'castinguserselect'
  | 'castingstatechange'
  | 'castinginterrupt';

export interface ModelEvent {
  readonly type: ModelEventType;
  readonly detail: Record<string, unknown>;
}

/** Outcome of a context method call; the component turns it into success/fail/complete. */
export type CallResult = { readonly ok: true; readonly result?: Record<string, unknown> } | { readonly ok: false; readonly errMsg: string };

export interface ModelSink {
  /** an event for the page (bind* handlers) */
  emit(event: ModelEvent): void;
  /** a console warning about bad input */
  warn(message: string, detail?: Record<string, unknown>): void;
  /** a measurement the page never sees (latency, buffer level) */
  metric(name: string, detail: Record<string, unknown>): void;
}

export const OK: CallResult = Object.freeze({ ok: true });
export const fail = (errMsg: string): CallResult => ({ ok: false, errMsg });
