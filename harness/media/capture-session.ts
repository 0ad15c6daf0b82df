/**
 * A pusher's camera + encoder on real media: a SyntheticSource, its video
 * frames numbered and every tag stamped with the wall time it left the
 * encoder. It lives from the pusher's start() to its stop(); reconnects only
 * attach new senders to it, as the real SDK keeps capturing while it reconnects.
 *
 * The encoder's rate (and size) can change while it runs, as the SDK's does
 * when it adapts to the uplink. ffmpeg cannot change the rate of a running
 * x264, so a change starts a second encoder at the new settings and switches
 * to it at its first key frame, make-before-break: the old one keeps
 * producing until then, the new one's timestamps are moved to follow on from
 * the old one's, and its codec headers go out just before that key frame. A
 * player sees one continuous stream whose rate changes at a key frame.
 */
import type { Capture, CaptureSettings } from '../../mocks/link';
import { type FlvTag, isKeyFrame, isSequenceHeader, TAG_AUDIO, TAG_SCRIPT, TAG_VIDEO } from './flv';
import { SyntheticSource } from './synthetic-source';

export interface CapturedTag {
  readonly tag: FlvTag;
  /** wall ms (Date.now) when the tag left the encoder */
  readonly wallMs: number;
  /** video frame number since the capture started (0 for other tags) */
  readonly seq: number;
}

/** One encoder switch, as it happened. */
export interface EncoderSwitch {
  readonly from: CaptureSettings;
  readonly to: CaptureSettings;
  /** media time (the capture's own timeline) of the new encoder's first key frame */
  readonly atMediaMs: number;
  /** wall ms from the request to the switch: the new encoder's start-up */
  readonly tookMs: number;
}

/**
 * Changes smaller than this share of the current rate (at the same size) do
 * not start a new encoder: a process start costs more CPU than such a step is
 * worth, and the SDK's own encoder only approaches its target anyway.
 */
export const RETARGET_MIN_RATIO = 0.1;

interface Pending {
  readonly source: SyntheticSource;
  readonly settings: CaptureSettings;
  readonly askedAtWallMs: number;
  readonly headers: Map<number, FlvTag>;
}

export class CaptureSession implements Capture {
  private active: SyntheticSource;
  private current: CaptureSettings;
  private pending: Pending | undefined;
  /** the newest settings asked for while a switch was under way */
  private wanted: CaptureSettings | undefined;
  /** added to the active encoder's timestamps: where its media time sits on the capture's */
  private offsetMs = 0;
  private lastVideoMs = -Infinity;
  private lastAudioMs = -Infinity;
  private readonly headers = new Map<number, FlvTag>();
  private readonly listeners = new Set<(t: CapturedTag) => void>();
  private readonly readyListeners = new Set<() => void>();
  private readonly switchListeners = new Set<(s: EncoderSwitch) => void>();
  private readonly spawned: number[] = [];
  private readonly sources = new Set<SyntheticSource>();
  private videoSeq = 0;
  /** media since the newest key frame: what the SDK's send queue holds when a connection (re)starts */
  private gop: CapturedTag[] = [];
  private stopped: Promise<void> | undefined;
  private started = false;
  private switchCount = 0;

  /** Throws at once when ffmpeg is missing or cannot encode what is asked. */
  constructor(
    settings: CaptureSettings,
    private readonly onError: (e: Error) => void = () => undefined,
  ) {
    this.current = settings;
    this.active = this.source(settings);
  }

  /** What the encoder produces now (a switch under way still counts as the old settings). */
  get settings(): CaptureSettings {
    return this.current;
  }

  /** Encoder switches completed so far. */
  get switches(): number {
    return this.switchCount;
  }

  /** A new encoder, heard while it is the active one or the one being switched to. */
  private source(settings: CaptureSettings): SyntheticSource {
    const s = new SyntheticSource(settings);
    this.sources.add(s);
    s.onTag((tag) => {
      if (this.active === s) {
        if (isSequenceHeader(tag)) this.headers.set(tag.type, tag);
        this.emit(tag);
      } else if (this.pending?.source === s) this.fromPending(this.pending, tag);
    });
    return s;
  }

  /** Starts the encoder; resolves once its headers are known. */
  start(): Promise<this> {
    const started = this.active.start();
    if (this.active.pid !== undefined) this.spawned.push(this.active.pid);
    return started.then(
      () => {
        this.started = true;
        for (const l of this.readyListeners) l();
        this.readyListeners.clear();
        return this;
      },
      (e: Error) => {
        if (!this.stopped) this.onError(e);
        throw e;
      },
    );
  }

  /** Runs `fn` once the encoder's headers are known (at once if they are). */
  whenReady(fn: () => void): () => void {
    if (this.started) {
      fn();
      return () => undefined;
    }
    this.readyListeners.add(fn);
    return () => this.readyListeners.delete(fn);
  }

  /** The active encoder's codec headers and metadata, on the capture's timeline. */
  get sequenceHeaders(): FlvTag[] {
    return [...this.headers.values()];
  }

  /**
   * Media captured since the newest key frame. A connection that starts now
   * sends it first, as the SDK's queue holds what the encoder made while it
   * connected — so the first picture needs no wait for the next GOP.
   */
  get backlog(): readonly CapturedTag[] {
    return this.gop[0] && isKeyFrame(this.gop[0].tag) ? this.gop : [];
  }

  /** The active encoder's process. */
  get pid(): number | undefined {
    return this.active.pid;
  }

  /** Every encoder process this capture started, switched-from ones included. */
  get pids(): readonly number[] {
    return [...this.spawned];
  }

  onTag(listener: (t: CapturedTag) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onSwitch(listener: (s: EncoderSwitch) => void): () => void {
    this.switchListeners.add(listener);
    return () => this.switchListeners.delete(listener);
  }

  /**
   * Ask for new encoder settings (a rate, a size). A new encoder starts at
   * once and takes over at its first key frame; until then the old one goes
   * on. A request during a switch is kept and made once the switch is done.
   */
  retarget(settings: CaptureSettings): void {
    if (this.stopped || !this.current.video || !settings.video) return;
    if (this.pending) {
      this.wanted = settings;
      return;
    }
    if (!differs(this.current, settings)) return;
    let source: SyntheticSource;
    try {
      source = this.source(settings);
    } catch (e) {
      this.onError(e as Error);
      return;
    }
    const pending: Pending = { source, settings, askedAtWallMs: Date.now(), headers: new Map() };
    this.pending = pending;
    const started = source.start();
    if (source.pid !== undefined) this.spawned.push(source.pid);
    started.catch((e: Error) => {
      if (this.pending !== pending) return;
      this.pending = undefined;
      // Make-before-break: the old encoder never stopped, so the stream goes on at the old rate.
      if (!this.stopped) this.onError(e);
    });
  }

  private fromPending(p: Pending, tag: FlvTag): void {
    if (this.stopped) return;
    if (isSequenceHeader(tag)) {
      p.headers.set(tag.type, tag);
      return;
    }
    // Nothing of the new encoder goes out before its first key frame: that is the switch point.
    if (!isKeyFrame(tag)) return;
    const old = this.active;
    const from = this.current;
    const frameMs = 1000 / Math.max(1, from.fps);
    const next = Number.isFinite(this.lastVideoMs) ? this.lastVideoMs + frameMs : 0;
    this.offsetMs = Math.round(next - tag.timestamp);
    this.active = p.source;
    this.current = p.settings;
    this.pending = undefined;
    // New codec headers (and metadata when the size changed) just before the key frame they describe.
    for (const [type, h] of p.headers) {
      const before = this.headers.get(type);
      this.headers.set(type, h);
      if (type === TAG_SCRIPT && !sizeChanged(from, p.settings)) continue;
      if (before && before.data.equals(h.data) && type !== TAG_SCRIPT) continue;
      this.emit({ ...h, timestamp: tag.timestamp });
    }
    this.emit(tag);
    void old.stop();
    this.switchCount++;
    const done: EncoderSwitch = { from, to: p.settings, atMediaMs: this.lastVideoMs, tookMs: Date.now() - p.askedAtWallMs };
    for (const l of this.switchListeners) l(done);
    const wanted = this.wanted;
    this.wanted = undefined;
    if (wanted) this.retarget(wanted);
  }

  /** Put a tag of the active encoder on the capture's timeline and hand it out. */
  private emit(raw: FlvTag): void {
    let ts = Math.max(0, raw.timestamp + this.offsetMs);
    if (raw.type === TAG_AUDIO && !isSequenceHeader(raw)) {
      // Audio of the new encoder that would overlap the old one's last is dropped: time never runs back.
      if (ts <= this.lastAudioMs) return;
      this.lastAudioMs = ts;
    } else if (raw.type === TAG_VIDEO && !isSequenceHeader(raw)) {
      ts = Math.max(ts, Number.isFinite(this.lastVideoMs) ? this.lastVideoMs + 1 : 0);
      this.lastVideoMs = ts;
    }
    const tag = ts === raw.timestamp ? raw : { ...raw, timestamp: ts };
    const seq = tag.type === TAG_VIDEO && !isSequenceHeader(tag) ? ++this.videoSeq : 0;
    const t: CapturedTag = { tag, wallMs: Date.now(), seq };
    if (!isSequenceHeader(tag)) {
      if (isKeyFrame(tag)) this.gop = [];
      // Audio-only: no key frames, and nothing worth replaying on connect.
      if (this.current.video) this.gop.push(t);
    }
    for (const l of this.listeners) l(t);
  }

  /** Model side: the pusher stopped. The processes go in the background; `stop()` awaits them. */
  close(): void {
    void this.stop();
  }

  stop(): Promise<void> {
    // Every encoder ever started, switched-from ones included: stop() is idempotent on each.
    this.stopped ??= Promise.all([...this.sources].map((s) => s.stop())).then(() => {
      this.pending = undefined;
      this.listeners.clear();
      this.readyListeners.clear();
      this.switchListeners.clear();
    });
    return this.stopped;
  }
}

function sizeChanged(a: CaptureSettings, b: CaptureSettings): boolean {
  return a.width !== b.width || a.height !== b.height;
}

/** Whether new settings are worth a new encoder. */
function differs(a: CaptureSettings, b: CaptureSettings): boolean {
  if (sizeChanged(a, b) || a.fps !== b.fps || a.gopSeconds !== b.gopSeconds) return true;
  return Math.abs(b.videoKbps - a.videoKbps) >= a.videoKbps * RETARGET_MIN_RATIO;
}
