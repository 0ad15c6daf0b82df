/**
 * What the runner knows of where a scenario runs: a Target says what it can
 * do and opens a Session for one run. `simulate` (in-process, on
 * miniprogram-simulate) is the first; targets that drive a WeChat runtime
 * through the automation protocol implement the same two interfaces, so
 * every call that may need a round trip to that runtime is awaitable.
 */
import type { AudienceOptions, AudienceSummary } from '../audience';
import type { Fault, NetworkProfile } from '../../mocks/link';
import type { ClientProfile, DeviceFault, ModelParams } from '../../mocks/model';
import type { Timeline } from '../record';
import type { Duration, MediaOptions, OpenedResources, ParticipantMetrics, RemoteMedia, RemoteStreamOptions } from '../rig';

/** What a target can provide. A scenario needing more is reported not applicable, never passed. */
/**
 * 'browser': the session can host browser viewers (real media, and a Chromium on this machine, checked when a run needs one).
 * 'audience': audiences of lightweight viewers on the session's server (issue 13).
 */
export type Capability = 'virtual-time' | 'real-media' | 'device' | 'browser' | 'audience';

export const CAPABILITIES: readonly Capability[] = ['virtual-time', 'real-media', 'device', 'browser', 'audience'];

/** A page under test, as the runner drives and checks it. */
export interface PageHandle {
  readonly route: string;
  /** the page's data now */
  getData(): Promise<Record<string, unknown>>;
  /** call a page method (a handler) with `this` = the page; resolves to what it returned */
  call(method: string, ...args: unknown[]): Promise<unknown>;
  setData(patch: Record<string, unknown>): Promise<void>;
  /** tap an element (bindtap); resolves once the handler ran */
  tap(selector: string): Promise<void>;
  /** trimmed text of the first element matching `selector`, or null when it is not rendered */
  text(selector: string): Promise<string | null>;
  /** the app went to the background (onHide) and came back (onShow) */
  hide(): Promise<void>;
  show(): Promise<void>;
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

/** The network around the phone: a fault of the vocabulary (docs/faults.md), given as data, and declared resources. */
export interface SessionNetwork {
  /** refused (with the field and the fix) when malformed, or when the target cannot make it real */
  apply(fault: Fault): Promise<void>;
  resource(url: string, r: { ok: boolean; durationMs?: number }): Promise<void>;
}

/** The phone itself. */
export interface SessionDevice {
  deny(what: 'camera' | 'microphone'): Promise<void>;
  allow(what: 'camera' | 'microphone'): Promise<void>;
  background(): Promise<void>;
  foreground(): Promise<void>;
  call(): Promise<void>;
  endCall(): Promise<void>;
  audioRoute(route: 'speaker' | 'headphones'): Promise<void>;
  fault(name: DeviceFault): Promise<void>;
}

/** Remote anchors: someone outside the phone publishes a stream. */
export interface SessionStreams {
  publish(keyOrUrl: string, o?: RemoteStreamOptions): Promise<void>;
  unpublish(keyOrUrl: string): Promise<void>;
  freeze(keyOrUrl: string, forMs: Duration): Promise<void>;
  /** a remote room member's camera, mic or screen share goes off or on (virtual time) */
  set(keyOrUrl: string, media: RemoteMedia): Promise<void>;
}

/**
 * One run on a target: the rig's surface that scenarios use, and nothing else.
 * `timeline`, `metrics`, `problems` and `now()` are read without a round trip:
 * on a remote target they are a mirror, complete once `sync()` resolved.
 */
export interface Session extends AsyncDisposable {
  /** what happened so far; on a remote target, complete as of the last sync() (pushed events may add more) */
  readonly timeline: Timeline;
  /** per participant, as of the last sync() */
  readonly metrics: Record<string, ParticipantMetrics>;
  /** problems of the target itself (an encoder that would not start …): a run with any fails; as of the last sync() */
  readonly problems: readonly string[];
  readonly realMedia: boolean;
  /** the server, processes and ports the session opened (all closed by dispose) */
  readonly opened: OpenedResources;
  readonly network: SessionNetwork;
  readonly device: SessionDevice;
  readonly streams: SessionStreams;
  /** viewers in a real Chromium (targets with the 'browser' capability, on real media) */
  readonly browsers?: SessionBrowsers;
  ready(): Promise<void>;
  loadPage(route: string, query?: Record<string, string>): Promise<PageHandle>;
  back(): Promise<void>;
  /** call a live context's method as page code would */
  context(page: PageHandle, source: string, method: string, args?: Record<string, unknown>): Promise<void>;
  advance(d: Duration): Promise<void>;
  /** ms since the session started, on its clock (on a remote target: as of the last round trip) */
  now(): number;
  /** bring timeline, metrics, problems and now() up to date: call before judging */
  sync(): Promise<void>;
  /** close everything the session opened; a remote target syncs one last time first (bounded), so what it read stays readable */
  dispose(): Promise<void>;
  /** real media, a target that runs audiences (issue 13): start one watching a stream of the session */
  audience?(options: AudienceOptions): Promise<void>;
  /** stop every audience still watching; the summaries of all, in the order they stopped (still readable after dispose) */
  stopAudiences?(): Promise<readonly AudienceSummary[]>;
}

/** Browser viewers of a session: the web side watching its streams. */
export interface SessionBrowsers {
  add(viewer: { readonly id: string; readonly stream: string; readonly stallMs?: number }): Promise<void>;
  /** whether a fault's target names a browser viewer (`browser#<id>`) rather than the phone's network */
  targets(fault: Fault): boolean;
  apply(fault: Fault): Promise<void>;
}

export interface Target {
  /** `simulate`, `automator-sim`, `devtools`, `device` */
  readonly name: string;
  readonly capabilities: readonly Capability[];
  /** Open a session; throws (with the reason and the fix) when the world cannot be built. */
  open(options: SessionOptions): Session | Promise<Session>;
}

export class TargetError extends Error {
  readonly code = 'LH_TARGET';
}
