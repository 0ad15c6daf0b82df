/**
 * The object a test holds: a world (clock, network, streams), a device, a
 * recorder that owns the timeline, the rig's own live components and `wx`,
 * and the pages under test. `createRig()` builds it; `dispose()` (or
 * `await using`) tears everything down.
 *
 * Two clocks, one behaviour model: in virtual time the clock moves only when
 * the test advances it; with `media: 'local'` it is the wall clock and every
 * connection is a real socket to a real server. Nothing here is process-wide:
 * two rigs (an anchor's phone and a viewer's) can live at once in one test.
 */
import '../dispose-symbols';
import { setImmediate as realSetImmediate } from 'node:timers';
import {
  Authorization,
  type AuthorizationWx,
  LiveComponents,
  type ContextScope,
  type LiveRuntime,
  type LiveWx,
  type RecordedEvent,
} from '../../mocks/components';
import type { Link, NetworkProfile } from '../../mocks/link';
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
import { type Clock, Random } from '../../mocks/time';
import { parseDuration } from '../assert';
import { claimGlobals } from '../page';
import { type Mark, Recorder, type Timeline } from '../record';
import { DeviceControl, type Duration, type NetworkControl, type StreamControl } from './controls';
import type { MediaAccess } from './media-access';
import type { MediaOptions, OpenedResources } from './media-session';
import { MediaWorld } from './media-world';
import { computeMetrics, type MetricsWindow, type ParticipantMetrics } from './metrics';
import { PageSession, type LoadedPageHandle } from './page-session';
import { rigOpened, rigClosed } from './rig-watch';
import { assertDom, RigError } from './rig-errors';
import { VirtualWorld } from './virtual-world';
import type { Settler, World } from './world';

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
  /** Route page timers and Date through the virtual clock. Default true in virtual time. */
  readonly virtualTimers?: boolean;
  /** What a CDN does for a key nobody publishes. Default 'not-found'. */
  readonly missingStream?: 'not-found' | 'wait';
}

export type { Duration, RemoteStreamOptions } from './controls';
export { RigError, RigDisposedError, NoDomError } from './rig-errors';

export class Rig implements LiveRuntime, AsyncDisposable, Settler {
  readonly seed: number | string;
  readonly params: ModelParams;
  readonly client: ClientProfile;
  readonly device: DeviceControl;
  /** Problems of the rig itself (an encoder that would not start …): a scenario with any fails. */
  readonly problems: string[] = [];
  /** The rig's `wx`: miniprogram-simulate's API plus the live contexts of this rig's elements and authorization over its device. */
  readonly wx: LiveWx & AuthorizationWx & Record<string, unknown>;
  private readonly world: World;
  private readonly recorder: Recorder;
  private readonly components: LiveComponents;
  private readonly authorization: Authorization;
  private readonly random: Random;
  private readonly dev = new Device();
  private readonly pages: PageSession;
  private readonly models = new Map<string, PusherModel | PlayerModel>();
  private readonly releaseGlobals: () => void;
  private changed = false;
  private disposed = false;

  constructor(opts: RigOptions = {}) {
    // Pages fail much later, and blame themselves, without a DOM: say the real cause first.
    assertDom('create the rig');
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
    this.seed = opts.seed ?? 1;
    this.params = resolveParams(opts.params);
    this.client = resolveClient(opts.client ?? DEFAULT_CLIENT);
    this.random = new Random(this.seed);
    const onIncident = (action: string, detail: Record<string, unknown>): void =>
      this.record({ source: 'network', kind: 'action', detail: { action, ...detail } });
    const onServerEvent = (event: string, key: string, detail?: Readonly<Record<string, unknown>>): void =>
      this.record({ source: 'server', kind: 'server', detail: { event, key, ...detail } });
    this.world =
      opts.media === undefined
        ? new VirtualWorld({
            random: this.random.fork('network'),
            params: this.params,
            network: opts.network,
            missingStream: opts.missingStream,
            virtualTimers: opts.virtualTimers,
            onIncident,
            onServerEvent,
          })
        : new MediaWorld({
            media: typeof opts.media === 'object' ? opts.media : {},
            params: this.params,
            missingStream: opts.missingStream,
            onIncident,
            onServerEvent,
            onProxyEvent: ({ action, ...detail }) => this.record({ source: 'proxy', kind: 'action', detail: { action, ...detail } }),
            ...(opts.network !== undefined ? { network: opts.network } : {}),
            onProblem: (e) => this.problem(e),
          });
    // Virtual stamps keep µs (they are exact); wall-clock stamps keep what a timer can honestly claim.
    this.recorder = new Recorder(() => this.world.clock.now(), this.world.kind === 'virtual' ? 3 : 1);
    this.device = new DeviceControl(this.dev, (action, detail) => this.record({ source: 'device', kind: 'action', detail: { action, ...detail } }));
    this.components = new LiveComponents(this);
    this.components.register();
    this.pages = new PageSession(this, this.components, opts.miniprogramRoot, () => ({ wx: this.wx, ...this.world.pageScope() }));
    this.authorization = new Authorization({
      device: this.dev,
      client: this.client,
      inUserGesture: () => this.pages.inUserGesture,
      warn: (message) => this.record({ source: 'page', kind: 'warning', detail: { message } }),
    });
    this.wx = Object.assign(Object.create(this.pages.baseWx) as Record<string, unknown>, this.components.wx, this.authorization.wx);
    // Test code reaches `wx` as a global: the newest rig holds it, and gives it back on dispose.
    this.releaseGlobals = claimGlobals({ wx: this.wx });
    rigOpened(this);
  }

  get clock(): Clock {
    return this.world.clock;
  }

  /** The link the models talk to (virtual or media). */
  get link(): Link {
    return this.world.link;
  }

  /** The phone's network: the fault vocabulary (cut, stall, failDns …). */
  get network(): NetworkControl {
    return this.world.network;
  }

  /** Remote anchors: streams published from outside the phone. */
  get streams(): StreamControl {
    return this.world.streams;
  }

  get timeline(): Timeline {
    return this.recorder.timeline;
  }

  /** Whether connections are real sockets to a real server. */
  get realMedia(): boolean {
    return this.world.kind === 'media';
  }

  /** Real media: the server's endpoints and this rig's stream URLs, for a reader outside the rig (a browser, ffprobe, a phone). */
  get media(): MediaAccess | undefined {
    return this.world.media;
  }

  /**
   * Get real media ready (ffmpeg found, server up). loadPage() and
   * streams.publish() call it; call it yourself to time or check the start.
   */
  async ready(): Promise<void> {
    this.assertLive();
    await this.world.ready();
  }

  /** What the rig opened on real media: server, processes and ports (all closed by dispose). */
  get opened(): OpenedResources {
    return this.world.opened;
  }

  // ---------------------------------------------------------------- LiveRuntime

  newPusher(source: string, elementId: string, sink: ModelSink): PusherModel {
    const m = new PusherModel(this.deps(source, elementId, sink));
    this.models.set(source, m);
    return m;
  }

  newPlayer(source: string, elementId: string, sink: ModelSink): PlayerModel {
    const m = new PlayerModel(this.deps(source, elementId, sink));
    this.models.set(source, m);
    return m;
  }

  record(e: RecordedEvent): void {
    this.changed = true;
    // Warnings stay on the timeline (rig.warnings): the jest preset lists a failed test's once.
    this.recorder.record(e);
  }

  isViewReady(scope: unknown): boolean {
    return this.pages.isViewReady(scope);
  }

  describeScope(scope: unknown): string | undefined {
    return this.pages.labelOf(scope);
  }

  private problem(e: Error): void {
    if (this.disposed) return;
    this.problems.push(e.message);
    this.record({ source: 'rig', kind: 'warning', detail: { message: e.message } });
  }

  private deps(label: string, id: string, sink: ModelSink) {
    return { id, clock: this.clock, random: this.random.fork(label), params: this.params, client: this.client, link: this.world.link, device: this.dev, sink };
  }

  // ---------------------------------------------------------------- pages and components

  /** Load a page of the mini-program (`pages/push/push`), run onLoad(query) → onShow → onReady. */
  async loadPage(route: string, query?: Record<string, string>): Promise<LoadedPageHandle> {
    assertDom(`load page "${route}"`);
    await this.ready();
    const page = await this.pages.open(route, query);
    await this.settle();
    return page;
  }

  /** Load a custom component (path without extension) with properties; attached and ready. */
  async loadComponent(path: string, props?: Record<string, unknown>): Promise<LoadedPageHandle> {
    assertDom(`load component "${path}"`);
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

  /** The page on top of the stack. */
  get currentPage(): LoadedPageHandle | undefined {
    return this.pages.current;
  }

  /** The model behind `pusher#id` / `player#id`, to read state in a test. */
  model(source: string): PusherModel | PlayerModel | undefined {
    return this.models.get(source);
  }

  /**
   * Call a method of a live context as page code would
   * (`wx.createLivePusherContext(id, page).start()`), with the page as scope.
   */
  context(page: LoadedPageHandle, source: string, method: string, args: Record<string, unknown> = {}): void {
    const m = /^(pusher|player)#(.+)$/.exec(source);
    if (!m)
      throw new RigError(
        `[live-harness] Failed to call ${source}.${method}(): ${JSON.stringify(source)} is not pusher#<id> or player#<id>. Name the element as the timeline does.`,
      );
    const scope = page.instance as ContextScope;
    const ctx = m[1] === 'pusher' ? this.wx.createLivePusherContext(m[2], scope) : this.wx.createLivePlayerContext(m[2], scope);
    const fn = ctx[method];
    if (typeof fn !== 'function')
      throw new RigError(`[live-harness] Failed to call ${source}.${method}(): the context has no such method. Check the name against the WeChat docs.`);
    (fn as (o: Record<string, unknown>) => void)({ ...args });
  }

  // ---------------------------------------------------------------- time

  /** Move time forward (virtual: instantly; real: by waiting), running page code in between. */
  async advance(d: Duration): Promise<void> {
    this.assertLive();
    await this.world.advance(parseDuration(d), this);
  }

  /** Advance until `pred` holds (checked after every event), or fail after `timeout`. */
  async advanceUntil(pred: () => boolean, timeout: Duration = '120s'): Promise<void> {
    this.assertLive();
    await this.world.advanceUntil(pred, parseDuration(timeout), this);
  }

  /** ms since the rig started, on its clock. */
  now(): number {
    return this.clock.now();
  }

  /** Remember this moment: `expect(rig.timeline).toHaveSequence(steps, { since: mark })`, `rig.metricsSince(mark)`. */
  mark(label?: string): Mark {
    return this.recorder.mark(label);
  }

  /** @internal Settler: whether anything was recorded since the last settle. */
  get dirty(): boolean {
    return this.changed;
  }

  /** @internal Settler: let page code run (promises, setData callbacks, context callbacks). */
  async settle(): Promise<void> {
    // A macrotask boundary drains every pending microtask.
    for (let i = 0; i < 2; i++) {
      this.changed = false;
      await new Promise<void>((r) => realSetImmediate(r));
      if (!this.changed) break;
    }
  }

  // ---------------------------------------------------------------- results

  /** Figures per participant over the whole run. */
  get metrics(): Record<string, ParticipantMetrics> {
    return computeMetrics(this.timeline.entries);
  }

  /** Figures per participant over a window of the run: from a mark (or ms) until another (or now). */
  metricsBetween(window: MetricsWindow): Record<string, ParticipantMetrics> {
    return computeMetrics(this.timeline.entries, window);
  }

  /** Figures per participant from a mark on. */
  metricsSince(mark: Mark): Record<string, ParticipantMetrics> {
    return computeMetrics(this.timeline.entries, { from: mark });
  }

  /** Warnings the mocks raised (bad input, unbound contexts …), in order. */
  get warnings(): readonly string[] {
    return this.timeline.entries
      .filter((e) => e.kind === 'warning')
      .map((e) => `${e.source}: ${String((e.detail as { message?: string } | undefined)?.message)}`);
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Tear everything down, in reverse order, past errors; reports them all. Idempotent. */
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
    await attempt(() => this.world.dispose());
    await attempt(() => this.authorization.dispose());
    await attempt(() => this.releaseGlobals());
    rigClosed(this);
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

export function createRig(opts: RigOptions = {}): Rig {
  return new Rig(opts);
}
