/**
 * The object a test holds: one clock, one network, one device, one timeline,
 * and the pages under test. `createRig()` builds it; `dispose()` (or
 * `await using`) tears everything down.
 */
import './dispose-symbols';
import { setImmediate as realSetImmediate } from 'node:timers';
import { registerLiveComponents, resetAnonymousIds, setActiveRuntime, type LiveRuntime, type RecordedEvent } from '../../mocks/components';
import { VirtualLink, type NetworkProfile, type StreamInfo } from '../../mocks/link';
import { DEFAULT_CLIENT, Device, type DeviceFault, type ClientProfile, type ModelParams, type ModelSink, PlayerModel, PusherModel, Random, resolveClient, resolveParams, VirtualClock } from '../../mocks/model';
import { parseDuration } from '../assert';
import { type EntryKind, Timeline } from '../record';
import { computeMetrics, type ParticipantMetrics } from './metrics';
import { VirtualTimers } from './virtual-timers';
import { PageSession, type LoadedPageHandle } from './page-session';

export interface RigOptions {
  /** Seed of every random draw; the same seed gives the same timeline. Default 1. */
  readonly seed?: number | string;
  /** Only 'virtual' for now; real media comes with the media link. */
  readonly clock?: 'virtual';
  /** Override UNCONFIRMED model parameters (see ModelParams). */
  readonly params?: Partial<ModelParams>;
  /** Which WeChat client to behave like. */
  readonly client?: Partial<ClientProfile>;
  /** Network profile: a built-in name ('wifi', '4g', '3g', 'weak', 'loopback') or an object. Default 'wifi'. */
  readonly network?: NetworkProfile | string;
  /** Mini-program root (where app.json lives) for loadPage(). */
  readonly miniprogramRoot?: string;
  /** Route page timers and Date.now through the virtual clock. Default true. */
  readonly virtualTimers?: boolean;
  /** What a CDN does for a key nobody publishes. Default 'not-found'. */
  readonly missingStream?: 'not-found' | 'wait';
}

export type Duration = number | string;

export interface RemoteStreamOptions {
  readonly videoKbps?: number;
  readonly audioKbps?: number;
  readonly fps?: number;
  readonly gopSeconds?: number;
  readonly width?: number;
  readonly height?: number;
  readonly audioOnly?: boolean;
}

export class Rig implements LiveRuntime, AsyncDisposable {
  readonly timeline = new Timeline();
  readonly clock = new VirtualClock();
  readonly seed: number | string;
  readonly params: ModelParams;
  readonly client: ClientProfile;
  readonly link: VirtualLink;
  readonly device: DeviceControl;
  readonly network: NetworkControl;
  readonly streams: StreamControl;
  private readonly random: Random;
  private readonly dev = new Device();
  private readonly timers: VirtualTimers | undefined;
  private readonly pages: PageSession;
  private readonly models = new Map<string, PusherModel | PlayerModel>();
  private dirty = false;
  private disposed = false;

  constructor(opts: RigOptions = {}) {
    if (opts.clock !== undefined && opts.clock !== 'virtual') {
      throw new Error(`[live-harness] Failed to create the rig: clock ${JSON.stringify(opts.clock)} is not available. Use 'virtual'.`);
    }
    this.seed = opts.seed ?? 1;
    this.params = resolveParams(opts.params);
    this.client = resolveClient(opts.client ?? DEFAULT_CLIENT);
    this.random = new Random(this.seed);
    this.link = new VirtualLink({
      clock: this.clock,
      random: this.random.fork('network'),
      connectTimeoutMs: this.params.connectTimeoutMs,
      readWriteTimeoutMs: this.params.readWriteTimeoutMs,
      profile: opts.network,
      missingStream: opts.missingStream,
      onIncident: (kind, detail) => this.record({ source: 'network', kind: 'action', detail: { action: kind, ...detail } }),
    });
    this.link.server.listen({
      onPublish: (key) => this.record({ source: 'server', kind: 'server', detail: { event: 'publish', key } }),
      onUnpublish: (key) => this.record({ source: 'server', kind: 'server', detail: { event: 'unpublish', key } }),
      onPlay: (key) => this.record({ source: 'server', kind: 'server', detail: { event: 'play', key } }),
      onPlayStop: (key) => this.record({ source: 'server', kind: 'server', detail: { event: 'play-stop', key } }),
    });
    this.device = new DeviceControl(this.dev, (action, detail) => this.record({ source: 'device', kind: 'action', detail: { action, ...detail } }));
    this.network = new NetworkControl(this.link);
    this.streams = new StreamControl(this.link, this.params);
    // Claim the page globals first: a second live rig must fail before it touches timers.
    setActiveRuntime(this);
    registerLiveComponents();
    resetAnonymousIds();
    if (opts.virtualTimers !== false) {
      this.timers = new VirtualTimers(this.clock);
      this.timers.install();
    }
    this.pages = new PageSession(this, opts.miniprogramRoot);
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
    this.timeline.record({ t: Math.round(this.clock.now() * 1000) / 1000, source: e.source, kind: e.kind as EntryKind, ...(e.code !== undefined ? { code: e.code } : {}), ...(e.detail !== undefined ? { detail: e.detail } : {}) });
  }

  isViewReady(scope: unknown): boolean {
    return this.pages.isViewReady(scope);
  }

  private deps(label: string, id: string, sink: ModelSink) {
    return { id, clock: this.clock, random: this.random.fork(label), params: this.params, client: this.client, link: this.link, device: this.dev, sink };
  }

  // ---------------------------------------------------------------- pages and components

  /** Load a page of the mini-program (`pages/push/push`), run onLoad(query) → onShow → onReady. */
  async loadPage(route: string, query?: Record<string, string>): Promise<LoadedPageHandle> {
    this.assertLive();
    const page = await this.pages.open(route, query);
    await this.settle();
    return page;
  }

  /** Load a custom component (path without extension) with properties; attached and ready. */
  async loadComponent(path: string, props?: Record<string, unknown>): Promise<LoadedPageHandle> {
    this.assertLive();
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

  /** Move virtual time forward, running page code (promises, setData callbacks) between timers. */
  async advance(d: Duration): Promise<void> {
    this.assertLive();
    const ms = parseDuration(d);
    const limit = this.clock.now() + ms;
    await this.settle();
    while (this.clock.step(limit)) {
      if (this.dirty) await this.settle();
    }
    this.clock.moveTo(limit);
    await this.settle();
  }

  /** Advance until `pred` holds (checked after every event), or fail after `timeout`. */
  async advanceUntil(pred: () => boolean, timeout: Duration = '120s'): Promise<void> {
    const limit = this.clock.now() + parseDuration(timeout);
    await this.settle();
    while (!pred()) {
      if (!this.clock.step(limit)) {
        throw new Error(`[live-harness] Failed to reach the awaited condition: nothing left to happen before ${parseDuration(timeout)} ms of virtual time passed. Check the scenario, or raise the timeout.`);
      }
      if (this.dirty) await this.settle();
    }
  }

  /** ms of virtual time since the rig started. */
  now(): number {
    return this.clock.now();
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

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
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
    await attempt(() => this.timers?.uninstall());
    await attempt(() => setActiveRuntime(undefined));
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `[live-harness] Failed to dispose the rig cleanly: ${errors.length} errors.`);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('[live-harness] Failed to use the rig: it was disposed. Create a new rig per test.');
  }
}

export class DeviceControl {
  constructor(
    private readonly dev: Device,
    private readonly note: (action: string, detail: Record<string, unknown>) => void,
  ) {}

  deny(what: 'camera' | 'microphone'): void {
    this.note('deny', { permission: what });
    this.dev.setPermission(what, false);
  }

  allow(what: 'camera' | 'microphone'): void {
    this.note('allow', { permission: what });
    this.dev.setPermission(what, true);
  }

  /** The app goes to the background (home button, capsule "hang up"). */
  background(): void {
    this.note('background', {});
    this.dev.background();
  }

  foreground(): void {
    this.note('foreground', {});
    this.dev.foreground();
  }

  /** A phone or WeChat call interrupts (5001 on Android). */
  call(): void {
    this.note('call-start', {});
    this.dev.startCall();
  }

  endCall(): void {
    this.note('call-end', {});
    this.dev.endCall();
  }

  /** Headphones plugged/unplugged (player 2030). */
  audioRoute(route: 'speaker' | 'headphones'): void {
    this.note('audio-route', { route });
    this.dev.audioRoute(route);
  }

  /** Make the device produce a hardware fault on the next start/play. */
  fault(name: DeviceFault): void {
    this.dev.inject(name);
    this.note('fault', { fault: name });
  }

  clearFaults(): void {
    this.dev.clear();
  }

  get inBackground(): boolean {
    return this.dev.inBackground;
  }
}

export class NetworkControl {
  constructor(private readonly link: VirtualLink) {}

  get profile(): NetworkProfile {
    return this.link.profile;
  }

  use(profile: NetworkProfile | string): void {
    this.link.useProfile(profile);
  }

  set(conditions: Partial<Omit<NetworkProfile, 'name' | 'incidents'>>): void {
    this.link.set(conditions);
  }

  /** The phone loses its network (open sockets break, DNS fails) until restore(). */
  cut(): void {
    this.link.cut();
  }

  /** Black hole: nothing moves, nothing errors; timeouts decide. */
  stall(forMs?: Duration): void {
    this.link.stall(forMs === undefined ? undefined : parseDuration(forMs));
  }

  failDns(host?: string): void {
    this.link.failDns(host);
  }

  refuse(): void {
    this.link.refuse();
  }

  failHandshake(): void {
    this.link.failHandshake();
  }

  restore(): void {
    this.link.unstall();
    this.link.restore();
  }

  /** The server hangs up on connections (all, or one stream key / host). */
  serverClose(target?: string): void {
    this.link.serverClose(target);
  }

  reset(target?: string): void {
    this.link.reset(target);
  }

  /** Declare how fetching a resource goes (BGM, waiting image). */
  resource(url: string, r: { ok: boolean; durationMs?: number }): void {
    this.link.defineResource(url, r);
  }
}

export class StreamControl {
  constructor(
    private readonly link: VirtualLink,
    private readonly params: ModelParams,
  ) {}

  /** Someone outside the phone publishes a stream (key `live/abc` or any push/play URL of it). */
  publish(keyOrUrl: string, o: RemoteStreamOptions = {}): void {
    const key = streamKey(keyOrUrl);
    const info: StreamInfo = {
      hasVideo: !o.audioOnly,
      hasAudio: true,
      videoKbps: o.audioOnly ? 0 : o.videoKbps ?? this.params.remoteStreamBitrateKbps,
      audioKbps: o.audioKbps ?? 64,
      fps: o.audioOnly ? 0 : o.fps ?? 15,
      gopSeconds: o.gopSeconds ?? this.params.encoderGopSeconds,
      width: o.audioOnly ? 0 : o.width ?? 540,
      height: o.audioOnly ? 0 : o.height ?? 960,
    };
    this.link.publishRemote(key, info);
  }

  unpublish(keyOrUrl: string): void {
    this.link.unpublishRemote(streamKey(keyOrUrl));
  }

  isLive(keyOrUrl: string): boolean {
    return this.link.server.isLive(streamKey(keyOrUrl));
  }
}

function streamKey(keyOrUrl: string): string {
  if (!/^[a-z]+:\/\//i.test(keyOrUrl)) return keyOrUrl.replace(/^\/+/, '').replace(/\.flv$/i, '');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseStreamUrl } = require('../../mocks/link') as typeof import('../../mocks/link');
  const t = parseStreamUrl(keyOrUrl);
  if (!t) throw new Error(`[live-harness] Failed to find the stream of ${JSON.stringify(keyOrUrl)}: not an rtmp:// or http(s)://….flv URL. Pass a key like "live/abc" or a stream URL.`);
  return t.key;
}

export function createRig(opts: RigOptions = {}): Rig {
  return new Rig(opts);
}
