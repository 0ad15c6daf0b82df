/**
 * A seeded, fluid simulation of the phone's network and the streaming server.
 * Throughput, queues and buffers are computed per step from the profile;
 * faults of the vocabulary (faults.ts: cut, stall, DNS failure, refusal,
 * server close, reset …) change what the next connect attempt or the next
 * step sees. It interprets every verb: its list of known gaps is empty.
 */
import type { Clock, Random, TimerHandle } from '../../time';
import { FaultEnds } from '../fault-ends';
import { type Fault, type FaultVerb, type NetworkIncident, unknownFault } from '../faults';
import type {
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
  RoomPeerChange,
  StreamInfo,
  StreamTarget,
} from '../types';
import { targetMatches } from '../target';
import { BUILTIN_PROFILES, type NetworkProfile, validateProfile } from './network-profile';
import { findRoomUser, receivable, roomCredentialProblem, watchRoom } from './room-server';
import { type ServerStream, VirtualServer } from './virtual-server';

export interface VirtualLinkOptions {
  readonly clock: Clock;
  readonly random: Random;
  readonly connectTimeoutMs: number;
  readonly readWriteTimeoutMs: number;
  readonly profile?: NetworkProfile | string;
  /** What a CDN does when a player asks for a key nobody publishes: 404 at once, or hold the request open. */
  readonly missingStream?: 'not-found' | 'wait';
  /** The anchor's send queue drops its oldest media beyond this (frame skipping). */
  readonly maxSendQueueMs?: number;
  /** How far an HTTP-FLV edge runs behind the origin (CDN relay, Q12); default 0. */
  readonly flvEdgeLagMs?: number;
  /** Told of every incident, so the rig can put it on the timeline. */
  readonly onIncident?: (kind: string, detail: Record<string, unknown>) => void;
  /**
   * Which hosts resolve (the rig's host map, as on real media); absent, every host does.
   * A host that does not fails as a DNS lookup does, never reaching the server.
   */
  readonly hosts?: { resolves(host: string): boolean; readonly patterns: readonly string[] };
}

export interface Resource {
  readonly ok: boolean;
  readonly durationMs?: number;
}

type Conn = PublishConn | PlayConn;

interface Flags {
  cut: boolean;
  stall: boolean;
  /** a stall that also loses the phone's hang-ups: the server keeps ghosts */
  partition: boolean;
  refuse: boolean;
  handshakeFail: boolean;
  dnsFail: Set<string>;
  dnsFailAll: boolean;
}

export class VirtualLink implements Link, FaultInterpreter {
  readonly server: VirtualServer;
  private profileState: NetworkProfile;
  private readonly flags: Flags = { cut: false, stall: false, partition: false, refuse: false, handshakeFail: false, dnsFail: new Set(), dnsFailAll: false };
  private readonly conns = new Set<Conn>();
  /** starts of the current profile's incidents not yet due: a new profile drops them */
  private incidentTimers: TimerHandle[] = [];
  /** ends of timed faults: only restore() or the same fault again replaces them, never a profile change */
  private readonly ends: FaultEnds;
  /** thaws of frozen remote anchors: they outlive profile changes */
  private readonly thaws = new Set<TimerHandle>();
  private readonly resources = new Map<string, Resource>();
  /** the server's pings of ghost publishes (see endPublish) */
  private readonly ghostPings = new Set<TimerHandle>();

  constructor(readonly opts: VirtualLinkOptions) {
    this.server = new VirtualServer(() => opts.clock.now());
    this.ends = new FaultEnds(opts.clock);
    this.profileState = validateProfile(opts.profile ?? BUILTIN_PROFILES.wifi);
    this.scheduleIncidents(this.profileState);
  }

  get clock(): Clock {
    return this.opts.clock;
  }

  get profile(): NetworkProfile {
    return this.profileState;
  }

  // ---- faults (what rig.network drives) ----

  apply(fault: Fault): void {
    switch (fault.fault) {
      case 'cut':
        return this.cut(fault.forMs);
      case 'restore':
        return this.restore();
      case 'stall':
        return this.stall(fault.forMs);
      case 'partition':
        return this.partition(fault.forMs);
      case 'failDns':
        return this.failDns(fault.host, fault.forMs);
      case 'refuse':
        return this.refuse(fault.forMs);
      case 'failHandshake':
        return this.failHandshake(fault.forMs);
      case 'serverClose':
        return this.serverClose(fault.target);
      case 'reset':
        return this.reset(fault.target);
      case 'shape': {
        const { fault: _verb, ...conditions } = fault;
        return this.set(conditions);
      }
      case 'useProfile':
        return this.useProfile(fault.profile);
      default:
        return unknownFault(fault);
    }
  }

  knownGaps(): readonly FaultVerb[] {
    return [];
  }

  useProfile(input: NetworkProfile | string): void {
    this.profileState = validateProfile(input);
    this.scheduleIncidents(this.profileState);
    this.note('profile', { name: this.profileState.name });
  }

  set(partial: Partial<Omit<NetworkProfile, 'name' | 'incidents'>>): void {
    this.profileState = validateProfile({ ...this.profileState, ...partial, incidents: [] }, 'network change');
    this.note('set', { ...partial });
  }

  /** The phone loses its network: open sockets break, connects in flight fail, lookups fail. */
  cut(forMs?: number): void {
    this.flags.cut = true;
    this.note('cut', timed(forMs));
    this.ends.set('cut', forMs, () => this.expire('cut', {}, () => (this.flags.cut = false)));
    for (const c of [...this.conns]) c.breakDown(this.rtt() / 2);
  }

  /** Packets vanish without an error (black hole): transfers and connects hang until their timeouts. */
  stall(forMs?: number): void {
    this.flags.stall = true;
    this.note('stall', { forMs });
    this.ends.set('stall', forMs, () => this.unstall());
  }

  unstall(): void {
    this.ends.cancel('stall');
    if (!this.flags.stall) return;
    this.flags.stall = false;
    this.note('unstall', {});
  }

  /**
   * A stall that also loses what the phone hangs up meanwhile: a publish the
   * phone gives up on stays on the server as a ghost, holding its key.
   */
  partition(forMs?: number): void {
    this.flags.partition = true;
    this.note('partition', timed(forMs));
    this.ends.set('partition', forMs, () => this.expire('partition', {}, () => (this.flags.partition = false)));
  }

  failDns(host?: string, forMs?: number): void {
    const h = host?.toLowerCase();
    if (h) this.flags.dnsFail.add(h);
    else this.flags.dnsFailAll = true;
    this.note('dns-fail', { host: host ?? '*', ...timed(forMs) });
    this.ends.set(`failDns ${h ?? '*'}`, forMs, () =>
      this.expire('failDns', { host: host ?? '*' }, () => (h ? this.flags.dnsFail.delete(h) : (this.flags.dnsFailAll = false))),
    );
  }

  refuse(forMs?: number): void {
    this.flags.refuse = true;
    this.note('refuse', timed(forMs));
    this.ends.set('refuse', forMs, () => this.expire('refuse', {}, () => (this.flags.refuse = false)));
  }

  failHandshake(forMs?: number): void {
    this.flags.handshakeFail = true;
    this.note('handshake-fail', timed(forMs));
    this.ends.set('failHandshake', forMs, () => this.expire('failHandshake', {}, () => (this.flags.handshakeFail = false)));
  }

  /** Undo every lasting fault, and forget when the timed ones would have ended; the profile's steady conditions stay. */
  restore(): void {
    this.unstall();
    this.ends.clear();
    this.flags.cut = false;
    this.flags.partition = false;
    this.flags.refuse = false;
    this.flags.handshakeFail = false;
    this.flags.dnsFail.clear();
    this.flags.dnsFailAll = false;
    this.note('restore', {});
  }

  /** The server hangs up on connections (all, or those of one stream key / host). */
  serverClose(target?: string): void {
    this.note('server-close', { target: target ?? '*' });
    for (const c of [...this.conns]) if (c.state === 'open' && targetMatches(c.target, target)) c.closeAfter(0, c.hangUpReason);
  }

  /** The phone's sockets (all, or one key's / host's) break with a reset; connects in flight fail. */
  reset(target?: string): void {
    this.note('reset', { target: target ?? '*' });
    for (const c of [...this.conns]) if (targetMatches(c.target, target)) c.breakDown(0);
  }

  /** A timed fault ran out: undo it alone (restore() undoes them all). */
  private expire(verb: FaultVerb, scope: Record<string, unknown>, undo: () => void): void {
    undo();
    this.note('restore', { fault: verb, ...scope });
  }

  // ---- remote anchors and resources ----

  /** Someone outside the phone publishes `key` (e.g. the anchor a viewer watches). */
  publishRemote(key: string, info: StreamInfo): ServerStream {
    const s = this.server.publish(key, info, true);
    if (!s)
      throw new Error(
        `[live-harness] Failed to publish remote stream "${key}": it is already being published. Stop the other publisher first, or use another key.`,
      );
    this.note('remote-publish', { key });
    return s;
  }

  /** The remote anchor's uplink freezes for `forMs`: its connection stays, nothing is sent, then it goes on. */
  freezeRemote(key: string, forMs: number): void {
    if (!this.server.isLive(key))
      throw new Error(`[live-harness] Failed to freeze remote stream "${key}": nobody publishes it. Publish it first (streams: [{ key }] or { publish }).`);
    this.note('remote-freeze', { key, forMs });
    this.server.freeze(key);
    const thaw = this.clock.setTimer(forMs, () => {
      this.thaws.delete(thaw);
      this.note('remote-thaw', { key });
      this.server.thaw(key);
    });
    this.thaws.add(thaw);
  }

  /** A remote member turns its camera, microphone or second video (screen share) on or off. */
  setRemoteMedia(key: string, media: { video?: boolean; audio?: boolean; aux?: boolean }): void {
    if (!this.server.isLive(key))
      throw new Error(
        `[live-harness] Failed to change what remote stream "${key}" sends: nobody publishes it. Publish it first (streams: [{ key }] or { publish }).`,
      );
    this.note('remote-media', { key, ...media });
    this.server.setMedia(key, media);
  }

  unpublishRemote(key: string): void {
    this.note('remote-unpublish', { key });
    this.server.unpublish(key);
  }

  /** Declare how fetching a URL (BGM, waiting image) goes; unknown URLs load fine. */
  defineResource(url: string, r: Resource): void {
    this.resources.set(url, r);
  }

  fetch(url: string, done: (r: ResourceResult) => void): void {
    const host = /^[a-z]+:\/\/([^/?#]+)/i.exec(url)?.[1]?.toLowerCase();
    const res = this.resources.get(url) ?? { ok: true, durationMs: 60_000 };
    if (host) {
      if (this.flags.cut || this.dnsFails(host)) return void this.clock.setTimer(this.rtt(), () => done({ ok: false, reason: 'dns' }));
      if (this.blackHole) return void this.clock.setTimer(this.opts.connectTimeoutMs, () => done({ ok: false, reason: 'timeout' }));
    }
    this.clock.setTimer(host ? this.rtt() * 3 : 5, () => done(res.ok ? { ok: true, durationMs: res.durationMs } : { ok: false, reason: 'not-found' }));
  }

  // ---- Link ----

  publish(target: StreamTarget, observer: PublishObserver): PublishConnection {
    const c = new PublishConn(this, target, observer);
    this.conns.add(c);
    this.connect(c);
    return c;
  }

  play(target: StreamTarget, observer: PlayObserver): PlayConnection {
    const c = new PlayConn(this, target, observer);
    this.conns.add(c);
    this.connect(c);
    return c;
  }

  /** Stop every timer and connection: nothing may outlive the rig. */
  dispose(): void {
    for (const t of this.incidentTimers) this.clock.clearTimer(t);
    this.incidentTimers = [];
    for (const t of this.thaws) this.clock.clearTimer(t);
    this.thaws.clear();
    for (const t of this.ghostPings) this.clock.clearTimer(t);
    this.ghostPings.clear();
    this.ends.clear();
    for (const c of [...this.conns]) c.close();
  }

  // ---- internals shared with connections ----

  /** @internal */ forget(c: object): void {
    this.conns.delete(c as Conn);
  }

  /** @internal */ rtt(): number {
    const p = this.profileState;
    return Math.max(1, this.opts.random.jitter(p.rttMs, p.rttMs > 0 ? Math.min(0.9, p.jitterMs / p.rttMs) : 0));
  }

  /** @internal */ conditions(): NetConditions {
    const p = this.profileState;
    return { rttMs: this.rtt(), jitterMs: p.jitterMs, lossPct: p.lossPct };
  }

  /** @internal usable rate in one direction right now, kbps (0 when nothing moves) */
  capacity(dir: 'up' | 'down'): number {
    if (this.flags.cut || this.blackHole) return 0;
    const p = this.profileState;
    const raw = dir === 'up' ? p.upKbps : p.downKbps;
    // TCP loses far more throughput than the loss share (Mathis et al.); a
    // square-root penalty keeps light loss mild and heavy loss crippling.
    const lossFactor = Math.max(0, 1 - Math.sqrt(p.lossPct / 100) * 1.2);
    return Math.max(0, this.opts.random.jitter(raw * lossFactor, 0.05));
  }

  /** Whether packets vanish (a stall or a partition). */
  private get blackHole(): boolean {
    return this.flags.stall || this.flags.partition;
  }

  /**
   * @internal The phone ends its publish of `key`. Behind a partition the
   * server never hears of it: the publish stays, a ghost, until the server's
   * next ping after the partition has lifted meets the phone's reset
   * (node-media-server pings every GHOST_PING_MS).
   */
  endPublish(key: string): void {
    if (!this.flags.partition) return this.server.unpublish(key);
    this.note('ghost', { key });
    const ping = (): void => {
      const h = this.clock.setTimer(GHOST_PING_MS, () => {
        this.ghostPings.delete(h);
        if (this.flags.partition) return ping();
        this.note('ghost-reset', { key });
        this.server.unpublish(key);
      });
      this.ghostPings.add(h);
    };
    ping();
  }

  /** @internal */ get readWriteTimeoutMs(): number {
    return this.opts.readWriteTimeoutMs;
  }

  /** @internal */ get flvEdgeLagMs(): number {
    return this.opts.flvEdgeLagMs ?? 0;
  }

  /** @internal */ get maxSendQueueMs(): number {
    return this.opts.maxSendQueueMs ?? 3000;
  }

  /** @internal */ get missingStream(): 'not-found' | 'wait' {
    return this.opts.missingStream ?? 'not-found';
  }

  private dnsFails(host: string): boolean {
    return this.flags.dnsFailAll || this.flags.dnsFail.has(host);
  }

  private connect(c: Conn): void {
    const rtt = this.rtt();
    const fail = (after: number, f: ConnectFailure): void => c.schedule(after, () => c.fail(f));
    if (this.flags.cut || this.dnsFails(c.target.host)) return fail(Math.max(rtt, 20), 'dns');
    const hosts = this.opts.hosts;
    if (hosts && c.target.protocol !== 'room' && !hosts.resolves(c.target.host)) {
      this.note('host-unknown', { host: c.target.host, hostMap: [...hosts.patterns] });
      return fail(Math.max(rtt, 20), 'dns');
    }
    if (this.blackHole) return fail(this.opts.connectTimeoutMs, 'timeout');
    if (this.flags.refuse) return fail(rtt, 'refused');
    if (this.flags.handshakeFail && c.target.protocol === 'rtmp') return fail(rtt * 1.5, 'handshake');
    if (c.target.protocol === 'room' && c instanceof PublishConn) {
      const bad = roomCredentialProblem(c.target.query);
      if (bad) return fail(rtt * 2, bad);
    }
    // TCP (1 RTT) + RTMP handshake C0C1/S0S1S2 (1 RTT); HTTP needs only TCP.
    const connectMs = c.target.protocol === 'rtmp' ? rtt * 2 : rtt;
    c.schedule(connectMs, () => {
      c.open();
      c.schedule(this.rtt(), () => c.ready());
    });
  }

  private scheduleIncidents(profile: NetworkProfile): void {
    for (const t of this.incidentTimers) this.clock.clearTimer(t);
    this.incidentTimers = [];
    for (const inc of profile.incidents ?? []) {
      // validateProfile gives every incident in the vocabulary's form, whichever form it was written in.
      const { atMs, ...fault } = inc as NetworkIncident;
      this.incidentTimers.push(this.clock.setTimer(atMs, () => this.apply(fault)));
    }
  }

  private note(kind: string, detail: Record<string, unknown>): void {
    this.opts.onIncident?.(kind, detail);
  }
}

/** How often the server pings a publisher (node-media-server's rtmp.ping, 30 s): when a ghost meets the phone's reset. */
const GHOST_PING_MS = 30_000;

/** A timed fault's note says how long; an open-ended one keeps the detail it always had. */
function timed(forMs: number | undefined): Record<string, unknown> {
  return forMs === undefined ? {} : { forMs };
}

abstract class BaseConn {
  state: 'connecting' | 'open' | 'closed' = 'connecting';
  protected lastProgressMs: number;
  private readonly timers = new Set<TimerHandle>();

  constructor(
    protected readonly link: VirtualLink,
    readonly target: StreamTarget,
  ) {
    this.lastProgressMs = link.clock.now();
  }

  schedule(afterMs: number, fn: () => void): void {
    const h = this.link.clock.setTimer(afterMs, () => {
      this.timers.delete(h);
      if (this.state !== 'closed') fn();
    });
    this.timers.add(h);
  }

  closeAfter(ms: number, reason: CloseReason): void {
    this.schedule(ms, () => this.end(reason));
  }

  /**
   * The phone's side of the socket breaks (network lost, reset), noticed after
   * `afterMs`. As on real sockets (MediaConn.breakDown): an attempt that has not
   * reached its stream yet fails as refused; an established one closes with a reset.
   */
  breakDown(afterMs: number): void {
    if (this.state === 'closed') return;
    if (this.established) return this.closeAfter(afterMs, 'reset');
    // The steps of the attempt still to come (open, ready) will not happen.
    for (const h of this.timers) this.link.clock.clearTimer(h);
    this.timers.clear();
    this.schedule(afterMs, () => this.fail('refused'));
  }

  /** Whether the connection reached its stream: publishing, or receiving a stream the server has. */
  protected abstract get established(): boolean;

  /** What the phone hears when the server hangs up on it. */
  get hangUpReason(): CloseReason {
    return 'server-close';
  }

  conditions(): NetConditions {
    return this.link.conditions();
  }

  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.teardown();
    for (const h of this.timers) this.link.clock.clearTimer(h);
    this.timers.clear();
    this.link.forget(this);
  }

  /** A step that moved nothing for too long ends the connection, as a socket timeout would. */
  protected checkTimeout(moved: boolean): void {
    const now = this.link.clock.now();
    if (moved) this.lastProgressMs = now;
    else if (now - this.lastProgressMs >= this.link.readWriteTimeoutMs && this.state === 'open') this.closeAfter(0, 'timeout');
  }

  abstract fail(f: ConnectFailure): void;
  abstract open(): void;
  abstract ready(): void;
  protected abstract end(reason: CloseReason): void;
  protected abstract teardown(): void;
}

class PublishConn extends BaseConn implements PublishConnection {
  private stream: ServerStream | undefined;
  private queuedMs = 0;

  protected get established(): boolean {
    return this.stream !== undefined;
  }

  constructor(
    link: VirtualLink,
    target: StreamTarget,
    private readonly observer: PublishObserver,
  ) {
    super(link, target);
  }

  fail(f: ConnectFailure): void {
    this.close();
    this.observer.onFailed(f);
  }

  open(): void {
    this.state = 'open';
    this.lastProgressMs = this.link.clock.now();
    this.observer.onConnected();
  }

  ready(): void {
    const placeholder: StreamInfo = { hasVideo: true, hasAudio: true, videoKbps: 0, audioKbps: 0, fps: 0, gopSeconds: 2, width: 0, height: 0 };
    const s = this.link.server.publish(this.target.key, this.observer.streamInfo?.() ?? placeholder, false);
    if (!s) return this.fail('rejected');
    if (this.target.protocol === 'room') s.roomParams = { ...this.target.query };
    this.stream = s;
    this.lastProgressMs = this.link.clock.now();
    this.observer.onPublishing();
    if (this.target.protocol === 'room') this.watchRoom(s.key);
  }

  private unlisten: (() => void) | undefined;

  /** TRTC tells every member who else is in the room, now and as it changes (room-server.ts). */
  private watchRoom(ownKey: string): void {
    const tell = (change: RoomPeerChange): void => {
      if (this.state === 'open') this.observer.onRoomPeer?.(change);
    };
    this.unlisten = watchRoom(this.link.server, ownKey, tell, (fn) => this.schedule(0, fn));
  }

  send(dtMs: number, info: StreamInfo): PublishTick {
    const offeredKbps = (info.hasVideo ? info.videoKbps : 0) + (info.hasAudio ? info.audioKbps : 0);
    const capacityKbps = this.state === 'open' ? this.link.capacity('up') : 0;
    if (!this.stream || this.state !== 'open') return { sentMediaMs: 0, sentKbps: 0, queuedMs: this.queuedMs, droppedMs: 0, capacityKbps };
    // The room hears of a camera or microphone turned on or off (1033/1034 to the other members).
    if (info.hasVideo !== this.stream.info.hasVideo || info.hasAudio !== this.stream.info.hasAudio)
      this.link.server.setMedia(this.stream.key, { video: info.hasVideo, audio: info.hasAudio });
    this.stream.info = info;
    // Media enters the queue in real time; the uplink drains it at capacity.
    const drainMs = offeredKbps > 0 ? (dtMs * capacityKbps) / offeredKbps : dtMs;
    const backlog = this.queuedMs + dtMs;
    const sentMediaMs = Math.min(backlog, drainMs);
    let queued = backlog - sentMediaMs;
    let droppedMs = 0;
    if (queued > this.link.maxSendQueueMs) {
      droppedMs = queued - this.link.maxSendQueueMs;
      queued = this.link.maxSendQueueMs;
      this.stream.droppedMs += droppedMs;
    }
    this.queuedMs = queued;
    const now = this.link.clock.now();
    this.stream.edgeCaptureMs = now - queued - this.link.conditions().rttMs / 2;
    this.checkTimeout(sentMediaMs > 0 || offeredKbps === 0);
    return { sentMediaMs, sentKbps: dtMs > 0 ? (sentMediaMs * offeredKbps) / dtMs : 0, queuedMs: queued, droppedMs, capacityKbps };
  }

  message(text: string): void {
    if (this.stream) this.stream.messages.push({ atCaptureMs: this.link.clock.now(), text });
  }

  protected end(reason: CloseReason): void {
    this.close();
    this.observer.onClosed(reason);
  }

  protected teardown(): void {
    this.unlisten?.();
    this.unlisten = undefined;
    if (this.stream) this.link.endPublish(this.stream.key);
    this.stream = undefined;
  }
}

class PlayConn extends BaseConn implements PlayConnection {
  private stream: ServerStream | undefined;
  private receivedUpToMs = 0;
  private keyFrameSeen = false;
  private droppedSeen = 0;
  private messageIndex = 0;
  private unwatch: (() => void) | undefined;

  protected get established(): boolean {
    return this.stream !== undefined;
  }

  /** An HTTP-FLV response the server ends is just its end (as MediaConn hears it); RTMP has a session to close. */
  override get hangUpReason(): CloseReason {
    return this.target.protocol === 'http-flv' ? 'eof' : 'server-close';
  }

  constructor(
    link: VirtualLink,
    target: StreamTarget,
    private readonly observer: PlayObserver,
  ) {
    super(link, target);
  }

  fail(f: ConnectFailure): void {
    this.close();
    this.observer.onFailed(f);
  }

  open(): void {
    this.state = 'open';
    this.lastProgressMs = this.link.clock.now();
    this.observer.onConnected();
  }

  ready(): void {
    const s = this.target.protocol === 'room' ? findRoomUser(this.link.server, this.target.query.userid ?? '') : this.link.server.get(this.target.key);
    if (!s || !s.live) {
      if (this.link.missingStream === 'not-found') return this.fail('not-found');
      // Held open: the server sends the stream once someone publishes it.
      return this.schedule(100, () => this.ready());
    }
    this.stream = s;
    const edge = this.edge(s);
    // Servers keep the last GOP and send it first, so a viewer starts at a key frame behind the edge.
    const gopMs = Math.max(1, s.info.gopSeconds * 1000);
    const sinceStart = Math.max(0, edge - s.publishStartMs);
    this.receivedUpToMs = edge - (sinceStart % gopMs);
    this.droppedSeen = s.droppedMs;
    this.messageIndex = s.messages.length;
    this.lastProgressMs = this.link.clock.now();
    this.unwatch = this.link.server.watch(s.key, () => {
      // RTMP tells the player the stream ended; HTTP-FLV simply ends the response.
      this.closeAfter(this.link.conditions().rttMs / 2, this.target.protocol === 'rtmp' ? 'unpublished' : 'eof');
    });
    this.observer.onStreamBegin();
  }

  receive(dtMs: number): PlayTick {
    const s = this.stream;
    if (!s || this.state !== 'open') {
      return { receivedMediaMs: 0, receivedKbps: 0, capacityKbps: 0, keyFrameSeen: this.keyFrameSeen, gapMs: 0, arrivalDelayMs: undefined, stream: s?.info };
    }
    // A room member's stream arrives as the phone's own member receives it (recvmode).
    const info = this.target.protocol === 'room' ? receivable(this.link.server, s, this.target.query.streamtype, s.info) : s.info;
    const streamKbps = Math.max(1, (info.hasVideo ? info.videoKbps : 0) + (info.hasAudio ? info.audioKbps : 0));
    const capacityKbps = this.link.capacity('down');
    // Media the anchor never sent (it froze) is skipped, not waited for.
    for (const k of s.skips) if (this.receivedUpToMs >= k.fromMs && this.receivedUpToMs < k.toMs) this.receivedUpToMs = k.toMs;
    const capacityMs = (dtMs * capacityKbps) / streamKbps;
    const edge = this.edge(s);
    const backlog = Math.max(0, edge - this.receivedUpToMs);
    const got = Math.min(backlog, capacityMs);
    this.receivedUpToMs += got;
    if (got > 0) this.keyFrameSeen = true;
    const gapMs = got > 0 ? s.droppedMs - this.droppedSeen : 0;
    if (got > 0) this.droppedSeen = s.droppedMs;
    if (got > 0 && this.observer.onMessage) {
      while (this.messageIndex < s.messages.length && s.messages[this.messageIndex].atCaptureMs <= this.receivedUpToMs) {
        this.observer.onMessage(s.messages[this.messageIndex++].text);
      }
    }
    // No data while the anchor is merely slow is still silence on the socket.
    this.checkTimeout(got > 0);
    const now = this.link.clock.now();
    return {
      receivedMediaMs: got,
      receivedKbps: dtMs > 0 ? (got * streamKbps) / dtMs : 0,
      capacityKbps,
      keyFrameSeen: this.keyFrameSeen,
      gapMs,
      arrivalDelayMs: this.keyFrameSeen ? now - this.receivedUpToMs + this.link.conditions().rttMs / 2 : undefined,
      stream: info,
    };
  }

  /** The newest media this player can get: an HTTP-FLV edge serves the origin's a CDN lag late (Q12). */
  private edge(s: ServerStream): number {
    const edge = this.link.server.edge(s);
    return this.target.protocol === 'http-flv' ? Math.max(s.publishStartMs, edge - this.link.flvEdgeLagMs) : edge;
  }

  protected end(reason: CloseReason): void {
    this.close();
    this.observer.onClosed(reason);
  }

  protected teardown(): void {
    this.unwatch?.();
    this.unwatch = undefined;
    this.stream = undefined;
  }
}
