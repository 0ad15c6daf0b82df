/**
 * The media link's transport on this machine: real ffmpeg captures, real
 * RTMP publishers, real RTMP and HTTP-FLV players against a real server
 * (the embedded node-media-server, or an external one). Each rig gets its own
 * namespace of stream keys, so rigs sharing one server never meet.
 */
import {
  type Capture,
  type CaptureSettings,
  type MediaTransport,
  type PlayWireEvents,
  type WireEvents,
  type WireNetwork,
  type WireOutput,
  type WirePlayer,
  type WirePublisher,
  type WireTarget,
  ZERO_PUBLISH_STATS,
} from '../../mocks/link';
import { CaptureSession } from './capture-session';
import { FlvPlayer } from './flv-client';
import { toWireFrame } from './frame-reader';
import type { ServerEndpoint } from './server-endpoint';
import { RtmpPlayer, RtmpPublisher } from './rtmp-client';
import { SendRegistry } from './send-registry';
import { StreamSender } from './stream-sender';

export interface MediaTransportOptions {
  /** the server; may be given later with use() (a rig learns it in ready()) */
  readonly endpoint?: ServerEndpoint;
  /** appended to every stream name on the server: a fresh key per rig */
  readonly namespace: string;
  readonly registry?: SendRegistry;
  /** what the server does for a key nobody publishes: answer "not found" at once, or hold the player until it appears */
  readonly missingStream?: 'not-found' | 'wait';
  /** what the embedded server does with a publish to a key still held by another session; absent = the server's default ('reject') */
  readonly publishTaken?: 'reject' | 'kick';
  /** the pusher's send queue skips video beyond this much media, ms */
  readonly maxSendQueueMs?: number;
  /** a capture that could not start (ffmpeg missing, bad settings) */
  readonly onError?: (e: Error) => void;
}

export class MediaTransportError extends Error {
  readonly code = 'LH_MEDIA_TRANSPORT';
}

/** Whose a connection is, as the transport tells the fault proxy. */
export interface WireTags {
  /** the participant (`player#far`) */
  readonly who?: string;
  readonly role?: 'pusher' | 'player';
  /** the page's stream key */
  readonly key: string;
  /** the page URL's host */
  readonly host?: string;
  /** a connection of the phone (not a remote anchor's) */
  readonly phone: boolean;
}

/**
 * Tells the fault proxy whose the connection from `address:port` is; returns
 * how to read the bytes the path has carried to the server on it so far.
 */
export type ConnectionTagger = (address: string, port: number, tags: WireTags) => () => number | undefined;

interface Closable {
  close(): void;
}

export class LocalMediaTransport implements MediaTransport {
  readonly registry: SendRegistry;
  private readonly captures = new Set<CaptureSession>();
  private readonly wires = new Set<Closable>();
  private readonly paths = new Set<string>();
  private readonly spawned = new Set<number>();
  private readonly suffix: string;
  private endpoint: ServerEndpoint | undefined;
  private tagger: ConnectionTagger | undefined;
  private net: WireNetwork | undefined;

  constructor(readonly opts: MediaTransportOptions) {
    if (!/^[a-z0-9]+$/i.test(opts.namespace))
      throw new MediaTransportError(
        `[live-harness] Failed to set up the media transport: namespace ${JSON.stringify(opts.namespace)} must be letters and digits only. Pass a short id.`,
      );
    this.registry = opts.registry ?? new SendRegistry();
    this.suffix = `-lh${opts.namespace}`;
    this.endpoint = opts.endpoint;
  }

  /** Point the transport at its server. */
  use(endpoint: ServerEndpoint): void {
    this.endpoint = endpoint;
  }

  /** The fault proxy in the phone's path: its network (faults on the wire), and how to tell it whose each connection is. */
  useNetwork(network: WireNetwork, tag: ConnectionTagger): void {
    this.net = network;
    this.tagger = tag;
  }

  get network(): WireNetwork | undefined {
    return this.net;
  }

  /** Tags a connection of `target` once its socket knows its local end. */
  private tagging(target: WireTarget, meter?: (delivered: () => number | undefined) => void): ((address: string, port: number) => void) | undefined {
    const tag = this.tagger;
    if (!tag) return undefined;
    const role = target.who?.startsWith('player#') ? 'player' : target.who?.startsWith('pusher#') ? 'pusher' : undefined;
    const tags: WireTags = {
      key: target.key,
      phone: target.endpoint !== undefined,
      ...(target.who !== undefined ? { who: target.who } : {}),
      ...(role ? { role } : {}),
      ...(target.host !== undefined ? { host: target.host } : {}),
    };
    return (address, port) => {
      const delivered = tag(address, port, tags);
      meter?.(delivered);
    };
  }

  private get ep(): ServerEndpoint {
    if (!this.endpoint)
      throw new MediaTransportError(
        '[live-harness] Failed to connect on real media: the rig has no server yet. Await rig.ready() (loadPage does) before anything connects.',
      );
    return this.endpoint;
  }

  /** `live/demo` → `/live/demo-lh<ns>`: the path the server knows this rig's stream by. */
  streamPath(key: string): string {
    return `/${key.replace(/^\/+/, '')}${this.suffix}`;
  }

  /** The page's key for one of this rig's server paths, or undefined for another rig's. */
  keyOf(streamPath: string): string | undefined {
    if (!streamPath.endsWith(this.suffix)) return undefined;
    return streamPath.slice(1, -this.suffix.length);
  }

  private url(target: WireTarget, publish = false): string {
    const path = this.streamPath(target.key);
    this.paths.add(path);
    const query = { ...target.query };
    // Read by our server entry (nms-entry.cjs); other servers ignore them.
    if (this.opts.missingStream === 'wait' && !publish) query.lh_missing = 'wait';
    if (this.opts.publishTaken && publish) query.lh_publish_taken = this.opts.publishTaken;
    // A signed server (a device session on the LAN) refuses a client without a valid sign: made per connect, so a reconnect hours later still passes.
    const sign = this.ep.sign?.(path);
    if (sign !== undefined) query.sign = sign;
    const qs = Object.entries(query)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join('&');
    // A page's connection goes where the host map sent its host (the fault proxy); an anchor's to the server.
    const at = target.endpoint ? (target.protocol === 'rtmp' ? target.endpoint.rtmp : target.endpoint.httpFlv) : undefined;
    const origin = at ? `${target.protocol === 'rtmp' ? 'rtmp' : 'http'}://${at.host}:${at.port}` : undefined;
    const base = target.protocol === 'rtmp' ? `${origin ?? this.ep.rtmpBase}${path}` : `${origin ?? this.ep.flvBase}${path}.flv`;
    return qs ? `${base}?${qs}` : base;
  }

  capture(settings: CaptureSettings): Capture {
    const report = (e: Error): void => this.opts.onError?.(e);
    let c: CaptureSession;
    try {
      c = this.track(new CaptureSession(settings, report));
    } catch (e) {
      report(e as Error);
      return { settings, close: () => undefined };
    }
    c.start().catch(() => undefined); // reported through onError
    this.remember(c);
    return c;
  }

  /** A capture for a publisher outside the phone: resolves once encoding, rejects with the encoder's own error. */
  async startCapture(settings: CaptureSettings): Promise<CaptureSession> {
    const c = this.track(new CaptureSession(settings));
    const started = c.start();
    this.remember(c);
    return started;
  }

  private track(c: CaptureSession): CaptureSession {
    this.captures.add(c);
    return c;
  }

  private remember(c: CaptureSession): void {
    for (const pid of c.pids) this.spawned.add(pid);
  }

  publish(target: WireTarget, capture: Capture, events: WireEvents): WirePublisher {
    if (!(capture instanceof CaptureSession)) {
      // The capture never started (reported already): a publish without media is refused as the SDK would never connect.
      const t = setTimeout(() => events.onEnd?.('refused'), 1);
      return { stats: () => ZERO_PUBLISH_STATS, output: () => undefined, message: () => undefined, close: () => clearTimeout(t), abort: () => clearTimeout(t) };
    }
    const streamPath = this.streamPath(target.key);
    // The publisher's callbacks need the sender, which needs the publisher: a holder breaks the cycle.
    const late: { sender?: StreamSender; publisher?: RtmpPublisher } = {};
    const pub = new RtmpPublisher(
      this.url(target, true),
      {
        onLocal: this.tagging(target, (delivered) => late.publisher?.meterPath(delivered)),
        onTcpConnect: () => events.onTcpConnect?.(),
        onSession: () => events.onSession?.(),
        onStarted: () => {
          late.sender?.begin();
          events.onPublishing?.();
        },
        onRejected: (why, notFound) => events.onRejected?.(why, notFound),
        onEnd: (how) => {
          late.sender?.stop();
          this.wires.delete(wire);
          events.onEnd?.(how);
        },
      },
      target.connectTimeoutMs,
    );
    late.publisher = pub;
    const s = new StreamSender(capture, pub, { streamPath, registry: this.registry, maxQueueMs: this.opts.maxSendQueueMs ?? 3000 });
    late.sender = s;
    const wire: WirePublisher = {
      stats: () => s.stats(),
      output: (o: WireOutput) => s.output(o),
      message: (text) => s.message(text),
      close: () => {
        s.stop();
        pub.close();
        this.wires.delete(wire);
      },
      abort: () => {
        s.stop();
        pub.abort();
        this.wires.delete(wire);
      },
    };
    this.wires.add(wire);
    pub.start();
    return wire;
  }

  play(target: WireTarget, events: PlayWireEvents): WirePlayer {
    const streamPath = this.streamPath(target.key);
    let open = true;
    const audioSentAt = (mediaMs: number): number | undefined => this.registry.lookup(streamPath, mediaMs);
    const handlers = {
      onLocal: this.tagging(target),
      onTcpConnect: () => open && events.onTcpConnect?.(),
      onSession: () => open && events.onSession?.(),
      onRejected: (why: string, notFound: boolean) => open && events.onRejected?.(why, notFound),
      onUnpublished: () => open && events.onUnpublished?.(),
      onTag: (tag: Parameters<typeof toWireFrame>[0], receivedWallMs: number) => {
        const frame = toWireFrame(tag, receivedWallMs, audioSentAt);
        if (frame && open) events.onFrame(frame);
      },
      onEnd: (how: Parameters<NonNullable<WireEvents['onEnd']>>[0]) => {
        this.wires.delete(wire);
        if (open) events.onEnd?.(how);
      },
    };
    const client =
      target.protocol === 'rtmp'
        ? new RtmpPlayer(this.url(target), handlers, target.connectTimeoutMs)
        : new FlvPlayer(this.url(target), handlers, target.connectTimeoutMs);
    const stop = (how: 'close' | 'abort'): void => {
      open = false;
      if (how === 'close') client.close();
      else client.abort();
      this.wires.delete(wire);
    };
    const wire: WirePlayer = { close: () => stop('close'), abort: () => stop('abort') };
    this.wires.add(wire);
    client.start();
    return wire;
  }

  kick(key?: string): void {
    const kick = this.ep.kick;
    if (!kick) {
      this.opts.onError?.(
        new MediaTransportError(
          `[live-harness] Failed to make the server close sessions: ${this.ep.describe} takes no orders from the rig. Use the embedded server for serverClose().`,
        ),
      );
      return;
    }
    const paths = key === undefined ? [...this.paths] : [this.streamPath(key)];
    for (const p of paths) void kick(p);
  }

  wallNow(): number {
    return Date.now();
  }

  /** pids of every encoder this transport started, running or not (teardown checks). */
  get spawnedPids(): number[] {
    // A capture that switched encoders (bitrate adaptation) started more than one.
    for (const c of this.captures) this.remember(c);
    return [...this.spawned];
  }

  /** Close every socket and wait until every encoder has exited. */
  async dispose(): Promise<void> {
    for (const w of [...this.wires]) w.close();
    this.wires.clear();
    for (const c of this.captures) this.remember(c);
    await Promise.all([...this.captures].map((c) => c.stop()));
    this.captures.clear();
    for (const p of this.paths) this.registry.forget(p);
  }
}
