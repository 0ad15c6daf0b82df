/**
 * The object a test holds: one clock, one network, one device, one timeline,
 * and the pages under test. `createRig()` builds it; `dispose()` (or
 * `await using`) tears everything down.
 *
 * Two clocks, one behaviour model: in virtual time the clock moves only when
 * the test advances it; with `media: 'local'` it is the wall clock and every
 * connection is a real socket to a real server (see media-session.ts).
 */
import '../dispose-symbols';
import { setImmediate as realSetImmediate, setTimeout as realSetTimeout, clearTimeout as realClearTimeout } from 'node:timers';
import { registerLiveComponents, resetAnonymousIds, setActiveRuntime, type LiveRuntime, type RecordedEvent } from '../../mocks/components';
import { HostMap, MediaLink, VirtualLink, type NetworkProfile } from '../../mocks/link';
import {
  DEFAULT_CLIENT,
  Device,
  type ClientProfile,
  type ModelParams,
  type ModelSink,
  PlayerModel,
  PusherModel,
  resolveClient,
  resolveParams,
} from '../../mocks/model';
import { type Clock, Random, RealClock, VirtualClock } from '../../mocks/time';
import { parseDuration } from '../assert';
import { type EntryKind, Timeline } from '../record';
import { DeviceControl, type Duration, NetworkControl, type RemoteStreamOptions, type StreamControl } from './controls';
import { MediaSession, MediaStreams, type MediaOptions, type OpenedResources, remoteInfo } from './media-session';
import { computeMetrics, type ParticipantMetrics } from './metrics';
import { PageSession, type LoadedPageHandle } from './page-session';
import { streamKey } from './stream-key';
import { VirtualTimers } from './virtual-timers';

export interface RigOptions {
  /** Seed of every random draw; the same seed gives the same timeline (virtual time). Default 1. */
  readonly seed?: number | string;
  /** 'virtual' (default) or 'real' (the wall clock, with real media; implied by `media`). */
  readonly clock?: 'virtual' | 'real';
  /**
   * Real media: 'local' runs the mocks on real sockets against the embedded
   * RTMP/HTTP-FLV server (or LIVE_HARNESS_SERVER), with real ffmpeg encoders.
   */
  readonly media?: 'local' | MediaOptions;
  /** Override UNCONFIRMED model parameters (see ModelParams). */
  readonly params?: Partial<ModelParams>;
  /** Which WeChat client to behave like. */
  readonly client?: Partial<ClientProfile>;
  /** Network profile: a built-in name ('wifi', '4g', '3g', 'weak', 'loopback') or an object. Default 'wifi'; real media runs on loopback. */
  readonly network?: NetworkProfile | string;
  /** Mini-program root (where app.json lives) for loadPage(). */
  readonly miniprogramRoot?: string;
  /** Route page timers and Date.now through the virtual clock. Default true in virtual time. */
  readonly virtualTimers?: boolean;
  /** What a CDN does for a key nobody publishes. Default 'not-found'. */
  readonly missingStream?: 'not-found' | 'wait';
}

export type { Duration, RemoteStreamOptions } from './controls';

export class RigError extends Error {
  readonly code = 'LH_RIG';
}

/** A wait of the rig that dispose() cut short. */
export class RigDisposedError extends Error {
  readonly code = 'LH_RIG_DISPOSED';
  constructor() {
    super('[live-harness] Failed to go on: the rig was disposed while waiting (a timeout or Ctrl-C). Nothing to fix unless you did not expect the stop.');
    this.name = 'RigDisposedError';
  }
}

export class Rig implements LiveRuntime, AsyncDisposable {
  readonly timeline = new Timeline();
  readonly clock: Clock;
  readonly seed: number | string;
  readonly params: ModelParams;
  readonly client: ClientProfile;
  readonly link: VirtualLink | MediaLink;
  readonly device: DeviceControl;
  readonly network: NetworkControl;
  readonly streams: StreamControl;
  /** Problems of the rig itself (an encoder that would not start …): a scenario with any fails. */
  readonly problems: string[] = [];
  private readonly virtual: VirtualClock | undefined;
  private readonly media: MediaSession | undefined;
  private readonly random: Random;
  private readonly dev = new Device();
  private readonly timers: VirtualTimers | undefined;
  private readonly pages: PageSession;
  private readonly models = new Map<string, PusherModel | PlayerModel>();
  private readonly waits = new Set<() => void>();
  private dirty = false;
  private disposed = false;

  constructor(opts: RigOptions = {}) {
    const real = opts.media !== undefined;
    if (opts.clock !== undefined && opts.clock !== 'virtual' && opts.clock !== 'real') {
      throw new RigError(`[live-harness] Failed to create the rig: clock ${JSON.stringify(opts.clock)} is not available. Use 'virtual' or 'real'.`);
    }
    if (opts.clock === 'real' && opts.media === undefined) {
      throw new RigError("[live-harness] Failed to create the rig: the real clock comes with real media. Add media: 'local', or drop clock: 'real'.");
    }
    if (opts.media !== undefined && opts.clock === 'virtual') {
      throw new RigError(
        "[live-harness] Failed to create the rig: real media runs on the wall clock, not in virtual time. Drop clock: 'virtual', or drop media.",
      );
    }
    if (opts.media !== undefined && opts.media !== 'local' && (typeof opts.media !== 'object' || opts.media === null)) {
      throw new RigError(
        `[live-harness] Failed to create the rig: media ${JSON.stringify(opts.media)} is not available. Use media: 'local' (or an options object).`,
      );
    }
    if (opts.media !== undefined && opts.network !== undefined && opts.network !== 'loopback') {
      throw new RigError(
        `[live-harness] Failed to create the rig: network ${JSON.stringify(typeof opts.network === 'string' ? opts.network : opts.network.name)} cannot be made real yet; real media runs on loopback. Drop the network option, or run in virtual time.`,
      );
    }
    this.seed = opts.seed ?? 1;
    this.params = resolveParams(opts.params);
    this.client = resolveClient(opts.client ?? DEFAULT_CLIENT);
    this.random = new Random(this.seed);
    const incident = (kind: string, detail: Record<string, unknown>): void =>
      this.record({ source: 'network', kind: 'action', detail: { action: kind, ...detail } });
    if (!real) {
      const clock = new VirtualClock();
      this.virtual = clock;
      this.clock = clock;
      const link = new VirtualLink({
        clock,
        random: this.random.fork('network'),
        connectTimeoutMs: this.params.connectTimeoutMs,
        readWriteTimeoutMs: this.params.readWriteTimeoutMs,
        profile: opts.network,
        missingStream: opts.missingStream,
        onIncident: incident,
      });
      link.server.listen({
        onPublish: (key) => this.serverEvent('publish', key),
        onUnpublish: (key) => this.serverEvent('unpublish', key),
        onPlay: (key) => this.serverEvent('play', key),
        onPlayStop: (key) => this.serverEvent('play-stop', key),
      });
      this.link = link;
      this.streams = new VirtualStreams(link, this.params);
    } else {
      this.clock = new RealClock();
      const mo: MediaOptions = typeof opts.media === 'object' ? opts.media : {};
      const hosts = new HostMap(mo.hosts);
      const media = new MediaSession(mo, {
        missingStream: opts.missingStream ?? 'not-found',
        onServerEvent: (event, key) => this.serverEvent(event, key),
        onProblem: (e) => this.problem(e),
      });
      this.media = media;
      this.link = new MediaLink({
        clock: this.clock,
        transport: media.transport,
        hosts,
        connectTimeoutMs: this.params.connectTimeoutMs,
        readWriteTimeoutMs: this.params.readWriteTimeoutMs,
        onIncident: incident,
      });
      this.streams = new MediaStreams(media, this.params, (action, detail) => incident(action, detail));
    }
    this.device = new DeviceControl(this.dev, (action, detail) => this.record({ source: 'device', kind: 'action', detail: { action, ...detail } }));
    this.network = new NetworkControl(this.link);
    // Claim the page globals first: a second live rig must fail before it touches timers.
    setActiveRuntime(this);
    registerLiveComponents();
    resetAnonymousIds();
    if (this.virtual && opts.virtualTimers !== false) {
      this.timers = new VirtualTimers(this.virtual);
      this.timers.install();
    }
    this.pages = new PageSession(this, opts.miniprogramRoot);
  }

  /** Whether connections are real sockets to a real server. */
  get realMedia(): boolean {
    return this.media !== undefined;
  }

  /**
   * Get real media ready (ffmpeg found, server up). loadPage() and
   * streams.publish() call it; call it yourself to time or check the start.
   */
  async ready(): Promise<void> {
    this.assertLive();
    await this.media?.ready();
  }

  /** What the rig opened on real media: server, processes and ports (all closed by dispose). */
  get opened(): OpenedResources {
    return this.media?.opened ?? { server: undefined, pids: [], ports: [] };
  }

  // ---------------------------------------------------------------- LiveRuntime

  newPusher(elementId: string, sink: ModelSink): PusherModel {
    const m = new PusherModel(this.deps(`pusher#${elementId}`, elementId, sink));
    this.models.set(`pusher#${elementId}`, m);
    return m;
  }

  newPlayer(elementId: string, sink: ModelSink): PlayerModel {
    const m = new PlayerModel(this.deps(`player#${elementId}`, elementId, sink));
    this.models.set(`player#${elementId}`, m);
    return m;
  }

  record(e: RecordedEvent): void {
    this.dirty = true;
    const t = this.virtual ? Math.round(this.clock.now() * 1000) / 1000 : Math.round(this.clock.now() * 10) / 10;
    this.timeline.record({
      t,
      source: e.source,
      kind: e.kind as EntryKind,
      ...(e.code !== undefined ? { code: e.code } : {}),
      ...(e.detail !== undefined ? { detail: e.detail } : {}),
    });
  }

  isViewReady(scope: unknown): boolean {
    return this.pages.isViewReady(scope);
  }

  private serverEvent(event: string, key: string): void {
    this.record({ source: 'server', kind: 'server', detail: { event, key } });
  }

  private problem(e: Error): void {
    if (this.disposed) return;
    this.problems.push(e.message);
    this.record({ source: 'rig', kind: 'warning', detail: { message: e.message } });
  }

  private deps(label: string, id: string, sink: ModelSink) {
    return { id, clock: this.clock, random: this.random.fork(label), params: this.params, client: this.client, link: this.link, device: this.dev, sink };
  }

  // ---------------------------------------------------------------- pages and components

  /** Load a page of the mini-program (`pages/push/push`), run onLoad(query) → onShow → onReady. */
  async loadPage(route: string, query?: Record<string, string>): Promise<LoadedPageHandle> {
    await this.ready();
    const page = await this.pages.open(route, query);
    await this.settle();
    return page;
  }

  /** Load a custom component (path without extension) with properties; attached and ready. */
  async loadComponent(path: string, props?: Record<string, unknown>): Promise<LoadedPageHandle> {
    await this.ready();
    const c = await this.pages.component(path, props);
    await this.settle();
    return c;
  }

  /** Navigate back (unload the top page). */
  async back(): Promise<void> {
    await this.pages.back();
    await this.settle();
  }

  /** The model behind `pusher#id` / `player#id`, to read state in a test. */
  model(source: string): PusherModel | PlayerModel | undefined {
    return this.models.get(source);
  }

  // ---------------------------------------------------------------- time

  /** Move time forward (virtual: instantly; real: by waiting), running page code in between. */
  async advance(d: Duration): Promise<void> {
    this.assertLive();
    const ms = parseDuration(d);
    const v = this.virtual;
    if (!v) {
      await this.sleep(ms);
      await this.settle();
      return;
    }
    const limit = v.now() + ms;
    await this.settle();
    while (v.step(limit)) {
      if (this.dirty) await this.settle();
    }
    v.moveTo(limit);
    await this.settle();
  }

  /** Advance until `pred` holds (checked after every event), or fail after `timeout`. */
  async advanceUntil(pred: () => boolean, timeout: Duration = '120s'): Promise<void> {
    this.assertLive();
    const budget = parseDuration(timeout);
    const v = this.virtual;
    if (!v) {
      const limit = this.clock.now() + budget;
      while (!pred()) {
        if (this.clock.now() >= limit)
          throw new RigError(
            `[live-harness] Failed to reach the awaited condition within ${budget} ms of real time. Check the scenario, or raise the timeout.`,
          );
        await this.sleep(Math.min(20, Math.max(1, limit - this.clock.now())));
      }
      return;
    }
    const limit = v.now() + budget;
    await this.settle();
    while (!pred()) {
      if (!v.step(limit)) {
        throw new RigError(
          `[live-harness] Failed to reach the awaited condition: nothing left to happen before ${budget} ms of virtual time passed. Check the scenario, or raise the timeout.`,
        );
      }
      if (this.dirty) await this.settle();
    }
  }

  /** ms since the rig started, on its clock. */
  now(): number {
    return this.clock.now();
  }

  /** A real wait that dispose() cuts short (with RigDisposedError). */
  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const cancel = (): void => {
        realClearTimeout(timer);
        this.waits.delete(cancel);
        reject(new RigDisposedError());
      };
      const timer = realSetTimeout(() => {
        this.waits.delete(cancel);
        resolve();
      }, ms);
      this.waits.add(cancel);
    });
  }

  private async settle(): Promise<void> {
    // A macrotask boundary drains every pending microtask: promise chains,
    // setData callbacks, context callbacks.
    for (let i = 0; i < 2; i++) {
      this.dirty = false;
      await new Promise<void>((r) => realSetImmediate(r));
      if (!this.dirty) break;
    }
  }

  // ---------------------------------------------------------------- results

  get metrics(): Record<string, ParticipantMetrics> {
    return computeMetrics(this.timeline.entries);
  }

  /** Tear everything down, in reverse order, past errors; reports them all. Idempotent. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    for (const cancel of [...this.waits]) cancel();
    const errors: unknown[] = [];
    const attempt = async (fn: () => unknown): Promise<void> => {
      try {
        await fn();
      } catch (e) {
        errors.push(e);
      }
    };
    await attempt(() => this.pages.dispose());
    await attempt(() => this.link.dispose());
    if (this.streams instanceof MediaStreams) await attempt(() => (this.streams as MediaStreams).dispose());
    await attempt(() => this.media?.dispose());
    await attempt(() => (this.clock instanceof RealClock ? this.clock.clearAll() : undefined));
    await attempt(() => this.timers?.uninstall());
    await attempt(() => setActiveRuntime(undefined));
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `[live-harness] Failed to dispose the rig cleanly: ${errors.length} errors.`);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }

  private assertLive(): void {
    if (this.disposed) throw new RigError('[live-harness] Failed to use the rig: it was disposed. Create a new rig per test.');
  }
}

/** Remote anchors in virtual time: streams the virtual server holds. */
class VirtualStreams implements StreamControl {
  constructor(
    private readonly link: VirtualLink,
    private readonly params: ModelParams,
  ) {}

  async publish(keyOrUrl: string, o: RemoteStreamOptions = {}): Promise<void> {
    this.link.publishRemote(streamKey(keyOrUrl), remoteInfo(o, this.params));
  }

  async unpublish(keyOrUrl: string): Promise<void> {
    this.link.unpublishRemote(streamKey(keyOrUrl));
  }

  async freeze(keyOrUrl: string, forMs: Duration): Promise<void> {
    this.link.freezeRemote(streamKey(keyOrUrl), parseDuration(forMs));
  }

  isLive(keyOrUrl: string): boolean {
    return this.link.server.isLive(streamKey(keyOrUrl));
  }
}

export function createRig(opts: RigOptions = {}): Rig {
  return new Rig(opts);
}
