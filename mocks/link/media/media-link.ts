/**
 * The link on real media: every fact the model hears comes from a real
 * socket. A publish connects, is accepted, and sends what the encoder really
 * produced; a player hears real frames, and their real send times give the
 * network delay. The transport (harness/media) owns sockets and processes;
 * this class turns its wire facts into the link facts the model understands.
 */
import type { Clock, TimerHandle } from '../../time';
import { FaultEnds } from '../fault-ends';
import { FAULT_VERBS, type Fault, type FaultOf, type FaultVerb, type NetworkProfile, type NetworkShape, unknownFault } from '../faults';
import { BUILTIN_PROFILES, validateProfile } from '../virtual/network-profile';
import type {
  Capture,
  CaptureSettings,
  CloseReason,
  ConnectFailure,
  FaultInterpreter,
  Link,
  NetConditions,
  PlayConnection,
  PlayObserver,
  PlayTick,
  PublishConnection,
  PublishObserver,
  PublishTick,
  ResourceResult,
  StreamInfo,
  StreamTarget,
} from '../types';
import { targetMatches } from '../target';
import { HostMap, type HostRoute } from './host-map';
import {
  type MediaTransport,
  type WireCondition,
  type WireEnd,
  type WireFrame,
  type WireNetwork,
  type WirePlayer,
  type WirePublisher,
  type WirePublishStats,
  type WireTarget,
  ZERO_PUBLISH_STATS,
} from './wire';

export interface MediaLinkOptions {
  readonly clock: Clock;
  readonly transport: MediaTransport;
  /** hosts of page URLs that reach the rig's server; others fail as DNS does */
  readonly hosts?: HostMap;
  readonly connectTimeoutMs: number;
  readonly readWriteTimeoutMs: number;
  /** a fault proxy will be on the wire (a rig starts one in ready()): its verbs are no gaps, only not ready yet */
  readonly proxied?: boolean;
  /** Told of every incident, so the rig can put it on the timeline. */
  readonly onIncident?: (kind: string, detail: Record<string, unknown>) => void;
}

/**
 * How real media makes each fault of the vocabulary happen. 'proxy' marks
 * the verbs that need the fault proxy on the wire (the transport's network):
 * shaping, black holes, refusals, handshakes answered with garbage. Every verb
 * must have an entry.
 */
type MediaFaults = { readonly [V in FaultVerb]: { readonly how: (link: MediaLink, f: FaultOf<V>) => void; readonly proxy?: true } };

const MEDIA_FAULTS: MediaFaults = {
  cut: { how: (l, f) => l.cut(f.forMs) },
  restore: { how: (l) => l.restore() },
  stall: { how: (l, f) => l.hold('stall', 'stall', f.forMs), proxy: true },
  partition: { how: (l, f) => l.hold('partition', 'partition', f.forMs), proxy: true },
  failDns: { how: (l, f) => l.failDns(f.host, f.forMs) },
  refuse: { how: (l, f) => l.hold('refuse', 'refuse', f.forMs), proxy: true },
  failHandshake: { how: (l, f) => l.hold('handshake-garbage', 'handshake-fail', f.forMs), proxy: true },
  serverClose: { how: (l, f) => l.serverClose(f.target) },
  reset: { how: (l, f) => l.reset(f.target) },
  shape: { how: (l, f) => l.shape(f), proxy: true },
  useProfile: { how: (l, f) => l.useProfile(f.profile), proxy: true },
};

/** The verbs real media can make real only with a fault proxy on the wire (the rig always has one; a bare transport may not). */
export const MEDIA_GAPS: readonly FaultVerb[] = FAULT_VERBS.filter((v) => MEDIA_FAULTS[v].proxy === true);

export class MediaUnsupportedError extends Error {
  readonly code = 'LH_MEDIA_UNSUPPORTED';
  readonly fault: FaultVerb;
  constructor(fault: Fault) {
    super(
      `[live-harness] Failed to apply ${JSON.stringify(fault)} on real media: this link's transport has no fault proxy between the phone and the server, so it cannot shape, black-hole or refuse real traffic. ` +
        `Use a rig (it puts a fault proxy in front of its server), or the faults a bare transport has: ${FAULT_VERBS.filter((v) => !MEDIA_GAPS.includes(v)).join(', ')}.`,
    );
    this.name = 'MediaUnsupportedError';
    this.fault = fault.fault;
  }
}

/** A fault that needs the wire, applied before the rig's fault proxy is up. */
export class MediaNotReadyError extends Error {
  readonly code = 'LH_MEDIA_NOT_READY';
  constructor(fault: Fault) {
    super(
      `[live-harness] Failed to apply ${JSON.stringify(fault)} on real media: the fault proxy starts with the rig's server, and the rig is not ready yet. Await rig.ready() (loadPage does) before applying network faults.`,
    );
    this.name = 'MediaNotReadyError';
  }
}

/** The figures of a network that adds nothing to the machine's own. */
const LOOPBACK: NetworkShape = BUILTIN_PROFILES.loopback;

type Conn = MediaPublishConn | MediaPlayConn;

export class MediaLink implements Link, FaultInterpreter {
  private readonly hosts: HostMap;

  /** @internal the host map, for a connection that explains its DNS failure */
  get hostMap(): HostMap {
    return this.hosts;
  }
  private readonly conns = new Set<Conn>();
  private readonly resources = new Map<string, { ok: boolean; durationMs?: number }>();
  private cutOff = false;
  private dnsFailAll = false;
  private readonly dnsFail = new Set<string>();
  private readonly ends: FaultEnds;
  /** conditions held on the wire, by verb: how to release each */
  private readonly held = new Map<string, () => void>();
  private currentProfile: NetworkProfile | undefined;
  private shapeNow: NetworkShape = LOOPBACK;
  /** the current profile's incidents not yet due */
  private readonly incidents = new Set<TimerHandle>();

  constructor(readonly opts: MediaLinkOptions) {
    this.hosts = opts.hosts ?? new HostMap();
    this.ends = new FaultEnds(opts.clock);
  }

  /** The profile in force (useProfile), if any. */
  get profile(): NetworkProfile | undefined {
    return this.currentProfile;
  }

  get clock(): Clock {
    return this.opts.clock;
  }

  get transport(): MediaTransport {
    return this.opts.transport;
  }

  // ---- Link ----

  capture(settings: CaptureSettings): Capture {
    return this.opts.transport.capture(settings);
  }

  publish(target: StreamTarget, observer: PublishObserver, capture?: Capture, who?: string): PublishConnection {
    const c = new MediaPublishConn(this, target, observer, capture, who);
    this.conns.add(c);
    c.start();
    return c;
  }

  play(target: StreamTarget, observer: PlayObserver, who?: string): PlayConnection {
    const c = new MediaPlayConn(this, target, observer, who);
    this.conns.add(c);
    c.start();
    return c;
  }

  /** Resources the component fetches itself (BGM, waiting image): declared outcomes, the host map decides DNS. */
  fetch(url: string, done: (r: ResourceResult) => void): void {
    const host = /^[a-z]+:\/\/([^/?#]+)/i.exec(url)?.[1]?.toLowerCase();
    const res = this.resources.get(url) ?? { ok: true, durationMs: 60_000 };
    if (host && this.unreachable(host)) return void this.clock.setTimer(1, () => done({ ok: false, reason: 'dns' }));
    this.clock.setTimer(5, () => done(res.ok ? { ok: true, durationMs: res.durationMs } : { ok: false, reason: 'not-found' }));
  }

  // ---- faults (what rig.network drives on real media) ----

  apply(fault: Fault): void {
    const entry = MEDIA_FAULTS[fault.fault] as { how: (link: MediaLink, f: Fault) => void; proxy?: true } | undefined;
    if (!entry) return unknownFault(fault as never);
    if (entry.proxy && !this.opts.transport.network) {
      if (this.opts.proxied) throw new MediaNotReadyError(fault);
      throw new MediaUnsupportedError(fault);
    }
    entry.how(this, fault);
  }

  /** What this link cannot make real: nothing with a fault proxy on the wire; the proxy's verbs without one. */
  knownGaps(): readonly FaultVerb[] {
    return this.opts.transport.network || this.opts.proxied ? [] : MEDIA_GAPS;
  }

  private get net(): WireNetwork {
    return this.opts.transport.network as WireNetwork;
  }

  /** @internal A lasting condition on the wire (stall, refuse, handshake garbage) for `forMs` or until restore(). */
  hold(condition: WireCondition, timeline: string, forMs?: number): void {
    this.held.get(condition)?.();
    this.held.set(condition, this.net.hold(condition));
    this.note(timeline, forMs === undefined ? {} : { forMs });
    this.ends.set(condition, forMs, () => {
      this.held.get(condition)?.();
      this.held.delete(condition);
      this.note('restore', { fault: timeline });
    });
  }

  /** The network's steady conditions: the figures given change, the others keep their values. */
  shape(change: Partial<NetworkShape>): void {
    const given = Object.fromEntries(Object.entries(change).filter(([k, v]) => k !== 'fault' && v !== undefined));
    this.shapeNow = { ...this.shapeNow, ...given } as NetworkShape;
    this.note('set', given);
    this.net.shape(sameAs(this.shapeNow, LOOPBACK) ? undefined : this.shapeNow);
  }

  /** Switch to a profile: its steady conditions on the wire, and its incidents on its own schedule from now. */
  useProfile(input: string | NetworkProfile): void {
    const p = validateProfile(input);
    this.currentProfile = p;
    for (const h of this.incidents) this.clock.clearTimer(h);
    this.incidents.clear();
    this.note('profile', { name: p.name });
    this.shapeNow = { rttMs: p.rttMs, jitterMs: p.jitterMs, upKbps: p.upKbps, downKbps: p.downKbps, lossPct: p.lossPct };
    this.net.shape(p.name === 'loopback' ? undefined : this.shapeNow);
    for (const inc of p.incidents ?? []) {
      const { atMs, ...fault } = inc as { atMs: number } & Fault;
      const h = this.clock.setTimer(atMs, () => {
        this.incidents.delete(h);
        this.apply(fault);
      });
      this.incidents.add(h);
    }
  }

  /** The phone loses its network: open sockets break, connects in flight fail, lookups fail until restore(). */
  cut(forMs?: number): void {
    this.cutOff = true;
    this.note('cut', forMs === undefined ? {} : { forMs });
    this.ends.set('cut', forMs, () => {
      this.cutOff = false;
      this.note('restore', { fault: 'cut' });
    });
    for (const c of [...this.conns]) c.breakDown('reset');
  }

  failDns(host?: string, forMs?: number): void {
    const h = host?.toLowerCase();
    if (h) this.dnsFail.add(h);
    else this.dnsFailAll = true;
    this.note('dns-fail', { host: host ?? '*', ...(forMs === undefined ? {} : { forMs }) });
    this.ends.set(`failDns ${h ?? '*'}`, forMs, () => {
      if (h) this.dnsFail.delete(h);
      else this.dnsFailAll = false;
      this.note('restore', { fault: 'failDns', host: host ?? '*' });
    });
  }

  restore(): void {
    this.ends.clear();
    for (const release of this.held.values()) release();
    this.held.clear();
    this.cutOff = false;
    this.dnsFailAll = false;
    this.dnsFail.clear();
    this.note('restore', {});
  }

  /** The server hangs up on the sessions of a stream key (all when undefined): a real kick, seen on the wire. */
  serverClose(target?: string): void {
    this.note('server-close', { target: target ?? '*' });
    const key = target === '*' ? undefined : target;
    for (const c of this.conns) if (key === undefined || c.target.key === key) c.kicked = true;
    this.opts.transport.kick(key);
  }

  /**
   * The phone's sockets (all, or one key's / host's) break with a reset.
   * Connects in flight fail on the phone's side; open connections learn of it
   * from the wire (the proxy's RST), as a phone does.
   */
  reset(target?: string): void {
    this.note('reset', { target: target ?? '*' });
    const net = this.opts.transport.network;
    for (const c of [...this.conns]) if (targetMatches(c.target, target) && (!net || !c.established)) c.breakDown('reset');
    if (!net) return;
    const scope = target === undefined || target === '*' ? undefined : target;
    net.reset(scope === undefined ? undefined : scope.includes('/') ? { key: scope } : { host: scope.toLowerCase() });
  }

  defineResource(url: string, r: { ok: boolean; durationMs?: number }): void {
    this.resources.set(url, r);
  }

  /** Close every connection: nothing may outlive the rig. */
  dispose(): void {
    this.ends.clear();
    for (const h of this.incidents) this.clock.clearTimer(h);
    this.incidents.clear();
    for (const c of [...this.conns]) c.close();
  }

  // ---- internals shared with connections ----

  /** @internal whether a host cannot be looked up right now (network cut, DNS failing, or not in the host map) */
  unreachable(host: string): boolean {
    return this.cutOff || this.dnsFailAll || this.dnsFail.has(host.toLowerCase()) || !this.hosts.resolves(host);
  }

  /** @internal whether the phone's path is a black hole right now */
  get stalled(): boolean {
    return this.held.has('stall') || this.held.has('partition');
  }

  /** @internal where a page's host leads (the host map) */
  route(host: string): HostRoute | undefined {
    return this.hosts.resolve(host);
  }

  /** @internal */ forget(c: Conn): void {
    this.conns.delete(c);
  }

  /** @internal */ note(kind: string, detail: Record<string, unknown>): void {
    this.opts.onIncident?.(kind, detail);
  }
}

/** What both observers share: how a connection attempt fails and how a connection ends. */
interface EndObserver {
  onFailed(f: ConnectFailure): void;
  onClosed(r: CloseReason): void;
}

abstract class MediaConn<W extends { close(): void; abort(): void }> {
  protected state: 'connecting' | 'session' | 'streaming' | 'closed' = 'connecting';
  protected wire: W | undefined;
  protected abstract readonly observer: EndObserver;
  protected startedAt: number;
  protected rttMs: number | undefined;
  /** the rig asked the server to close this session (serverClose) */
  kicked = false;

  /** past its session's start: a break now is a broken connection, not a failed attempt */
  get established(): boolean {
    return this.state === 'streaming';
  }
  private tcp = false;
  private readonly timers = new Set<TimerHandle>();

  constructor(
    protected readonly link: MediaLink,
    readonly target: StreamTarget,
    private readonly who: string | undefined,
  ) {
    this.startedAt = link.clock.now();
  }

  protected wireTarget(): WireTarget | undefined {
    const p = this.target.protocol;
    if (p === 'room') return undefined;
    const route = this.link.route(this.target.host);
    return {
      protocol: p,
      key: this.target.key,
      query: this.target.query,
      connectTimeoutMs: this.link.opts.connectTimeoutMs,
      host: this.target.host,
      ...(this.who ? { who: this.who } : {}),
      ...(route && route !== 'server' ? { endpoint: route } : {}),
    };
  }

  /** Route the target, or fail it the way the phone would. Returns false when it will not connect. */
  protected routed(): boolean {
    if (this.target.protocol === 'room') {
      this.link.note('unsupported', {
        url: this.target.url,
        why: "room:// (TRTC) needs Tencent's RTC servers; real media here speaks RTMP and HTTP-FLV. Run TRTC stories in virtual time.",
      });
      this.schedule(1, () => this.fail('rejected'));
      return false;
    }
    if (this.link.unreachable(this.target.host)) {
      const hosts = this.link.hostMap;
      if (!hosts.resolves(this.target.host)) this.link.note('host-unknown', { host: this.target.host, hostMap: [...hosts.patterns] });
      this.schedule(1, () => this.fail('dns'));
      return false;
    }
    return true;
  }

  protected schedule(ms: number, fn: () => void): TimerHandle {
    const h = this.link.clock.setTimer(ms, () => {
      this.timers.delete(h);
      if (this.state !== 'closed') fn();
    });
    this.timers.add(h);
    return h;
  }

  protected tcpConnected(): void {
    this.tcp = true;
    this.rttMs = Math.max(0.1, this.link.clock.now() - this.startedAt);
    // Connected but never accepted: the handshake (or the application) hangs. Behind a stalled path the
    // proxy still completes TCP (a kernel accepts before anyone reads), but what the phone meets is a
    // black hole: its connect times out, as a SYN nobody answers does.
    this.schedule(this.link.opts.connectTimeoutMs, () => {
      if (this.state === 'connecting') this.fail(this.link.stalled ? 'timeout' : 'handshake');
    });
  }

  /** How a socket that ended before or after its session turns into a link fact. */
  protected ended(how: WireEnd, protocol: 'rtmp' | 'http-flv'): void {
    if (this.state === 'connecting') return this.fail(!this.tcp ? (how === 'timeout' ? 'timeout' : 'refused') : 'handshake');
    if (this.state === 'session') return this.fail('not-found');
    let reason: CloseReason;
    // A kicked socket often ends in a reset rather than a clean close: the server closes it with the
    // phone's media unread in its buffer, and its kernel answers with RST. The link asked for the kick.
    if (how === 'closed' || (how === 'reset' && this.kicked)) reason = protocol === 'http-flv' ? 'eof' : 'server-close';
    else reason = how === 'timeout' ? 'timeout' : 'reset';
    this.end(reason);
  }

  conditions(): NetConditions {
    return { rttMs: this.rttMs ?? 0, jitterMs: this.jitterMs(), lossPct: 0 };
  }

  protected jitterMs(): number {
    return 0;
  }

  /**
   * The phone's side of the socket breaks (network lost, reset): an attempt
   * that has not reached its stream yet fails as refused (the server never
   * said "not found"), an established one closes.
   */
  breakDown(reason: CloseReason): void {
    if (this.state === 'closed') return;
    this.abortWire();
    if (this.state === 'connecting' || this.state === 'session') this.fail('refused');
    else this.end(reason);
  }

  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.wire?.close();
    this.wire = undefined;
    for (const h of this.timers) this.link.clock.clearTimer(h);
    this.timers.clear();
    this.link.forget(this as unknown as Conn);
  }

  private abortWire(): void {
    this.wire?.abort();
    this.wire = undefined;
  }

  fail(f: ConnectFailure): void {
    if (this.state === 'closed') return;
    this.close();
    this.observer.onFailed(f);
  }

  protected end(reason: CloseReason): void {
    if (this.state === 'closed') return;
    this.close();
    this.observer.onClosed(reason);
  }
}

class MediaPublishConn extends MediaConn<WirePublisher> implements PublishConnection {
  private last: WirePublishStats = ZERO_PUBLISH_STATS;

  constructor(
    link: MediaLink,
    target: StreamTarget,
    protected readonly observer: PublishObserver,
    private readonly capture: Capture | undefined,
    who: string | undefined,
  ) {
    super(link, target, who);
  }

  start(): void {
    if (!this.routed()) return;
    const wt = this.wireTarget();
    if (!wt || !this.capture) {
      this.link.note('unsupported', { url: this.target.url, why: "a publish on real media needs the pusher's capture (camera + encoder)" });
      this.schedule(1, () => this.fail('rejected'));
      return;
    }
    this.wire = this.link.transport.publish(wt, this.capture, {
      onTcpConnect: () => this.tcpConnected(),
      onSession: () => {
        if (this.state !== 'connecting') return;
        this.state = 'session';
        this.observer.onConnected();
      },
      onPublishing: () => {
        if (this.state !== 'session') return;
        this.state = 'streaming';
        this.last = this.wire?.stats() ?? ZERO_PUBLISH_STATS;
        this.observer.onPublishing();
      },
      onRejected: () => this.fail('rejected'),
      onEnd: (how) => {
        if (this.state === 'session') return this.fail('rejected');
        this.ended(how, 'rtmp');
      },
    });
  }

  send(dtMs: number, info: StreamInfo): PublishTick {
    const wire = this.wire;
    if (!wire || this.state !== 'streaming' || dtMs <= 0) return { sentMediaMs: 0, sentKbps: 0, queuedMs: 0, droppedMs: 0, capacityKbps: 0 };
    const fullFps = this.capture?.settings.fps ?? info.fps;
    wire.output({ video: info.hasVideo, audio: info.hasAudio, keyFramesOnly: info.hasVideo && info.fps > 0 && info.fps * 2 <= fullFps });
    const s = wire.stats();
    const p = this.last;
    this.last = s;
    const kbps = (bytes: number): number => (bytes * 8) / dtMs; // bytes per ms × 8 = kbit/s
    const sentKbps = kbps(s.bytesFlushed - p.bytesFlushed);
    const videoKbps = kbps(s.encodedVideoBytes - p.encodedVideoBytes);
    const audioKbps = kbps(s.encodedAudioBytes - p.encodedAudioBytes);
    const backlogged = s.queuedMediaMs > 300;
    // A socket says how much it sent, not how much more it could: only a
    // backlog proves the ceiling. Otherwise the uplink is at least 4× what is
    // offered, enough that the model neither adapts down nor warns 1101.
    const capacityKbps = backlogged ? sentKbps : Math.max(sentKbps, videoKbps + audioKbps) * 4;
    if (s.bytesQueued > 0 && this.link.transport.wallNow() - s.lastFlushWallMs >= this.link.opts.readWriteTimeoutMs)
      this.schedule(0, () => this.end('timeout'));
    return {
      sentMediaMs: Math.max(0, s.flushedMediaMs - p.flushedMediaMs),
      sentKbps,
      queuedMs: s.queuedMediaMs,
      droppedMs: Math.max(0, s.droppedMediaMs - p.droppedMediaMs),
      capacityKbps,
      measured: {
        videoKbps,
        audioKbps,
        fps: ((s.encodedVideoFrames - p.encodedVideoFrames) * 1000) / dtMs,
        queuedVideoFrames: s.queuedVideoFrames,
        queuedAudioFrames: s.queuedAudioFrames,
      },
    };
  }

  message(text: string): void {
    if (this.state === 'streaming') this.wire?.message(text);
  }
}

/** Media-time window for the stream's measured rates. */
const RATE_WINDOW_MS = 2000;
/** The longest step in media time one frame can make (a video frame at 5 fps, with slack). */
const MAX_FRAME_STEP_MS = 400;
/** Audio this long with no video at all, and the stream counts as audio-only (metadata may be missing). */
const AUDIO_ONLY_AFTER_MS = 1000;

class MediaPlayConn extends MediaConn<WirePlayer> implements PlayConnection {
  private pending: WireFrame[] = [];
  private recent: WireFrame[] = [];
  private upToMs: number | undefined;
  private keyFrameSeen = false;
  private lastSeq: number | undefined;
  private lastDelayMs: number | undefined;
  private delays: number[] = [];
  private size: { width: number; height: number } | undefined;
  private lastKeyMediaMs: number | undefined;
  private gopMs: number | undefined;
  private lastArrivalWallMs = 0;
  /** the metadata announced no video, or audio has flowed long without any */
  private audioOnly = false;
  private firstAudioMs: number | undefined;
  private videoSeen = false;

  constructor(
    link: MediaLink,
    target: StreamTarget,
    protected readonly observer: PlayObserver,
    who: string | undefined,
  ) {
    super(link, target, who);
  }

  start(): void {
    if (!this.routed()) return;
    const wt = this.wireTarget() as WireTarget;
    const flv = wt.protocol === 'http-flv';
    this.wire = this.link.transport.play(wt, {
      onTcpConnect: () => {
        this.tcpConnected();
        // HTTP has no handshake of its own: the TCP connection is the connection (2001).
        if (flv) this.accepted();
      },
      onSession: () => {
        if (!flv) this.accepted();
      },
      onFrame: (f) => this.frame(f),
      onUnpublished: () => this.end('unpublished'),
      onRejected: () => this.fail('not-found'),
      onEnd: (how) => this.ended(how, wt.protocol),
    });
  }

  private accepted(): void {
    if (this.state !== 'connecting') return;
    this.state = 'session';
    this.observer.onConnected();
  }

  private frame(f: WireFrame): void {
    if (this.state === 'closed') return;
    if (this.state === 'connecting') this.accepted();
    this.lastArrivalWallMs = f.arrivalWallMs;
    this.pending.push(f);
    if (this.state === 'session') {
      this.state = 'streaming';
      this.observer.onStreamBegin();
      this.watchdog();
    }
  }

  /** A stream that stops delivering for the read/write timeout is broken (3005 territory). */
  private watchdog(): void {
    const every = Math.min(1000, this.link.opts.readWriteTimeoutMs / 4);
    this.schedule(every, () => {
      if (this.link.transport.wallNow() - this.lastArrivalWallMs >= this.link.opts.readWriteTimeoutMs) return this.end('timeout');
      this.watchdog();
    });
  }

  receive(dtMs: number): PlayTick {
    const frames = this.pending;
    this.pending = [];
    let bytes = 0;
    let receivedMediaMs = 0;
    let gapMs = 0;
    let skippedFrames = 0;
    for (const f of frames) {
      bytes += f.bytes;
      if (f.kind === 'meta') {
        if (f.width && f.height) this.size = { width: f.width, height: f.height };
        if (f.hasVideo === false) this.audioOnly = true;
      }
      if (f.messages) for (const m of f.messages) this.observer.onMessage?.(m);
      if (f.header || f.kind === 'meta') continue;
      if (this.upToMs === undefined || f.mediaMs < this.upToMs - 10_000)
        this.upToMs = f.mediaMs; // first frame, or the publisher restarted its clock
      else if (f.mediaMs > this.upToMs) {
        const step = f.mediaMs - this.upToMs;
        // No frame spans this much: media was skipped upstream (a frozen anchor, frames dropped), not received.
        if (step > MAX_FRAME_STEP_MS) gapMs += step;
        else receivedMediaMs += step;
        this.upToMs = f.mediaMs;
      }
      if (f.kind === 'audio' && !this.videoSeen) {
        // Without a video track the first audio is the first thing to play.
        this.firstAudioMs ??= f.mediaMs;
        if (this.audioOnly || f.mediaMs - this.firstAudioMs >= AUDIO_ONLY_AFTER_MS) this.keyFrameSeen = true;
      }
      if (f.kind === 'video') {
        this.videoSeen = true;
        if (f.keyFrame) {
          this.keyFrameSeen = true;
          if (this.lastKeyMediaMs !== undefined && f.mediaMs > this.lastKeyMediaMs) this.gopMs = f.mediaMs - this.lastKeyMediaMs;
          this.lastKeyMediaMs = f.mediaMs;
        }
        if (f.seq !== undefined) {
          // Video frames the publisher skipped (its queue grew too old) while audio went on.
          if (this.lastSeq !== undefined && f.seq > this.lastSeq + 1) skippedFrames += f.seq - this.lastSeq - 1;
          this.lastSeq = f.seq;
        }
      }
      if (f.sentWallMs !== undefined) {
        this.lastDelayMs = Math.max(0, f.arrivalWallMs - f.sentWallMs);
        this.delays.push(this.lastDelayMs);
        if (this.delays.length > 50) this.delays.shift();
      }
      this.recent.push(f);
    }
    const newest = this.upToMs ?? 0;
    while (this.recent.length > 0 && this.recent[0].mediaMs < newest - RATE_WINDOW_MS) this.recent.shift();
    const stream = this.measure();
    const receivedKbps = dtMs > 0 ? (bytes * 8) / dtMs : 0;
    const needed = stream ? stream.videoKbps + stream.audioKbps : 0;
    // A player cannot see the link's ceiling either; while frames keep arriving
    // fresh it has room, and when they lag it has only what came in.
    const keepingUp = this.lastDelayMs === undefined || this.lastDelayMs < 1000;
    return {
      receivedMediaMs,
      receivedKbps,
      capacityKbps: keepingUp ? Math.max(receivedKbps, needed) * 2 : receivedKbps,
      keyFrameSeen: this.keyFrameSeen,
      gapMs: gapMs + (stream && stream.fps > 0 ? (skippedFrames * 1000) / stream.fps : 0),
      arrivalDelayMs: this.lastDelayMs,
      stream,
    };
  }

  /** Rates over the last seconds of media time: immune to the burst a GOP cache delivers at start. */
  private measure(): StreamInfo | undefined {
    const r = this.recent;
    if (r.length === 0) return undefined;
    const span = Math.max(1, r[r.length - 1].mediaMs - r[0].mediaMs);
    let vBytes = 0;
    let aBytes = 0;
    let vFrames = 0;
    for (const f of r) {
      if (f.kind === 'video') {
        vBytes += f.bytes;
        vFrames++;
      } else aBytes += f.bytes;
    }
    const hasVideo = vFrames > 0;
    return {
      hasVideo,
      hasAudio: aBytes > 0,
      videoKbps: (vBytes * 8) / span,
      audioKbps: (aBytes * 8) / span,
      fps: vFrames > 1 ? ((vFrames - 1) * 1000) / span : 0,
      gopSeconds: (this.gopMs ?? 0) / 1000,
      width: hasVideo ? (this.size?.width ?? 0) : 0,
      height: hasVideo ? (this.size?.height ?? 0) : 0,
    };
  }

  protected override jitterMs(): number {
    const d = this.delays;
    if (d.length < 2) return 0;
    const mean = d.reduce((s, x) => s + x, 0) / d.length;
    return d.reduce((s, x) => s + Math.abs(x - mean), 0) / d.length;
  }
}

function sameAs(a: NetworkShape, b: NetworkShape): boolean {
  return a.rttMs <= b.rttMs && a.jitterMs <= b.jitterMs && a.upKbps >= b.upKbps && a.downKbps >= b.downKbps && a.lossPct <= b.lossPct;
}
