/**
 * The real-media half of a rig: which server, the transport with this rig's
 * stream namespace, remote anchors, and the server's events on the timeline.
 * `ready()` does the slow, fallible part (ffmpeg, server start) once, before
 * any page connects; `dispose()` leaves no process and no port behind.
 */
import type { HostMap, StreamInfo } from '../../mocks/link';
import { FaultProxy, ProxyNetwork, type ProxyEvent, type StartedFaultProxy } from '../network';
import { nearest, type ModelParams } from '../../mocks/model';
import {
  endpointFromEnv,
  resolveLanAddress,
  localEndpoint,
  LocalMediaTransport,
  MediaServer,
  RemoteAnchor,
  resolveFfmpeg,
  sharedMediaServer,
  type ServerEndpoint,
  type ServerEvent,
  type StartedMediaServer,
} from '../media';
import { parseDuration } from '../assert';
import type { Duration, RemoteMedia, RemoteStreamOptions, StreamControl } from './controls';
import { streamKey } from './stream-key';

export interface MediaOptions {
  /**
   * Which server: 'shared' (default: one embedded server per process, started
   * on first use), 'own' (a server for this rig alone, stopped with it), or an
   * endpoint. LIVE_HARNESS_SERVER=rtmp://… overrides 'shared'.
   */
  readonly server?: 'shared' | 'own' | ServerEndpoint;
  /** hosts of page URLs routed to the server (default: *.livepush/liveplay.myqcloud.com, localhost) */
  readonly hosts?: readonly string[];
  /**
   * The rig's stream namespace on the server. Each rig gets a fresh one, so
   * rigs sharing a server never meet; give two rigs the same one (e.g.
   * `{ namespace: anchor.media.namespace }`) and they are two phones of one
   * story, watching each other's streams by the page's own URLs.
   */
  readonly namespace?: string;
  /**
   * A latency toxic on what players receive, ms — every player, or per player
   * (`{ 'player#far': 1500 }`): the fault proxy delays their bytes on the wire.
   * How a test checks that latency figures follow the wire.
   */
  readonly receiveDelayMs?: number | Readonly<Record<string, number>>;
  /**
   * A phone on the LAN uses this rig's server (a device session). Never by
   * default (nor with `false`): the server binds 127.0.0.1 unless asked. `true` binds this
   * machine's one LAN address, a string that address; the rig then runs a
   * server of its own there, every URL carries node-media-server's expiring
   * sign, and the URLs the phone must use are printed once the server is up.
   */
  readonly lan?: boolean | string | LanOptions;
  /**
   * What the embedded server does with the phone's publish to a key another
   * session still holds (after a silent partition, the phone's own ghost):
   * 'reject' it as "already publishing" (the default, as node-media-server,
   * SRS and nginx-rtmp do) or 'kick' the old session. Other servers ignore it.
   */
  readonly publishTaken?: 'reject' | 'kick';
  /** The fault proxy between the phone and the server. `lanHost`: also listen on this address (a phone on the LAN); never by default. */
  readonly proxy?: { readonly lanHost?: string };
}

export interface LanOptions {
  /** the address to bind: one of this machine's (`true`: its one LAN address) */
  readonly address: true | string;
  /** fixed ports, to open in a firewall once (dynamic when unset) */
  readonly rtmpPort?: number;
  readonly httpPort?: number;
  /** how long each sign is valid, ms (default 6 h); a URL the phone holds longer is refused */
  readonly signValidForMs?: number;
  /** stream keys (`live/abc`) whose push and play URLs are printed with the server's */
  readonly streams?: readonly string[];
  /** where the URLs are printed (default: stderr, which jest and the CLI both show) */
  readonly print?: (line: string) => void;
}

/** Where a rig serves a phone: the bound address and ports, and how long a sign lasts. */
export interface LanBinding {
  readonly address: string;
  readonly rtmpPort: number;
  readonly httpPort: number;
  readonly signValidForMs: number;
}

const LAN_KEYS = ['address', 'rtmpPort', 'httpPort', 'signValidForMs', 'streams', 'print'] as const;

export function lanOptions(lan: MediaOptions['lan']): LanOptions | undefined {
  if (lan === undefined || lan === false) return undefined;
  if (lan === true || typeof lan === 'string') return { address: lan };
  if (typeof lan === 'object' && lan !== null) {
    for (const key of Object.keys(lan)) {
      if ((LAN_KEYS as readonly string[]).includes(key)) continue;
      const near = nearest(key, LAN_KEYS);
      throw new MediaSessionError(
        `[live-harness] Failed to start real media: lan.${key} is not an option.${near ? ` Did you mean "${near}"?` : ''} lan takes ${LAN_KEYS.join(', ')}.`,
      );
    }
    return lan;
  }
  throw new MediaSessionError(
    `[live-harness] Failed to start real media: lan ${JSON.stringify(lan)} is not true, an address or { address }. Pass e.g. lan: '192.168.1.20' (see "live-harness doctor --lan <address>").`,
  );
}

export class MediaSessionError extends Error {
  readonly code = 'LH_MEDIA_SESSION';
}

let counter = 0;

const SERVER_EVENTS: Partial<Record<ServerEvent['event'], string>> = {
  postPublish: 'publish',
  donePublish: 'unpublish',
  postPlay: 'play',
  donePlay: 'play-stop',
  // Only on a server signing its URLs (lan): someone used an unsigned or expired URL.
  unauthorized: 'unauthorized',
  publishTaken: 'publish-taken',
};

/** What the rig opened (and must close), for teardown checks and reports. */
export interface OpenedResources {
  /** the server the rig used, described */
  readonly server: string | undefined;
  /** every process the rig started: its own server, encoders */
  readonly pids: readonly number[];
  /** ports the rig itself listened on */
  readonly ports: readonly number[];
}

export class MediaSession {
  readonly transport: LocalMediaTransport;
  private current: ServerEndpoint | undefined;
  private own: StartedMediaServer | undefined;
  private readying: Promise<void> | undefined;
  private unsubscribe: (() => void) | undefined;
  private disposed = false;
  private lanBinding: LanBinding | undefined;
  private faultProxy: StartedFaultProxy | undefined;

  constructor(
    private readonly opts: MediaOptions,
    private readonly hooks: {
      readonly missingStream: 'not-found' | 'wait';
      readonly onServerEvent: (event: string, key: string, detail?: Readonly<Record<string, unknown>>) => void;
      readonly onProblem: (e: Error) => void;
      /** the page URLs' hosts: bound to the fault proxy once it listens */
      readonly hosts: HostMap;
      /** what the fault proxy did (timeline source `proxy`) */
      readonly onProxyEvent: (e: ProxyEvent) => void;
      /** the proxy is in place: faults on the wire work from now on */
      readonly onNetwork?: () => void;
    },
  ) {
    const namespace = opts.namespace ?? `${(++counter).toString(36)}${Math.random().toString(36).slice(2, 7)}`;
    // The server comes in ready(); pages load only after it, so nothing connects before.
    this.transport = new LocalMediaTransport({
      namespace,
      missingStream: hooks.missingStream,
      ...(opts.publishTaken ? { publishTaken: opts.publishTaken } : {}),
      onError: (e) => hooks.onProblem(e),
    });
  }

  ready(): Promise<void> {
    this.readying ??= this.start();
    return this.readying;
  }

  private async start(): Promise<void> {
    resolveFfmpeg(); // a missing ffmpeg fails here, with the fix, before any page runs
    const lan = lanOptions(this.opts.lan);
    const choice = this.opts.server ?? (lan ? 'own' : 'shared');
    let endpoint: ServerEndpoint;
    if (lan) return this.startOnLan(lan, choice);
    const fromEnv = choice === 'shared' ? endpointFromEnv() : undefined;
    if (typeof choice === 'object') endpoint = choice;
    else if (fromEnv) endpoint = fromEnv;
    else if (choice === 'own') {
      this.own = await new MediaServer().start();
      endpoint = localEndpoint(this.own);
    } else if (choice === 'shared') endpoint = localEndpoint(await sharedMediaServer());
    else
      throw new MediaSessionError(
        `[live-harness] Failed to start real media: server ${JSON.stringify(choice)} is not 'shared', 'own' or an endpoint. Leave it unset for the shared embedded server.`,
      );
    await this.use(endpoint);
  }

  /** A server of this rig's own on the LAN address, signed, and the URLs printed. */
  private async startOnLan(lan: LanOptions, choice: MediaOptions['server']): Promise<void> {
    if (choice !== 'own')
      throw new MediaSessionError(
        `[live-harness] Failed to start real media: lan asks for a server of the rig's own on the LAN, and server is ${typeof choice === 'string' ? JSON.stringify(choice) : 'an endpoint'}. Drop server (or set it to 'own'), or drop lan.`,
      );
    if (process.env.LIVE_HARNESS_SERVER)
      throw new MediaSessionError(
        `[live-harness] Failed to start real media: lan asks for the embedded server on the LAN, and LIVE_HARNESS_SERVER=${process.env.LIVE_HARNESS_SERVER} names another. Unset LIVE_HARNESS_SERVER for a device session, or drop lan.`,
      );
    const address = resolveLanAddress(lan.address);
    // Signed whatever the address: a loopback one here is a stand-in for the LAN (tests), and must behave as the LAN does.
    this.own = await new MediaServer({
      host: address,
      signedUrls: true,
      rtmpPort: lan.rtmpPort,
      httpPort: lan.httpPort,
      signValidForMs: lan.signValidForMs,
    }).start();
    this.lanBinding = { address, rtmpPort: this.own.rtmpPort, httpPort: this.own.httpPort, signValidForMs: this.own.signValidForMs as number };
    await this.use(localEndpoint(this.own));
  }

  private async use(endpoint: ServerEndpoint): Promise<void> {
    if (this.disposed) {
      await this.own?.stop();
      return;
    }
    // A proxy on the LAN in front of an unsigned server would relay anyone's publish and play: only a signed (lan) server gets one.
    if (this.opts.proxy?.lanHost && !this.lanBinding) {
      await this.own?.stop();
      throw new MediaSessionError(
        `[live-harness] Failed to start real media: proxy.lanHost ${JSON.stringify(this.opts.proxy.lanHost)} would open the fault proxy to the LAN in front of an unsigned server. Add media: { lan: ${JSON.stringify(this.opts.proxy.lanHost)} } so every URL is signed, or drop proxy.lanHost.`,
      );
    }
    // Every connection of the phone goes through the fault proxy: the host map sends the page's hosts to it.
    const proxy = await new FaultProxy({
      routes: { rtmp: hostPort(endpoint.rtmpBase, 1935), 'http-flv': hostPort(endpoint.flvBase, 80) },
      ...(this.opts.proxy?.lanHost ? { lanHost: this.opts.proxy.lanHost } : {}),
      onEvent: (e) => this.hooks.onProxyEvent(e),
    }).start();
    this.faultProxy = proxy;
    if (this.disposed) return void (await this.stopOwn());
    const network = new ProxyNetwork(proxy);
    this.transport.useNetwork(network, (address, port, tags) => {
      proxy.tag(address, port, tags);
      return () => proxy.delivered(address, port);
    });
    this.hooks.hosts.bind({ rtmp: proxy.endpoint('rtmp'), httpFlv: proxy.endpoint('http-flv') });
    const d = this.opts.receiveDelayMs;
    if (typeof d === 'number') network.delay('*', d);
    else for (const [who, ms] of Object.entries(d ?? {})) network.delay(who, ms);
    this.current = endpoint;
    this.transport.use(endpoint);
    this.hooks.onNetwork?.();
    this.unsubscribe = endpoint.onEvent?.((e) => {
      const name = SERVER_EVENTS[e.event];
      const key = e.streamPath === undefined ? undefined : this.transport.keyOf(e.streamPath);
      if (!name || key === undefined) return;
      // A publish that found its key taken: what the server did, and why, so the timeline shows the quirk.
      if (e.event === 'publishTaken') this.hooks.onServerEvent(name, key, { policy: e.policy, why: 'already publishing', holder: e.holder, newcomer: e.id });
      else this.hooks.onServerEvent(name, key);
    });
  }

  /** Where a phone reaches this rig's server, when it was asked to serve the LAN (after ready()). */
  get lan(): LanBinding | undefined {
    return this.lanBinding;
  }

  /** The fault proxy in front of the server, once ready() started it. */
  get proxy(): StartedFaultProxy | undefined {
    return this.faultProxy;
  }

  private async stopOwn(): Promise<void> {
    await this.faultProxy?.stop();
    await this.own?.stop();
  }

  /** The server this rig uses, once ready() chose it. */
  get endpoint(): ServerEndpoint | undefined {
    return this.current;
  }

  /** Which server this rig uses, and what it opened. */
  get opened(): OpenedResources {
    // A shared or external server is not this rig's to close; its own server is.
    const own = this.own;
    return {
      server: this.endpoint?.describe,
      pids: [...(own ? [own.pid] : []), ...this.transport.spawnedPids],
      ports: [...(own ? [own.rtmpPort, own.httpPort] : []), ...(this.faultProxy?.ports ?? [])],
    };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    // A start still under way (a timeout or Ctrl-C during it) must finish, so that its server is ours to stop.
    await this.readying?.catch(() => undefined);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await this.transport.dispose();
    await this.stopOwn();
  }
}

/** `rtmp://127.0.0.1:1935` → its host and port. */
function hostPort(base: string, defaultPort: number): { host: string; port: number } {
  const u = new URL(base);
  return { host: u.hostname.replace(/^\[|\]$/g, ''), port: u.port ? Number(u.port) : defaultPort };
}

/** Remote anchors on real media: a real encoder publishing to the real server. */
export class MediaStreams implements StreamControl {
  private readonly anchors = new Map<string, RemoteAnchor>();

  constructor(
    private readonly session: MediaSession,
    private readonly params: ModelParams,
    private readonly note: (action: string, detail: Record<string, unknown>) => void,
  ) {}

  async publish(keyOrUrl: string, o: RemoteStreamOptions = {}): Promise<void> {
    const key = streamKey(keyOrUrl);
    if (this.anchors.get(key)?.isLive)
      throw new MediaSessionError(
        `[live-harness] Failed to publish remote stream "${key}": it is already being published. Stop the other publisher first, or use another key.`,
      );
    await this.session.ready();
    const info = remoteInfo(o, this.params);
    const anchor = new RemoteAnchor(
      this.session.transport,
      key,
      {
        video: info.hasVideo,
        audio: 'tone',
        width: info.width,
        height: info.height,
        fps: info.hasVideo ? info.fps : 15,
        gopSeconds: info.gopSeconds,
        videoKbps: info.videoKbps,
        audioKbps: info.audioKbps,
        sampleRate: 48000,
      },
      (why) => this.note('remote-gone', { key, why }),
    );
    this.anchors.set(key, anchor);
    await anchor.start();
    this.note('remote-publish', { key });
  }

  async unpublish(keyOrUrl: string): Promise<void> {
    const key = streamKey(keyOrUrl);
    this.note('remote-unpublish', { key });
    const a = this.anchors.get(key);
    this.anchors.delete(key);
    await a?.stop();
  }

  async set(keyOrUrl: string, media: RemoteMedia): Promise<void> {
    // The encoder's inputs are fixed when it starts; TRTC rooms, where members turn these on and off, are virtual-time only.
    throw new MediaSessionError(
      `[live-harness] Failed to turn ${Object.keys(media).join('/') || 'nothing'} of remote stream "${streamKey(keyOrUrl)}" on or off: a real-media anchor's encoder keeps what it started with. Unpublish and publish it again with other options, or run the story in virtual time.`,
    );
  }

  async freeze(keyOrUrl: string, forMs: Duration): Promise<void> {
    const key = streamKey(keyOrUrl);
    const a = this.anchors.get(key);
    if (!a?.isLive)
      throw new MediaSessionError(
        `[live-harness] Failed to freeze remote stream "${key}": nobody publishes it. Publish it first (streams: [{ key }] or { publish }).`,
      );
    const ms = parseDuration(forMs);
    this.note('remote-freeze', { key, forMs: ms });
    a.freeze(ms, () => this.note('remote-thaw', { key }));
  }

  isLive(keyOrUrl: string): boolean {
    return this.anchors.get(streamKey(keyOrUrl))?.isLive === true;
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.anchors.values()].map((a) => a.stop()));
    this.anchors.clear();
  }
}

/** A remote anchor's stream from scenario options and the model's defaults. */
export function remoteInfo(o: RemoteStreamOptions, params: ModelParams): StreamInfo {
  return {
    hasVideo: !o.audioOnly,
    hasAudio: true,
    videoKbps: o.audioOnly ? 0 : (o.videoKbps ?? params.remoteStreamBitrateKbps),
    audioKbps: o.audioKbps ?? 64,
    fps: o.audioOnly ? 0 : (o.fps ?? 15),
    gopSeconds: o.gopSeconds ?? params.encoderGopSeconds,
    width: o.audioOnly ? 0 : (o.width ?? 540),
    height: o.audioOnly ? 0 : (o.height ?? 960),
  };
}
