/**
 * A pusher's camera + encoder on real media: one SyntheticSource, its video
 * frames numbered and every tag stamped with the wall time it left the
 * encoder. It lives from the pusher's start() to its stop(); reconnects only
 * attach new senders to it, as the real SDK keeps capturing while it reconnects.
 */
import type { Capture, CaptureSettings } from '../../mocks/link';
import { type FlvTag, isKeyFrame, isSequenceHeader, TAG_VIDEO } from './flv';
import { SyntheticSource } from './synthetic-source';

export interface CapturedTag {
  readonly tag: FlvTag;
  /** wall ms (Date.now) when the tag left the encoder */
  readonly wallMs: number;
  /** video frame number since the capture started (0 for other tags) */
  readonly seq: number;
}

export class CaptureSession implements Capture {
  private readonly source: SyntheticSource;
  private readonly listeners = new Set<(t: CapturedTag) => void>();
  private readonly readyListeners = new Set<() => void>();
  private videoSeq = 0;
  /** media since the newest key frame: what the SDK's send queue holds when a connection (re)starts */
  private gop: CapturedTag[] = [];
  private stopped: Promise<void> | undefined;
  private started = false;

  /** Throws at once when ffmpeg is missing or cannot encode what is asked. */
  constructor(
    readonly settings: CaptureSettings,
    private readonly onError: (e: Error) => void = () => undefined,
  ) {
    this.source = new SyntheticSource(settings);
    this.source.onTag((tag) => {
      const seq = tag.type === TAG_VIDEO ? ++this.videoSeq : 0;
      const t: CapturedTag = { tag, wallMs: Date.now(), seq };
      if (!isSequenceHeader(tag)) {
        if (isKeyFrame(tag)) this.gop = [];
        // Audio-only: no key frames, and nothing worth replaying on connect.
        if (settings.video) this.gop.push(t);
      }
      for (const l of this.listeners) l(t);
    });
  }

  /** Starts the encoder; resolves once its headers are known. */
  start(): Promise<this> {
    return this.source.start().then(
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

  get sequenceHeaders(): FlvTag[] {
    return this.source.sequenceHeaders;
  }

  /**
   * Media captured since the newest key frame. A connection that starts now
   * sends it first, as the SDK's queue holds what the encoder made while it
   * connected — so the first picture needs no wait for the next GOP.
   */
  get backlog(): readonly CapturedTag[] {
    return this.gop[0] && isKeyFrame(this.gop[0].tag) ? this.gop : [];
  }

  get pid(): number | undefined {
    return this.source.pid;
  }

  onTag(listener: (t: CapturedTag) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Model side: the pusher stopped. The process goes in the background; `stop()` awaits it. */
  close(): void {
    void this.stop();
  }

  stop(): Promise<void> {
    this.stopped ??= this.source.stop().then(() => {
      this.listeners.clear();
      this.readyListeners.clear();
    });
    return this.stopped;
  }
}
