/**
 * The world in virtual time: a seeded network and server on a virtual clock.
 * Time moves only when the test advances it, event by event, with page code
 * run between events; a 60 s story takes milliseconds and replays exactly.
 */
import { HostMap, type NetworkProfile, VirtualLink } from '../../mocks/link';
import type { ModelParams } from '../../mocks/model';
import { type Random, VirtualClock } from '../../mocks/time';
import { parseDuration } from '../assert';
import { NetworkControl, type Duration, type RemoteMedia, type RemoteStreamOptions, type StreamControl } from './controls';
import { remoteInfo, type OpenedResources } from './media-session';
import { ClockPageTimers, virtualDate } from './page-timers';
import { RigError } from './rig-errors';
import { streamKey } from './stream-key';
import type { Settler, World } from './world';

export interface VirtualWorldOptions {
  readonly random: Random;
  readonly params: ModelParams;
  readonly network?: NetworkProfile | string;
  readonly missingStream?: 'not-found' | 'wait';
  /** hosts of page URLs that resolve, as on real media (default DEFAULT_HOSTS) */
  readonly hosts?: readonly string[];
  /** route page timers and Date through the virtual clock (default true) */
  readonly virtualTimers?: boolean;
  /** the world's own events (incidents, the server's publish/play) for the timeline */
  readonly onIncident: (action: string, detail: Record<string, unknown>) => void;
  readonly onServerEvent: (event: string, key: string) => void;
}

const NO_RESOURCES: OpenedResources = Object.freeze({ server: undefined, pids: [], ports: [] });

export class VirtualWorld implements World {
  readonly kind = 'virtual' as const;
  readonly clock = new VirtualClock();
  readonly link: VirtualLink;
  readonly network: NetworkControl;
  readonly streams: StreamControl;
  readonly media = undefined;
  readonly opened = NO_RESOURCES;
  private readonly timers: ClockPageTimers | undefined;

  constructor(opts: VirtualWorldOptions) {
    this.link = new VirtualLink({
      clock: this.clock,
      random: opts.random,
      connectTimeoutMs: opts.params.connectTimeoutMs,
      readWriteTimeoutMs: opts.params.readWriteTimeoutMs,
      flvEdgeLagMs: opts.params.flvEdgeLagMs,
      profile: opts.network,
      missingStream: opts.missingStream,
      onIncident: opts.onIncident,
      hosts: new HostMap(opts.hosts),
    });
    this.link.server.listen({
      onPublish: (key) => opts.onServerEvent('publish', key),
      onUnpublish: (key) => opts.onServerEvent('unpublish', key),
      onPlay: (key) => opts.onServerEvent('play', key),
      onPlayStop: (key) => opts.onServerEvent('play-stop', key),
    });
    this.network = new NetworkControl(this.link);
    this.streams = new VirtualStreams(this.link, opts.params);
    if (opts.virtualTimers !== false) this.timers = new ClockPageTimers(this.clock, virtualDate(this.clock));
  }

  pageScope(): Readonly<Record<string, unknown>> {
    return this.timers?.scope() ?? {};
  }

  async ready(): Promise<void> {
    /* nothing to start */
  }

  async advance(ms: number, page: Settler): Promise<void> {
    const v = this.clock;
    const limit = v.now() + ms;
    await page.settle();
    while (v.step(limit)) {
      if (page.dirty) await page.settle();
    }
    v.moveTo(limit);
    await page.settle();
  }

  async advanceUntil(pred: () => boolean, budgetMs: number, page: Settler): Promise<void> {
    const v = this.clock;
    const limit = v.now() + budgetMs;
    await page.settle();
    while (!pred()) {
      if (!v.step(limit)) {
        throw new RigError(
          `[live-harness] Failed to reach the awaited condition: nothing left to happen before ${budgetMs} ms of virtual time passed. Check the scenario, or raise the timeout.`,
        );
      }
      if (page.dirty) await page.settle();
    }
  }

  async dispose(): Promise<void> {
    this.link.dispose();
    this.timers?.dispose();
  }
}

/** Remote anchors in virtual time: streams the virtual server holds. */
class VirtualStreams implements StreamControl {
  constructor(
    private readonly link: VirtualLink,
    private readonly params: ModelParams,
  ) {}

  async publish(keyOrUrl: string, o: RemoteStreamOptions = {}): Promise<void> {
    const s = this.link.publishRemote(streamKey(keyOrUrl), remoteInfo(o, this.params));
    if (o.smallStream) s.roomParams = { encsmall: '1' };
  }

  async unpublish(keyOrUrl: string): Promise<void> {
    this.link.unpublishRemote(streamKey(keyOrUrl));
  }

  async set(keyOrUrl: string, media: RemoteMedia): Promise<void> {
    this.link.setRemoteMedia(streamKey(keyOrUrl), { video: media.camera, audio: media.mic, aux: media.screen });
  }

  async freeze(keyOrUrl: string, forMs: Duration): Promise<void> {
    this.link.freezeRemote(streamKey(keyOrUrl), parseDuration(forMs));
  }

  isLive(keyOrUrl: string): boolean {
    return this.link.server.isLive(streamKey(keyOrUrl));
  }
}
