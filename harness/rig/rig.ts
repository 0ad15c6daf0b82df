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
  AppService,
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
import { type LiveRoomPluginControl, type LiveRooms, MiniProgramPlugins } from '../../mocks/plugins';
import { type Clock, Random } from '../../mocks/time';
import { parseDuration } from '../assert';
import { Audience, type AudienceOptions, type AudienceSummary } from '../audience';
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
  /**
   * 'mock' (default): the live tags run the behaviour model. 'inert': they
   * render and keep their attributes but emit nothing, and their contexts do
   * nothing, as in WeChat DevTools (a driver then delivers the events).
   */
  readonly live?: 'mock' | 'inert';
  /**
   * More globals of the app service, over the rig's own (`wx`, timers, `Date`),
   * seen by every module of the mini-program loaded after: an automation
   * server's bindings, console and skewed clock. `base` is the rig's scope.
   */
  readonly appScope?: (base: Readonly<Record<string, unknown>>) => Readonly<Record<string, unknown>>;
  /**
   * Hosts of page URLs that reach the rig's server, on both clocks (real media: `media.hosts` wins).
   * Any other host fails as a DNS lookup does (3001). Default DEFAULT_HOSTS: *.livepush/liveplay.myqcloud.com, localhost, 127.0.0.1.
   */
  readonly hosts?: readonly string[];
}

export type { Duration, RemoteStreamOptions } from './controls';
export { RigError, RigDisposedError, NoDomError } from './rig-errors';

export class Rig implements LiveRuntime, AsyncDisposable, Settler {
  readonly seed: number | string;
  readonly params: ModelParams;
  readonly client: ClientProfile;
  readonly device: DeviceControl;
  /** whether the live tags run the model ('mock') or only render ('inert') */
  readonly live: 'mock' | 'inert';
  /** Problems of the rig itself (an encoder that would not start …): a scenario with any fails. */
  readonly problems: string[] = [];
  /** The rig's `wx`: miniprogram-simulate's API plus the live contexts of this rig's elements and authorization over its device. */
  readonly wx: LiveWx & AuthorizationWx & Record<string, unknown>;
  private readonly world: World;
  private readonly recorder: Recorder;
  private readonly components: LiveComponents;
  private readonly plugins: MiniProgramPlugins;
  private readonly authorization: Authorization;
  private readonly appService: AppService;
  private readonly random: Random;
  private readonly dev = new Device();
  private readonly pages: PageSession;
  private readonly models = new Map<string, PusherModel | PlayerModel>();
  private readonly releaseGlobals: () => void;
  private changed = false;
  private disposed = false;
  private readonly audiences: Audience[] = [];
  private readonly audienceResults: AudienceSummary[] = [];

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
    const warnedHosts = new Set<string>();
    const onIncident = (action: string, detail: Record<string, unknown>): void => {
      this.record({ source: 'network', kind: 'action', detail: { action, ...detail } });
      if (action === 'host-unknown') this.hostUnknown(String(detail.host), detail.hostMap as string[], warnedHosts, opts.media !== undefined);
    };
    const onServerEvent = (event: string, key: string, detail?: Readonly<Record<string, unknown>>): void =>
      this.record({ source: 'server', kind: 'server', detail: { event, key, ...detail } });
    this.world =
      opts.media === undefined
        ? new VirtualWorld({
            random: this.random.fork('network'),
            params: this.params,
            network: opts.network,
            missingStream: opts.missingStream,
            hosts: opts.hosts,
            virtualTimers: opts.virtualTimers,
            onIncident,
            onServerEvent,
          })
        : new MediaWorld({
            media: typeof opts.media === 'object' ? opts.media : {},
            params: this.params,
            missingStream: opts.missingStream,
            hosts: opts.hosts,
            onIncident,
            onServerEvent,
            onProxyEvent: ({ action, ...detail }) => this.record({ source: 'proxy', kind: 'action', detail: { action, ...detail } }),
            ...(opts.network !== undefined ? { network: opts.network } : {}),
            onProblem: (e) => this.problem(e),
          });
    // Virtual stamps keep µs (they are exact); wall-clock stamps keep what a timer can honestly claim.
    this.recorder = new Recorder(() => this.world.clock.now(), this.world.kind === 'virtual' ? 3 : 1);
    this.device = new DeviceControl(
      this.dev,
      (action, detail) => this.record({ source: 'device', kind: 'action', detail: { action, ...detail } }),
      (visible) => this.pages.appVisible(visible),
    );
    if (opts.live !== undefined && opts.live !== 'mock' && opts.live !== 'inert')
      throw new RigError(`[live-harness] Failed to create the rig: live ${JSON.stringify(opts.live)} is not available. Use 'mock' or 'inert'.`);
    this.live = opts.live ?? 'mock';
    this.components = new LiveComponents(this, undefined, { inert: this.live === 'inert' });
    this.components.register();
    this.plugins = new MiniProgramPlugins({
      tags: this.components.tags,
      wx: this.components.wx,
      clock: this.world.clock,
      record: (e) => this.record(e),
    });
    const appScope = opts.appScope;
    this.pages = new PageSession(
      this,
      this.components,
      opts.miniprogramRoot,
      () => {
        const base = { wx: this.wx, ...this.world.pageScope() };
        return appScope ? { ...base, ...appScope(base) } : base;
      },
      this.plugins,
    );
    this.authorization = new Authorization({
      device: this.dev,
      client: this.client,
      inUserGesture: () => this.pages.inUserGesture,
      warn: (message) => this.record({ source: 'page', kind: 'warning', detail: { message } }),
    });
    this.appService = new AppService({
      client: this.client,
      later: (ms, fn) => void this.world.clock.setTimer(ms, fn),
      record: (e) => this.record(e),
    });
    const baseWx = this.pages.baseWx;
    this.wx = Object.assign(Object.create(baseWx) as Record<string, unknown>, this.components.wx, this.authorization.wx, this.appService.wx, {
      // The live-player-plugin's room page is a plugin-private:// route: recorded, then answered.
      navigateTo: this.plugins.navigateTo(typeof baseWx.navigateTo === 'function' ? (baseWx.navigateTo as (o: Record<string, unknown>) => unknown) : undefined),
    });
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

  /**
   * What wx.request gets from a URL: `rig.requests.answer('https://api.example.com/', { data })`.
   * A URL nobody answers fails as a host the phone cannot reach.
   */
  get requests(): Pick<AppService, 'answer'> {
    return this.appService;
  }

  /** 小程序直播 rooms (live-player-plugin): `rig.liveRooms.set(roomId, 'paused')`; their status changes over time as the docs say. */
  get liveRooms(): LiveRooms {
    return this.plugins.liveRooms;
  }

  /** What page code gets from `requirePlugin(name)` (app.json "plugins" must declare it): to call a plugin's API from a test. */
  requirePlugin(name: string): unknown {
    this.assertLive();
    return this.pages.requirePlugin(name);
  }

  /** The cloud-live plugin (liveRoomPlugin): `rig.liveRoomPlugin.refuse(reason)` fails its whitelist check (code -1). */
  get liveRoomPlugin(): LiveRoomPluginControl {
    return this.plugins.liveRoomPlugin;
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

  /**
   * Real media: N lightweight viewers of a stream of this rig (no page, no
   * model each), in worker threads; their figures as histograms. Join and
   * leave go on the timeline as counts (source `audience#<id>`). Stop it to
   * read its summary (rig.audienceSummaries keeps every stopped one); dispose
   * stops what is still running.
   */
  async audience(opts: AudienceOptions): Promise<Audience> {
    this.assertLive();
    if (this.world.kind !== 'media')
      throw new RigError(
        "[live-harness] Failed to start an audience: its viewers are real sockets, and this rig runs in virtual time. Create the rig with media: 'local'.",
      );
    await this.ready();
    const media = this.world.media as MediaAccess;
    const urls = media.urls(opts.stream);
    const ep = media.endpoints;
    const id = opts.id ?? String(this.audiences.length + 1);
    const source = `audience#${id}`;
    // An external server was named explicitly (LIVE_HARNESS_SERVER or an endpoint): load may go there; nowhere else.
    const allowedHosts = ep?.external ? [ep.rtmp, ep.httpFlv].map((u) => new URL(u).hostname.replace(/^\[|\]$/g, '')) : [];
    // A viewer that comes before the publish waits for it (the embedded server would answer "not found"), as a CDN's player retries.
    const waiting = (url: string): string => {
      if (ep?.external) return url;
      const u = new URL(url);
      u.searchParams.set('lh_missing', 'wait');
      return u.toString();
    };
    const audience = new Audience(
      { ...opts, id },
      { rtmp: waiting(urls.rtmp), httpFlv: waiting(urls.httpFlv), allowedHosts },
      {
        now: () => this.now(),
        onCounts: (c) => {
          if (!this.disposed) this.record({ source, kind: 'audience', detail: { ...c } });
        },
        onStop: (summary) => {
          this.audienceResults.push(summary);
          // A viewer thread that failed leaves figures short: the run must say so.
          for (const p of audience.problems) {
            const message = `[live-harness] Failed to run ${source}: a viewer thread failed (${p}). Its viewers' figures are missing; run it again, and report the error if it stays.`;
            if (this.disposed) this.problems.push(message);
            else this.problem(new RigError(message));
          }
          if (!this.disposed) this.record({ source, kind: 'action', detail: { action: 'audience-stop', joined: summary.joined, left: summary.left } });
        },
      },
    );
    this.record({ source, kind: 'action', detail: { action: 'audience-start', stream: opts.stream, viewers: opts.viewers, protocol: opts.protocol } });
    this.audiences.push(audience);
    await audience.start();
    return audience;
  }

  /** the summaries of this rig's audiences, in the order they stopped */
  get audienceSummaries(): readonly AudienceSummary[] {
    return this.audienceResults;
  }

  /** Stop every audience still running; their summaries. */
  async stopAudiences(): Promise<readonly AudienceSummary[]> {
    await Promise.all(this.audiences.map((a) => a.stop()));
    return this.audienceResults;
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
    if (e.kind === 'leavepictureinpicture') {
      // The page kept alive by the small window is unloaded once its element has heard the event.
      const owner = this.components.handles.find((h) => h.source === e.source)?.owner;
      if (owner !== undefined) this.clock.setTimer(0, () => this.pages.pictureInPictureClosed(owner));
    }
  }

  inUserGesture(): boolean {
    return this.pages.inUserGesture;
  }

  /**
   * Make `pusher#id` / `player#id` send a code the model never produces by
   * itself, as a real device would: pusher 0, 2007, 2027, 2029, -1306 and
   * binderror 10005/10012/10014; player 2027, 6000, 6002–6005 … (any code of
   * the component's tables), or 'castinginterrupt' for a player that casts.
   * So a page's handler for them (trtc-wx's PLAYER_WARNING …) can be tested.
   */
  inject(source: string, what: number | 'castinginterrupt', message?: string): void {
    this.assertLive();
    const model = this.models.get(source);
    const live = this.components.handles.some((h) => h.source === source);
    if (!model || !live) {
      const known = this.components.handles.map((h) => h.source);
      throw new RigError(
        `[live-harness] Failed to inject ${String(what)} into ${source}: no such element is attached. ${known.length ? `Attached: ${known.join(', ')}.` : 'Load a page with a <live-pusher> or <live-player> first.'}`,
      );
    }
    this.record({ source, kind: 'inject', ...(typeof what === 'number' ? { code: what } : {}), detail: { what } });
    if (what === 'castinginterrupt') {
      if (!(model instanceof PlayerModel) || !model.interruptCasting())
        throw new RigError(
          `[live-harness] Failed to inject castinginterrupt into ${source}: it is not a player that is casting. Call startCasting() in a tap first.`,
        );
      return;
    }
    const why = typeof what === 'number' && Number.isInteger(what) ? model.inject(what, message) : `${JSON.stringify(what)} is not a code`;
    if (why)
      throw new RigError(
        `[live-harness] Failed to inject ${String(what)} into ${source}: ${why}. Inject a code of the reference (docs: mocks/codes), or 'castinginterrupt'.`,
      );
  }

  /** The user closes every picture-in-picture window (the × of the small window): leavepictureinpicture, and a popped page is unloaded. */
  closePictureInPicture(): void {
    for (const h of this.components.handles) h.model.leavePictureInPicture();
  }

  isViewReady(scope: unknown): boolean {
    return this.pages.isViewReady(scope);
  }

  describeScope(scope: unknown): string | undefined {
    return this.pages.labelOf(scope);
  }

  topPage(): unknown {
    return this.pages.current?.instance;
  }

  /** A page URL's host is outside the host map: say so once per host, and how to add it. */
  private hostUnknown(host: string, hostMap: readonly string[], warned: Set<string>, media: boolean): void {
    if (warned.has(host)) return;
    warned.add(host);
    const add = `[${[...hostMap, host].map((h) => JSON.stringify(h)).join(', ')}]`;
    const message =
      `[live-harness] Failed to connect to ${host}: the host is outside the rig's host map (${hostMap.join(', ')}), so it fails as a DNS lookup does (3001) and nothing reaches the server. ` +
      `Add it: createRig({ ${media ? `media: { hosts: ${add} }` : `hosts: ${add}`} }), or use a URL on a mapped host.`;
    this.record({ source: 'network', kind: 'warning', detail: { message, host } });
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

  /** Navigate back: unload the top page (or the top `delta` pages) and show the one below. */
  async back(delta?: number): Promise<void> {
    await this.pages.back(delta);
    await this.settle();
  }

  /** redirectTo: unload the current page (onUnload) and open `route` in its place. */
  async redirectTo(route: string): Promise<LoadedPageHandle> {
    assertDom(`redirect to "${route}"`);
    await this.ready();
    const page = await this.pages.redirect(route);
    await this.settle();
    return page;
  }

  /** reLaunch: unload every page, top first, and open `route`. */
  async reLaunch(route: string): Promise<LoadedPageHandle> {
    assertDom(`relaunch "${route}"`);
    await this.ready();
    const page = await this.pages.reLaunch(route);
    await this.settle();
    return page;
  }

  /** switchTab: unload the pages that are not tabs, keep tab pages alive, and show the tab `route` (app.json tabBar). */
  async switchTab(route: string): Promise<LoadedPageHandle> {
    assertDom(`switch to tab "${route}"`);
    await this.ready();
    const page = await this.pages.switchTab(route);
    await this.settle();
    return page;
  }

  /** The page stack, bottom first: what getCurrentPages() returns, as handles. */
  get pageStack(): readonly LoadedPageHandle[] {
    return this.pages.stack;
  }

  /**
   * The value of `expression` (a function's source, as an automation client
   * sends it) compiled in the mini-program's app service: it sees this rig's
   * `wx`, `getApp`, `getCurrentPages`, timers and `Date`, as page code does.
   */
  compileInAppService(expression: string): unknown {
    this.assertLive();
    return this.pages.compile(expression);
  }

  /** Every route of app.json (main package and subpackages). */
  get routes(): ReadonlySet<string> {
    return this.pages.routes;
  }

  /** The routes of app.json's tabBar. */
  get tabRoutes(): ReadonlySet<string> {
    return this.pages.tabRoutes;
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
    await attempt(() => Promise.all(this.audiences.map((a) => a.stop())));
    await attempt(() => this.world.dispose());
    await attempt(() => this.authorization.dispose());
    await attempt(() => this.plugins.dispose());
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
