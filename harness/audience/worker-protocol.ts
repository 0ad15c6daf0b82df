/** Messages between an Audience and its worker threads. */
import type { AudienceHistograms, AudienceProtocol } from './audience-summary';
import type { HistogramSummary } from './histogram';
import type { KeepUp } from './viewer-stats';

export interface ViewerPlan {
  readonly index: number;
  readonly url: string;
  readonly protocol: AudienceProtocol;
  /** which path it takes: 0 the plain one, 1… each faulted share */
  readonly group: number;
  /** ms after the audience starts */
  readonly joinAtMs: number;
}

export interface WorkerSetup {
  readonly viewers: readonly ViewerPlan[];
  readonly groups: number;
  readonly stallMs: number;
  readonly tickMs: number;
  readonly connectTimeoutMs: number;
}

export type ToWorker = { readonly type: 'mark' } | { readonly type: 'stop' };

export type FromWorker =
  | {
      readonly type: 'tick';
      /** viewers that got their first frame, or whose connection ended, since the last tick */
      readonly joined: number;
      readonly left: number;
      readonly stalled: number;
      /** latency samples of this tick */
      readonly window: HistogramSummary;
    }
  /** a viewer's socket: which local port a fault proxy sees it come from */
  | { readonly type: 'local'; readonly index: number; readonly address: string; readonly port: number }
  | {
      readonly type: 'final';
      /** joined and left since the last tick */
      readonly joined: number;
      readonly left: number;
      readonly groups: readonly AudienceHistograms[];
      readonly viewers: readonly KeepUp[];
    };
