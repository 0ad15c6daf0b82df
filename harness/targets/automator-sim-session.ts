/**
 * A session of the `automator-sim` target: the scenario's mini-program hosted
 * by AutomatorSim and driven through the real miniprogram-automator client, as
 * a script drives WeChat DevTools. Page actions go through the protocol's
 * Page.* / Element.* / App.* methods; the world around the page (time,
 * faults, the device, remote streams, the timeline) through LiveHarness.*.
 * Nothing here reaches into the hosted rig: what the runner judges is what
 * crossed the socket.
 */
import { createRequire } from 'node:module';
import type MiniProgram from 'miniprogram-automator/out/MiniProgram';
import type AutomatorPage from 'miniprogram-automator/out/Page';
import type { Fault } from '../../mocks/link';
import type { DeviceFault } from '../../mocks/model';
import { Timeline, type Mark } from '../record';
import { attachHarness, type Harness } from '../automator';
import { AutomatorSim } from '../automator-sim';
import { installLiveHarness } from '../automator-sim/live-harness-domain';
import type { Duration, OpenedResources, ParticipantMetrics, RemoteStreamOptions } from '../rig';
import { TargetError, type PageHandle, type Session, type SessionDevice, type SessionNetwork, type SessionOptions, type SessionStreams } from './target';

// The client (and its ws) loads when a session opens, not with the package. In jest's jsdom environment the test file
// needs the "node" export conditions for ws (docs/automator-harness.md): jest resolves this require as any other.
const nodeRequire = createRequire(__filename);
function automatorClient(): typeof import('miniprogram-automator') {
  return nodeRequire('miniprogram-automator') as typeof import('miniprogram-automator');
}

/** The longest a final sync may take while a session closes (a hung server must not hang the run's teardown). */
const CLOSING_SYNC_MS = 5_000;

function within<T>(ms: number, p: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new TargetError(`[live-harness] Failed to ${what}: automator-sim did not answer within ${ms} ms. Look for a page handler that never returns.`)),
      ms,
    );
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

function queryString(query: Record<string, string> | undefined): string {
  const q = new URLSearchParams(query ?? {}).toString();
  return q ? `?${q}` : '';
}

/** A page on the other side of the protocol, through the client's own Page and Element objects. */
class RemotePage implements PageHandle {
  constructor(
    readonly page: AutomatorPage,
    private readonly harness: Harness,
  ) {}

  get route(): string {
    return this.page.path;
  }

  async getData(): Promise<Record<string, unknown>> {
    return (await this.page.data()) as Record<string, unknown>;
  }

  call(method: string, ...args: unknown[]): Promise<unknown> {
    return this.page.callMethod(method, ...args);
  }

  setData(patch: Record<string, unknown>): Promise<void> {
    return this.page.setData(patch);
  }

  async tap(selector: string): Promise<void> {
    // page.$() answers null for every failure (even a dropped connection), so a miss is named here.
    const el = await this.page.$(selector);
    if (!el)
      throw new TargetError(
        `[live-harness] Failed to tap ${JSON.stringify(selector)} on ${this.route}: no element matches. Check the selector against the page's WXML.`,
      );
    await el.tap();
  }

  async text(selector: string): Promise<string | null> {
    const el = await this.page.$(selector);
    return el ? ((await el.text()) as string) : null;
  }

  hide(): Promise<void> {
    return this.harness.hidePage();
  }

  show(): Promise<void> {
    return this.harness.showPage();
  }
}

export class AutomatorSimSession implements Session {
  readonly network: SessionNetwork;
  readonly device: SessionDevice;
  readonly streams: SessionStreams;
  private lastMetrics: Record<string, ParticipantMetrics> = {};
  private lastProblems: readonly string[] = [];
  private media: OpenedResources = { server: undefined, pids: [], ports: [] };
  private closedAtMs: number | undefined;
  private closing: Promise<void> | undefined;
  /** the session's own story: what the mirror receives from the moment the runner took over */
  private readonly story = new Timeline();

  constructor(
    readonly sim: AutomatorSim,
    readonly miniProgram: MiniProgram,
    readonly harness: Harness,
    /**
     * Where the session starts on the server's timeline. automator-sim opens
     * the app's entry page at start, as DevTools does; that happened before
     * this session, so neither its entries nor its figures are the scenario's.
     */
    private readonly start: Mark,
  ) {
    for (const e of harness.timeline.since(start)) this.story.record(e);
    harness.timeline.subscribe((e) => this.story.record(e));
    const h = harness;
    this.network = { apply: (f: Fault) => h.network.apply(f), resource: (url, r) => h.network.resource(url, r) };
    this.device = {
      deny: (w) => h.device.deny(w),
      allow: (w) => h.device.allow(w),
      background: () => h.device.background(),
      foreground: () => h.device.foreground(),
      call: () => h.device.call(),
      endCall: () => h.device.endCall(),
      audioRoute: (r) => h.device.audioRoute(r),
      fault: (f: DeviceFault) => h.device.fault(f),
    };
    this.streams = {
      publish: (key: string, o?: RemoteStreamOptions) => h.streams.publish(key, o),
      unpublish: (key: string) => h.streams.unpublish(key),
      freeze: (key: string, forMs: Duration) => h.streams.freeze(key, forMs),
    };
  }

  get timeline(): Timeline {
    return this.story;
  }

  get metrics(): Record<string, ParticipantMetrics> {
    return this.lastMetrics;
  }

  get problems(): readonly string[] {
    return this.lastProblems;
  }

  get realMedia(): boolean {
    return this.harness.clock === 'real-media';
  }

  /** The media server and processes the hosted rig opened, and the protocol server's own port. */
  get opened(): OpenedResources {
    return { server: this.media.server, pids: this.media.pids, ports: [...this.media.ports, this.sim.port] };
  }

  async ready(): Promise<void> {
    await this.harness.ready();
    this.media = (await this.harness.mediaInfo()).opened;
  }

  /** reLaunch through App.callWxMethod (the client's own navigation helpers sleep 3 s each), then the current page. */
  async loadPage(route: string, query?: Record<string, string>): Promise<PageHandle> {
    const path = route.replace(/^\/+/, '');
    await this.miniProgram.callWxMethod('reLaunch', { url: `/${path}${queryString(query)}` });
    const page = await this.miniProgram.currentPage();
    if (!page || page.path !== path)
      throw new TargetError(
        `[live-harness] Failed to open ${path}: after reLaunch the current page is ${page ? page.path : 'none'}. Check that app.json lists the route.`,
      );
    return new RemotePage(page, this.harness);
  }

  async back(): Promise<void> {
    await this.miniProgram.callWxMethod('navigateBack', { delta: 1 });
  }

  async context(_page: PageHandle, source: string, method: string, args: Record<string, unknown> = {}): Promise<void> {
    await this.harness.context(source, method, args);
  }

  async advance(d: Duration): Promise<void> {
    await this.harness.advance(d);
  }

  now(): number {
    return this.closedAtMs ?? this.harness.lastNow();
  }

  async sync(): Promise<void> {
    const state = await this.harness.sync();
    this.lastMetrics = await this.harness.metricsSince(this.start);
    this.lastProblems = state.problems;
    this.media = state.opened;
  }

  /** The last state is kept (the runner reads it after), then the client, then the server and everything its rig opened. */
  dispose(): Promise<void> {
    this.closing ??= this.close();
    return this.closing;
  }

  private async close(): Promise<void> {
    try {
      await within(CLOSING_SYNC_MS, this.sync(), 'read the final timeline');
    } catch {
      // The mirror keeps what reached it; a server that stopped answering is torn down below all the same.
    }
    this.closedAtMs = this.harness.lastNow();
    this.miniProgram.disconnect();
    await this.sim.stop();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }
}

/** LiveHarness.* on the server, unless the server registered it itself (the only way registerDomain refuses a valid name). */
function registerLiveHarness(sim: AutomatorSim): void {
  try {
    installLiveHarness(sim);
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'LH_AUTOMATOR_SIM') throw e;
  }
}

/**
 * Open an AutomatorSim for the session's options, connect the real client and
 * attach the harness. Anything that fails on the way closes what was opened.
 */
export async function openAutomatorSimSession(o: SessionOptions): Promise<AutomatorSimSession> {
  if (o.clock !== 'virtual-time' && o.clock !== 'real-media')
    throw new TargetError(`[live-harness] Failed to open an automator-sim session: clock ${JSON.stringify(o.clock)} is not 'virtual-time' or 'real-media'.`);
  const sim = await AutomatorSim.start({
    miniprogramRoot: o.miniprogramRoot,
    clock: o.clock,
    seed: o.seed,
    params: o.params,
    client: o.client,
    network: o.network,
    ...(o.clock === 'real-media' && o.media ? { media: o.media } : {}),
  });
  let mp: MiniProgram | undefined;
  try {
    registerLiveHarness(sim);
    mp = await automatorClient().connect({ wsEndpoint: sim.wsEndpoint });
    const harness = await attachHarness(mp);
    return new AutomatorSimSession(sim, mp, harness, await harness.mark('session'));
  } catch (e) {
    mp?.disconnect();
    await sim.stop();
    throw e;
  }
}
