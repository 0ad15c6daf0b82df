/**
 * The world on real media: the wall clock, real sockets through the media
 * link, the embedded server (or an external one), real encoders for remote
 * anchors. Time passes by waiting, and every wait ends when the rig is disposed.
 */
import { HostMap, MediaLink, type NetworkProfile, validateProfile } from '../../mocks/link';
import type { ProxyEvent } from '../network';
import type { ModelParams } from '../../mocks/model';
import { RealClock } from '../../mocks/time';
import { NetworkControl } from './controls';
import type { MediaAccess, ProxyAccess, StreamUrls } from './media-access';
import { phoneLines, withSign } from '../media';
import { lanOptions, MediaSession, MediaStreams, type LanOptions, type MediaOptions, type OpenedResources } from './media-session';
import { realPageTimers, type PageTimers } from './page-timers';
import { RigDisposedError, RigError } from './rig-errors';
import { streamKey } from './stream-key';
import type { Settler, World } from './world';

export interface MediaWorldOptions {
  readonly media: MediaOptions;
  readonly params: ModelParams;
  readonly missingStream?: 'not-found' | 'wait';
  /** the rig's host map, when media options give none */
  readonly hosts?: readonly string[];
  readonly onIncident: (action: string, detail: Record<string, unknown>) => void;
  readonly onServerEvent: (event: string, key: string, detail?: Readonly<Record<string, unknown>>) => void;
  /** what the fault proxy did: toxics added and removed, connections opened and closed */
  readonly onProxyEvent?: (e: ProxyEvent) => void;
  /** the phone's network profile: toxics on the fault proxy from ready() on */
  readonly network?: NetworkProfile | string;
  /** a problem of the world itself (an encoder that would not start …) */
  readonly onProblem: (e: Error) => void;
}

export class MediaWorld implements World {
  readonly kind = 'media' as const;
  readonly clock = new RealClock();
  readonly link: MediaLink;
  readonly network: NetworkControl;
  readonly streams: MediaStreams;
  readonly media: MediaAccess;
  private readonly session: MediaSession;
  private readonly timers: PageTimers = realPageTimers();
  private readonly waits = new Set<() => void>();
  private readonly lanPrint: LanOptions | undefined;

  constructor(opts: MediaWorldOptions) {
    // A bad lan option fails here, before anything is built.
    this.lanPrint = lanOptions(opts.media.lan);
    // A profile that is none fails here, as in virtual time, not later when the proxy takes it.
    if (opts.network !== undefined) validateProfile(opts.network);
    const hosts = new HostMap(opts.media.hosts ?? opts.hosts);
    this.session = new MediaSession(opts.media, {
      missingStream: opts.missingStream ?? 'not-found',
      onServerEvent: opts.onServerEvent,
      onProblem: opts.onProblem,
      hosts,
      onProxyEvent: (e) => opts.onProxyEvent?.(e),
      // The profile goes on the wire as soon as there is a wire to put it on, before any page connects.
      onNetwork: () => {
        if (opts.network !== undefined) this.link.apply({ fault: 'useProfile', profile: opts.network });
      },
    });
    this.link = new MediaLink({
      clock: this.clock,
      transport: this.session.transport,
      hosts,
      connectTimeoutMs: opts.params.connectTimeoutMs,
      readWriteTimeoutMs: opts.params.readWriteTimeoutMs,
      proxied: true,
      onIncident: opts.onIncident,
    });
    this.network = new NetworkControl(this.link);
    this.streams = new MediaStreams(this.session, opts.params, opts.onIncident);
    const session = this.session;
    const urls = (keyOrUrl: string): StreamUrls => {
      const ep = session.endpoint;
      if (!ep)
        throw new RigError(
          `[live-harness] Failed to tell the URLs of ${JSON.stringify(keyOrUrl)}: the rig has no server yet. Await rig.ready() (or load a page) first.`,
        );
      const key = streamKey(keyOrUrl);
      const serverPath = session.transport.streamPath(key);
      const rtmp = `${ep.rtmpBase}${serverPath}`;
      const httpFlv = `${ep.flvBase}${serverPath}.flv`;
      // One sign for both URLs: they name the same stream path.
      const sign = ep.sign?.(serverPath);
      if (sign === undefined) return { key, serverPath, rtmp, httpFlv };
      return { key, serverPath, rtmp: withSign(rtmp, sign), httpFlv: withSign(httpFlv, sign), expiresAtMs: Number(sign.split('-')[0]) * 1000 };
    };
    this.media = {
      namespace: session.transport.opts.namespace,
      get proxy(): ProxyAccess | undefined {
        const p = session.proxy;
        if (!p) return undefined;
        return {
          endpoints: Object.fromEntries(p.routes.map((r) => [r, p.endpoint(r)])),
          addToxic: (t) => p.addToxic(t),
          removeToxic: (name) => p.removeToxic(name),
          toxics: () => p.toxics(),
          tag: (address, port, tags) => p.tag(address, port, tags),
        };
      },
      get endpoints() {
        const ep = session.endpoint;
        return ep ? { rtmp: ep.rtmpBase, httpFlv: ep.flvBase, describe: ep.describe, external: ep.kick === undefined } : undefined;
      },
      get lan() {
        return session.lan;
      },
      urls,
      phoneLines: (keys: readonly string[] = []): string[] => {
        const lan = session.lan;
        if (!lan)
          throw new RigError(
            "[live-harness] Failed to tell the phone's URLs: this rig does not serve the LAN. Create it with media: { lan: '<this machine's address>' } (or lan: true), and await rig.ready().",
          );
        // A proxy on the LAN too: the phone's URLs go through it (where the faults are), and its ports need opening.
        const p = session.proxy;
        const proxy = p?.lanHost ? { address: p.lanHost, rtmpPort: p.lanEndpoint('rtmp').port, httpPort: p.lanEndpoint('http-flv').port } : undefined;
        return phoneLines({ ...lan, ...(proxy ? { proxy } : {}) }, keys.map(urls));
      },
    };
  }

  private printed = false;

  pageScope(): Readonly<Record<string, unknown>> {
    return this.timers.scope();
  }

  async ready(): Promise<void> {
    await this.session.ready();
    // Once per rig, as soon as the server is up: the person holding the phone needs these before anything connects.
    if (this.lanPrint && !this.printed && this.session.lan) {
      this.printed = true;
      const print = this.lanPrint.print ?? ((line: string) => void process.stderr.write(`${line}\n`));
      for (const line of this.media.phoneLines(this.lanPrint.streams ?? [])) print(line);
    }
  }

  get opened(): OpenedResources {
    return this.session.opened;
  }

  async advance(ms: number, page: Settler): Promise<void> {
    await this.sleep(ms);
    await page.settle();
  }

  async advanceUntil(pred: () => boolean, budgetMs: number): Promise<void> {
    const limit = this.clock.now() + budgetMs;
    while (!pred()) {
      if (this.clock.now() >= limit)
        throw new RigError(
          `[live-harness] Failed to reach the awaited condition within ${budgetMs} ms of real time. Check the scenario, or raise the timeout.`,
        );
      await this.sleep(Math.min(20, Math.max(1, limit - this.clock.now())));
    }
  }

  /** Stop every wait, connection, anchor, encoder and the rig's own server, past errors; reports them all. */
  async dispose(): Promise<void> {
    for (const cancel of [...this.waits]) cancel();
    const errors: unknown[] = [];
    for (const step of [
      () => this.link.dispose(),
      () => this.streams.dispose(),
      () => this.session.dispose(),
      () => this.clock.clearAll(),
      () => this.timers.dispose(),
    ]) {
      try {
        await step();
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `[live-harness] Failed to stop real media cleanly: ${errors.length} errors.`);
  }

  /** A real wait that dispose() cuts short (with RigDisposedError). */
  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const cancel = (): void => {
        clearTimeout(timer);
        this.waits.delete(cancel);
        reject(new RigDisposedError());
      };
      const timer = setTimeout(() => {
        this.waits.delete(cancel);
        resolve();
      }, ms);
      this.waits.add(cancel);
    });
  }
}
