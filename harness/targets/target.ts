/**
 * What the runner knows of where a scenario runs: a Target says what it can
 * do and opens a Session for one run. `simulate` (in-process, on
 * miniprogram-simulate) is the first; targets that drive a real WeChat runtime
 * through the automation protocol implement the same two interfaces.
 */
import type { NetworkProfile } from '../../mocks/link';
import type { ClientProfile, ModelParams } from '../../mocks/model';
import type { Timeline } from '../record';
import type { DeviceControl, Duration, MediaOptions, NetworkControl, OpenedResources, ParticipantMetrics, StreamControl } from '../rig';

/** What a target can provide. A scenario needing more is reported not applicable, never passed. */
export type Capability = 'virtual-time' | 'real-media' | 'device';

export const CAPABILITIES: readonly Capability[] = ['virtual-time', 'real-media', 'device'];

/** A page under test, as the runner drives and checks it. */
export interface PageHandle {
  readonly route: string;
  readonly data: Record<string, unknown>;
  /** call a page method (a handler) with `this` = the page */
  call(method: string, ...args: unknown[]): unknown;
  setData(patch: Record<string, unknown>): Promise<void>;
  /** tap an element (bindtap); resolves once the handler ran */
  tap(selector: string): Promise<void>;
  /** trimmed text of the first element matching `selector`, or null when it is not rendered */
  text(selector: string): string | null;
  /** the app went to the background (onHide) and came back (onShow) */
  hide(): void;
  show(): void;
}

/** How one run wants its world. */
export interface SessionOptions {
  /** 'virtual-time': a seeded virtual network; 'real-media': real sockets to a real server */
  readonly clock: 'virtual-time' | 'real-media';
  readonly miniprogramRoot: string;
  readonly seed?: number | string;
  readonly params?: Partial<ModelParams>;
  readonly client?: Partial<ClientProfile>;
  readonly network?: NetworkProfile | string;
  readonly media?: MediaOptions;
}

/** One run on a target: the rig's surface that scenarios use, and nothing else. */
export interface Session extends AsyncDisposable {
  readonly timeline: Timeline;
  readonly metrics: Record<string, ParticipantMetrics>;
  /** problems of the target itself (an encoder that would not start …): a run with any fails */
  readonly problems: readonly string[];
  readonly realMedia: boolean;
  /** the server, processes and ports the session opened (all closed by dispose) */
  readonly opened: OpenedResources;
  readonly network: NetworkControl;
  readonly device: DeviceControl;
  readonly streams: StreamControl;
  ready(): Promise<void>;
  loadPage(route: string, query?: Record<string, string>): Promise<PageHandle>;
  back(): Promise<void>;
  /** call a live context's method as page code would */
  context(page: PageHandle, source: string, method: string, args?: Record<string, unknown>): void;
  advance(d: Duration): Promise<void>;
  /** ms since the session started, on its clock */
  now(): number;
  dispose(): Promise<void>;
}

export interface Target {
  /** `simulate`, `automator-sim`, `devtools`, `device` */
  readonly name: string;
  readonly capabilities: readonly Capability[];
  /** Open a session; throws (with the reason and the fix) when the world cannot be built. */
  open(options: SessionOptions): Session;
}

export class TargetError extends Error {
  readonly code = 'LH_TARGET';
}
