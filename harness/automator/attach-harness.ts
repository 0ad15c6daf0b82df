/**
 * `attachHarness(miniProgram)`: the harness for a script that holds a real
 * miniprogram-automator MiniProgram connected to automator-sim. Everything
 * goes through the documented `LiveHarness.*` domain (docs/automator-harness.md)
 * over the client's own connection: the timeline (a mirror the same jest
 * matchers read), metrics, marks, virtual time, faults of the one vocabulary,
 * the device, remote streams and live contexts.
 */
import { FAULT_VERBS, type Fault, type FaultVerb } from '../../mocks/link';
import type { DeviceFault } from '../../mocks/model';
import type { LiveHarnessState } from '../automator-sim/live-harness-domain';
import type { Mark, Timeline, TimelineEntry } from '../record';
import type { Duration, MetricsWindow, OpenedResources, ParticipantMetrics, RemoteStreamOptions } from '../rig';
import { TimelineMirror } from './timeline-mirror';

/** The part of a miniprogram-automator MiniProgram the harness uses (public at run time, private in its typings). */
interface AutomatorInternals {
  send(method: string, params?: Record<string, unknown>): Promise<unknown>;
  readonly connection: {
    on(event: string, listener: (params: unknown) => void): unknown;
    off(event: string, listener: (params: unknown) => void): unknown;
  };
}

export class AttachError extends Error {
  readonly code = 'LH_ATTACH';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AttachError';
  }
}

type FaultParamsOf<V extends FaultVerb> = Omit<Extract<Fault, { readonly fault: V }>, 'fault'>;

/** One method per fault verb, taking the verb's parameters: `network.stall({ forMs: 4000 })`. */
export type RemoteFaultMethods = { readonly [V in FaultVerb]: (params?: FaultParamsOf<V>) => Promise<void> };

export interface RemoteNetwork extends RemoteFaultMethods {
  /** a fault given as data; a malformed one is refused by the server with the field and a "Did you mean" */
  apply(fault: Fault): Promise<void>;
  resource(url: string, r: { ok: boolean; durationMs?: number }): Promise<void>;
  /** verbs the session's link cannot make real (on real media: those that need the fault proxy) */
  knownGaps(): Promise<readonly FaultVerb[]>;
}

export interface RemoteDevice {
  deny(what: 'camera' | 'microphone'): Promise<void>;
  allow(what: 'camera' | 'microphone'): Promise<void>;
  background(): Promise<void>;
  foreground(): Promise<void>;
  call(): Promise<void>;
  endCall(): Promise<void>;
  audioRoute(route: 'speaker' | 'headphones'): Promise<void>;
  fault(name: DeviceFault): Promise<void>;
  clearFaults(): Promise<void>;
}

export interface RemoteStreams {
  publish(keyOrUrl: string, o?: RemoteStreamOptions): Promise<void>;
  unpublish(keyOrUrl: string): Promise<void>;
  freeze(keyOrUrl: string, forMs: Duration): Promise<void>;
  isLive(keyOrUrl: string): Promise<boolean>;
}

export interface MediaInfo {
  readonly clock: 'virtual-time' | 'real-media';
  readonly realMedia: boolean;
  readonly opened: OpenedResources;
}

/** The harness as a script sees it. */
export class Harness implements AsyncDisposable {
  readonly network: RemoteNetwork;
  readonly device: RemoteDevice;
  readonly streams: RemoteStreams;
  private nowMs = 0;
  private nowAt = performance.now();
  private detached = false;

  /** @internal use attachHarness() */
  constructor(
    private readonly mp: AutomatorInternals,
    private readonly mirror: TimelineMirror,
    private readonly listener: (params: unknown) => void,
    /** the session's clock: 'virtual-time' stands still between calls, 'real-media' runs */
    readonly clock: 'virtual-time' | 'real-media',
    nowMs: number,
  ) {
    this.seeNow(nowMs);
    const apply = (fault: Fault): Promise<void> => this.send('applyFault', { fault }).then(() => undefined);
    const verbs = Object.fromEntries(
      FAULT_VERBS.map((v) => [v, (params: object = {}) => apply({ ...params, fault: v } as Fault)]),
    ) as unknown as RemoteFaultMethods;
    this.network = {
      ...verbs,
      apply,
      resource: async (url, r) => void (await this.send('resource', { url, ...r })),
      knownGaps: async () => ((await this.send('getFaults', {})) as { knownGaps: FaultVerb[] }).knownGaps,
    };
    const device =
      (action: string, extra: Record<string, unknown> = {}) =>
      async (): Promise<void> =>
        void (await this.send('device', { action, ...extra }));
    this.device = {
      deny: (permission) => device('deny', { permission })(),
      allow: (permission) => device('allow', { permission })(),
      background: device('background'),
      foreground: device('foreground'),
      call: device('call'),
      endCall: device('endCall'),
      audioRoute: (route) => device('audioRoute', { route })(),
      fault: (fault) => device('fault', { fault })(),
      clearFaults: device('clearFaults'),
    };
    const stream = async (action: string, key: string, extra: Record<string, unknown> = {}): Promise<unknown> =>
      this.send('streams', { action, key, ...extra });
    this.streams = {
      publish: async (key, options) => void (await stream('publish', key, options ? { options } : {})),
      unpublish: async (key) => void (await stream('unpublish', key)),
      freeze: async (key, forMs) => void (await stream('freeze', key, { forMs })),
      isLive: async (key) => ((await stream('isLive', key)) as { live: boolean }).live,
    };
  }

  /** Everything recorded so far, complete whenever an awaited call has resolved: `expect(harness.timeline).toHaveSequence([...])`. */
  get timeline(): Timeline {
    return this.mirror.timeline;
  }

  /** One LiveHarness method; the pushed entries recorded while it ran are in the mirror before it resolves. */
  async send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    if (this.detached)
      throw new AttachError(`[live-harness] Failed to run LiveHarness.${method}: the harness was detached. Attach again with attachHarness(miniProgram).`);
    const result = (await this.mp.send(`LiveHarness.${method}`, params)) as Record<string, unknown> | undefined;
    if (typeof result?.nowMs === 'number') this.seeNow(result.nowMs);
    return result;
  }

  private seeNow(ms: number): void {
    this.nowMs = ms;
    this.nowAt = performance.now();
  }

  /** Move the session's time forward (virtual: at once; real media: by waiting); resolves to the new now, ms. */
  async advance(d: Duration): Promise<number> {
    return ((await this.send('advance', { ms: d })) as { nowMs: number }).nowMs;
  }

  /** ms since the session started, on its clock (a round trip). */
  async now(): Promise<number> {
    return ((await this.send('now', {})) as { nowMs: number }).nowMs;
  }

  /** now() without a round trip: exact in virtual time; on real media, the last reading plus the wall time since. */
  lastNow(): number {
    return this.clock === 'virtual-time' ? this.nowMs : this.nowMs + (performance.now() - this.nowAt);
  }

  /** Remember this moment: `expect(harness.timeline).toHaveSequence(steps, { since: mark })`, `harness.metricsSince(mark)`. */
  async mark(label?: string): Promise<Mark> {
    return ((await this.send('mark', label === undefined ? {} : { label })) as { mark: Mark }).mark;
  }

  async metrics(): Promise<Record<string, ParticipantMetrics>> {
    return this.metricsBetween({});
  }

  async metricsSince(mark: Mark): Promise<Record<string, ParticipantMetrics>> {
    return this.metricsBetween({ from: mark });
  }

  async metricsBetween(window: MetricsWindow): Promise<Record<string, ParticipantMetrics>> {
    const r = (await this.send('getMetrics', { from: window.from ?? null, until: window.until ?? null })) as { metrics: Record<string, ParticipantMetrics> };
    return r.metrics;
  }

  /** Call a live context's method as page code would (`wx.createLivePusherContext('pusher').start()`), on the page on top. */
  async context(source: string, method: string, args: Record<string, unknown> = {}): Promise<void> {
    await this.send('callContext', { source, method, args });
  }

  /** The page on top goes to the background (onHide) or comes back (onShow), as the app does with the device. */
  async hidePage(): Promise<void> {
    await this.send('page', { action: 'hide' });
  }

  async showPage(): Promise<void> {
    await this.send('page', { action: 'show' });
  }

  /** Warnings the mocks raised, and problems of the session itself. */
  async warnings(): Promise<{ warnings: readonly string[]; problems: readonly string[] }> {
    return (await this.send('getWarnings', {})) as { warnings: string[]; problems: string[] };
  }

  async mediaInfo(): Promise<MediaInfo> {
    return (await this.send('getMediaInfo', {})) as MediaInfo;
  }

  /** Wait for the session's world (on real media: its server). */
  async ready(): Promise<void> {
    await this.send('ready', {});
  }

  /** The server's state; the mirror is brought up to the server's length first. */
  async sync(): Promise<LiveHarnessState> {
    const state = (await this.send('sync', {})) as LiveHarnessState;
    if (this.mirror.length < state.length) {
      const r = (await this.send('getTimeline', { from: this.mirror.length })) as { from: number; entries: TimelineEntry[] };
      this.mirror.addFrom(r.from, r.entries);
    }
    return state;
  }

  /** Stop the pushes; the mirror keeps what it has. */
  async detach(): Promise<void> {
    if (this.detached) return;
    this.mp.connection.off(`LiveHarness.entryAdded`, this.listener);
    try {
      await this.send('disable', {});
    } finally {
      this.detached = true;
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.detach().catch(() => undefined);
  }
}

/**
 * Attach the harness to a MiniProgram from `automator.connect()` (or
 * `launch()`) on automator-sim: the timeline mirror starts complete (every
 * entry so far) and stays so.
 */
export async function attachHarness(miniProgram: object): Promise<Harness> {
  const mp = miniProgram as Partial<AutomatorInternals>;
  if (typeof mp.send !== 'function' || typeof mp.connection?.on !== 'function')
    throw new AttachError(
      '[live-harness] Failed to attach the harness: the argument is not a miniprogram-automator MiniProgram. Pass what automator.connect({ wsEndpoint }) resolved to.',
    );
  const client = mp as AutomatorInternals;
  const mirror = new TimelineMirror();
  const listener = (params: unknown): void => {
    const p = params as { index?: unknown; entry?: TimelineEntry } | undefined;
    if (typeof p?.index === 'number' && p.entry) mirror.add(p.index, p.entry);
  };
  // Listen before enabling: entries pushed before the reply wait in the mirror for the snapshot.
  client.connection.on('LiveHarness.entryAdded', listener);
  let enabled: { entries: TimelineEntry[]; nowMs: number; clock: 'virtual-time' | 'real-media' };
  try {
    enabled = (await client.send('LiveHarness.enable', {})) as typeof enabled;
  } catch (e) {
    client.connection.off('LiveHarness.entryAdded', listener);
    const why = e instanceof Error ? e.message : String(e);
    throw new AttachError(
      `[live-harness] Failed to attach the harness: the server refused LiveHarness.enable (${why}). Connect to automator-sim (live-harness automator-sim, or the automator-sim target), which serves the LiveHarness domain.`,
      { cause: e },
    );
  }
  mirror.addFrom(0, enabled.entries);
  return new Harness(client, mirror, listener, enabled.clock, enabled.nowMs);
}
