/**
 * The `devtools` target: WeChat DevTools (or anything speaking its
 * automation protocol: automator-sim with `live: 'inert'` stands in for it in
 * tests) runs the page code; the DevtoolsDriver supplies what DevTools' live
 * tags lack, running the behaviour model here, in virtual time or on local
 * media. The world (faults, device, remote streams) is the model's, so every
 * fault of the vocabulary works as on simulate.
 */
import { parseDuration } from '../assert';
import { automatorClient, DevtoolsDriver, type AutomatorMiniProgram } from '../drivers';
import type { Timeline } from '../record';
import type { Duration, OpenedResources, ParticipantMetrics, RemoteMedia, RemoteStreamOptions } from '../rig';
import { CONTEXT_CALL_SOURCE, parseSource, ProtocolPage, relaunch } from './protocol-page';
import {
  TargetError,
  type PageHandle,
  type Session,
  type SessionDevice,
  type SessionNetwork,
  type SessionOptions,
  type SessionStreams,
  type Target,
} from './target';

/** Where the runtime is: an endpoint to connect to, or a function that connects (e.g. `automator.launch`). */
export interface AutomatorEndpoint {
  /** `ws://127.0.0.1:9420`: DevTools' service port with `--auto-port` */
  readonly wsEndpoint?: string;
  /** connect yourself; the session then leaves the connection open when it ends */
  readonly connect?: () => Promise<AutomatorMiniProgram>;
}

export async function connectTo(o: AutomatorEndpoint, target: string): Promise<{ mp: AutomatorMiniProgram; owned: boolean }> {
  if (o.connect) return { mp: await o.connect(), owned: false };
  if (!o.wsEndpoint)
    throw new TargetError(
      `[live-harness] Failed to open a ${target} session: no wsEndpoint and no connect function. Pass { wsEndpoint: 'ws://127.0.0.1:<auto-port>' } (DevTools: cli auto --auto-port <port>).`,
    );
  return { mp: await automatorClient().connect({ wsEndpoint: o.wsEndpoint }), owned: true };
}

/** The longest the pages' teardown may take when a session ends (requests have no timeout in the client). */
const CLOSING_MS = 10_000;

export class DevtoolsSession implements Session {
  readonly network: SessionNetwork;
  readonly device: SessionDevice;
  readonly streams: SessionStreams;

  constructor(
    readonly miniProgram: AutomatorMiniProgram,
    readonly driver: DevtoolsDriver,
    private readonly ownsConnection: boolean,
  ) {
    const host = driver.host;
    this.network = { apply: async (f) => host.network.apply(f), resource: async (url, r) => host.network.resource(url, r) };
    const dev = host.device;
    this.device = {
      deny: async (w) => dev.deny(w),
      allow: async (w) => dev.allow(w),
      background: async () => dev.background(),
      foreground: async () => dev.foreground(),
      call: async () => dev.call(),
      endCall: async () => dev.endCall(),
      audioRoute: async (r) => dev.audioRoute(r),
      fault: async (f) => dev.fault(f),
    };
    this.streams = {
      publish: (key: string, o?: RemoteStreamOptions) => host.streams.publish(key, o),
      unpublish: (key: string) => host.streams.unpublish(key),
      freeze: (key: string, forMs: Duration) => host.streams.freeze(key, forMs),
      set: (key: string, media: RemoteMedia) => host.streams.set(key, media),
    };
  }

  get timeline(): Timeline {
    return this.driver.host.timeline;
  }
  get metrics(): Record<string, ParticipantMetrics> {
    return this.driver.host.metrics;
  }
  get problems(): readonly string[] {
    return [...this.driver.host.problems, ...this.driver.problems];
  }
  get realMedia(): boolean {
    return this.driver.host.realMedia;
  }
  get opened(): OpenedResources {
    return this.driver.host.opened;
  }

  ready(): Promise<void> {
    return this.driver.host.ready();
  }

  async loadPage(route: string, query?: Record<string, string>): Promise<PageHandle> {
    await this.ready();
    const page = await relaunch(this.miniProgram, route, query, 'devtools');
    await this.driver.sync();
    await this.driver.settle();
    return new ProtocolPage(page, 'devtools', () => this.driver.settle());
  }

  async back(): Promise<void> {
    await this.miniProgram.callWxMethod('navigateBack', { delta: 1 });
    await this.driver.sync();
    await this.driver.settle();
  }

  async context(_page: PageHandle, source: string, method: string, args: Record<string, unknown> = {}): Promise<void> {
    const { kind, id } = parseSource(source, method);
    const r = await this.miniProgram.evaluate(CONTEXT_CALL_SOURCE, kind, id, method, args);
    if (r === 'missing')
      throw new TargetError(`[live-harness] Failed to call ${source}.${method}(): the context has no such method. Check the name against the WeChat docs.`);
    await this.driver.settle();
  }

  advance(d: Duration): Promise<void> {
    return this.driver.advance(parseDuration(d));
  }

  now(): number {
    return this.driver.host.now();
  }

  sync(): Promise<void> {
    return this.driver.settle();
  }

  async dispose(): Promise<void> {
    try {
      try {
        await this.closePages();
      } finally {
        await this.driver.stop();
      }
    } finally {
      if (this.ownsConnection) this.miniProgram.disconnect();
    }
  }

  /** A session ends as a simulate one does, with its pages' teardown on the timeline (DevtoolsDriver.closePages); the next session reLaunches its page. Bounded: the client's requests have no timeout. */
  private async closePages(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new TargetError(
              `[live-harness] Failed to close the pages on devtools: the runtime did not answer within ${CLOSING_MS} ms. Look for a page's onUnload that never returns.`,
            ),
          ),
        CLOSING_MS,
      );
    });
    try {
      await Promise.race([this.driver.closePages(), hung]);
    } finally {
      clearTimeout(timer);
    }
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }
}

/**
 * The devtools target for a runtime at `endpoint`. Each session installs the
 * interception on connect and takes it out again when it ends.
 */
export function devtools(endpoint: AutomatorEndpoint): Target {
  return {
    name: 'devtools',
    capabilities: ['virtual-time', 'real-media'],
    async open(o: SessionOptions): Promise<Session> {
      if (o.clock !== 'virtual-time' && o.clock !== 'real-media')
        throw new TargetError(`[live-harness] Failed to open a devtools session: clock ${JSON.stringify(o.clock)} is not 'virtual-time' or 'real-media'.`);
      const { mp, owned } = await connectTo(endpoint, 'devtools');
      const driver = new DevtoolsDriver(mp, {
        seed: o.seed,
        params: o.params,
        client: o.client,
        ...(o.clock === 'real-media' ? { media: o.media ?? 'local' } : { network: o.network }),
      });
      try {
        await driver.start();
      } catch (e) {
        await driver.stop().catch(() => undefined);
        if (owned) mp.disconnect();
        throw e;
      }
      return new DevtoolsSession(mp, driver, owned);
    },
  };
}
