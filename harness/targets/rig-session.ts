/**
 * A Rig seen as a Session. The Rig's own API stays synchronous where it can
 * (it is public and documented); the Session interface is awaitable because
 * remote targets need round trips, so this is the thin adapter between them.
 */
import type { AudienceOptions, AudienceSummary } from '../audience';
import type { Fault } from '../../mocks/link';
import type { DeviceFault } from '../../mocks/model';
import { BrowserViewers, isBrowserTarget } from '../browser';
import type { Timeline } from '../record';
import type { Duration, LoadedPageHandle, OpenedResources, ParticipantMetrics, RemoteMedia, RemoteStreamOptions, Rig } from '../rig';
import { TargetError, type PageHandle, type Session, type SessionBrowsers, type SessionDevice, type SessionNetwork, type SessionStreams } from './target';

class RigPage implements PageHandle {
  constructor(readonly loaded: LoadedPageHandle) {}
  get route(): string {
    return this.loaded.route;
  }
  async getData(): Promise<Record<string, unknown>> {
    return this.loaded.data;
  }
  async call(method: string, ...args: unknown[]): Promise<unknown> {
    return this.loaded.call(method, ...args);
  }
  setData(patch: Record<string, unknown>): Promise<void> {
    return this.loaded.setData(patch);
  }
  tap(selector: string): Promise<void> {
    return this.loaded.tap(selector);
  }
  async text(selector: string): Promise<string | null> {
    return this.loaded.text(selector);
  }
  async hide(): Promise<void> {
    this.loaded.hide();
  }
  async show(): Promise<void> {
    this.loaded.show();
  }
}

export class RigSession implements Session {
  readonly network: SessionNetwork;
  readonly device: SessionDevice;
  readonly streams: SessionStreams;
  readonly browsers: SessionBrowsers | undefined;
  private viewers: BrowserViewers | undefined;

  constructor(readonly rig: Rig) {
    const net = rig.network;
    this.network = {
      apply: async (f: Fault) => net.apply(f),
      resource: async (url, r) => net.resource(url, r),
    };
    const dev = rig.device;
    this.device = {
      deny: async (what) => dev.deny(what),
      allow: async (what) => dev.allow(what),
      background: async () => dev.background(),
      foreground: async () => dev.foreground(),
      call: async () => dev.call(),
      endCall: async () => dev.endCall(),
      audioRoute: async (route) => dev.audioRoute(route),
      fault: async (name: DeviceFault) => dev.fault(name),
    };
    this.streams = {
      publish: (key: string, o?: RemoteStreamOptions) => rig.streams.publish(key, o),
      unpublish: (key: string) => rig.streams.unpublish(key),
      freeze: (key: string, forMs: Duration) => rig.streams.freeze(key, forMs),
      set: (key: string, media: RemoteMedia) => rig.streams.set(key, media),
    };
    // Browser viewers watch the rig's real streams through its fault proxy: real media only.
    this.browsers = rig.realMedia
      ? {
          add: async (v) => {
            await this.viewerHost().add(v);
          },
          targets: isBrowserTarget,
          apply: async (f) => {
            if (!this.viewers)
              throw new TargetError(
                `[live-harness] Failed to apply ${f.fault} to ${(f as { target?: string }).target}: this session has no browser viewers. Add them in setup.browserViewers.`,
              );
            this.viewers.apply(f);
          },
        }
      : undefined;
  }

  private viewerHost(): BrowserViewers {
    const rig = this.rig;
    this.viewers ??= new BrowserViewers({
      get media() {
        return rig.media;
      },
      record: (e) => rig.record(e),
    });
    return this.viewers;
  }

  get timeline(): Timeline {
    return this.rig.timeline;
  }
  get metrics(): Record<string, ParticipantMetrics> {
    return this.rig.metrics;
  }
  get problems(): readonly string[] {
    return this.rig.problems;
  }
  get realMedia(): boolean {
    return this.rig.realMedia;
  }
  get opened(): OpenedResources {
    return this.rig.opened;
  }
  ready(): Promise<void> {
    return this.rig.ready();
  }
  async loadPage(route: string, query?: Record<string, string>): Promise<PageHandle> {
    return new RigPage(await this.rig.loadPage(route, query));
  }
  back(): Promise<void> {
    return this.rig.back();
  }
  async context(page: PageHandle, source: string, method: string, args: Record<string, unknown> = {}): Promise<void> {
    if (!(page instanceof RigPage))
      throw new TargetError(
        `[live-harness] Failed to call ${source}.${method}(): the page handle is not from this session. Pass the handle loadPage() returned.`,
      );
    this.rig.context(page.loaded, source, method, args);
  }
  advance(d: Duration): Promise<void> {
    return this.rig.advance(d);
  }
  now(): number {
    return this.rig.now();
  }
  /** In process, everything is already up to date. */
  async sync(): Promise<void> {}
  async audience(options: AudienceOptions): Promise<void> {
    await this.rig.audience(options);
  }

  stopAudiences(): Promise<readonly AudienceSummary[]> {
    return this.rig.stopAudiences();
  }

  async dispose(): Promise<void> {
    // The viewers first: they read from the rig's server through its proxy.
    try {
      await this.viewers?.stop();
    } finally {
      await this.rig.dispose();
    }
  }
  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }
}
