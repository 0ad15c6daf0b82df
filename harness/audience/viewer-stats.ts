/**
 * One viewer's figures, kept where it runs (a worker thread): each sample
 * goes straight into its group's histograms; nothing per frame leaves the thread.
 */
import { flv } from '../media';
import type { AudienceHistograms } from './audience-summary';
import { Histogram } from './histogram';

/** A viewer is stalled when no video frame came for this long (a player's buffer of ~0.5 s runs dry). */
export const DEFAULT_STALL_MS = 500;

/** The histograms of one group of viewers (one path: healthy, or a faulted share). */
export class GroupFigures {
  readonly latencyMs = new Histogram();
  readonly firstFrameMs = new Histogram();
  readonly stallMs = new Histogram();
  readonly rateKbps = new Histogram();

  toJSON(): AudienceHistograms {
    return { latencyMs: this.latencyMs.toJSON(), firstFrameMs: this.firstFrameMs.toJSON(), stallMs: this.stallMs.toJSON(), rateKbps: this.rateKbps.toJSON() };
  }

  static merge(parts: readonly AudienceHistograms[]): AudienceHistograms {
    const g = new GroupFigures();
    for (const p of parts) {
      g.latencyMs.merge(p.latencyMs);
      g.firstFrameMs.merge(p.firstFrameMs);
      g.stallMs.merge(p.stallMs);
      g.rateKbps.merge(p.rateKbps);
    }
    return g.toJSON();
  }
}

/** How well a viewer kept up since the last mark (bench:load's rule). */
export interface KeepUp {
  readonly index: number;
  readonly group: number;
  readonly joined: boolean;
  readonly left: boolean;
  readonly stalled: boolean;
  /** video frames per second received since the mark */
  readonly fps: number;
  /** media time received over the wall time it took to arrive, since the mark (1 = real time) */
  readonly mediaPace: number;
  /** its own median latency over the whole watch, ms; null without a sample */
  readonly latencyP50Ms: number | null;
}

export class ViewerStats {
  private readonly startWallMs = Date.now();
  private firstFrameWallMs: number | undefined;
  private lastFrameWallMs = 0;
  private bytesThisTick = 0;
  private stalledEver = false;
  private markWallMs = Date.now();
  private framesSinceMark = 0;
  private firstMediaSinceMark: number | undefined;
  private firstWallSinceMark = 0;
  private lastMediaMs = 0;
  private readonly latency = new Histogram();
  joined = false;
  left = false;

  constructor(
    readonly index: number,
    readonly group: number,
    private readonly figures: GroupFigures,
    /** every latency sample also goes here: the audience's figure over time */
    private readonly window: { add(value: number): unknown },
    private readonly stallThresholdMs: number,
  ) {}

  tag(tag: flv.FlvTag, wallMs: number): void {
    this.bytesThisTick += tag.data.length + 15;
    if (tag.type !== flv.TAG_VIDEO || flv.isSequenceHeader(tag)) return;
    if (this.firstFrameWallMs === undefined) {
      this.firstFrameWallMs = wallMs;
      this.joined = true;
      this.figures.firstFrameMs.add(wallMs - this.startWallMs);
    } else {
      const gap = wallMs - this.lastFrameWallMs;
      if (gap > this.stallThresholdMs) {
        this.stalledEver = true;
        this.figures.stallMs.add(gap);
      }
    }
    this.lastFrameWallMs = wallMs;
    this.framesSinceMark++;
    if (this.firstMediaSinceMark === undefined) {
      this.firstMediaSinceMark = tag.timestamp;
      this.firstWallSinceMark = wallMs;
    }
    this.lastMediaMs = tag.timestamp;
    const clock = flv.readVideoClock(tag.data);
    if (clock) {
      const ms = wallMs - clock.wallMs;
      this.figures.latencyMs.add(ms);
      this.latency.add(ms);
      this.window.add(ms);
    }
  }

  /** Once a second: the second's received rate; whether it is stalled now. */
  tick(nowMs: number, tickMs: number): boolean {
    if (this.joined && !this.left) this.figures.rateKbps.add((this.bytesThisTick * 8) / tickMs);
    this.bytesThisTick = 0;
    return this.stalledNow(nowMs);
  }

  stalledNow(nowMs: number): boolean {
    return this.joined && !this.left && nowMs - this.lastFrameWallMs > this.stallThresholdMs;
  }

  /** The audience stops: a stall still going counts, as long as it has lasted. */
  finish(nowMs: number): void {
    if (this.stalledNow(nowMs)) {
      this.stalledEver = true;
      this.figures.stallMs.add(nowMs - this.lastFrameWallMs);
    }
  }

  mark(nowMs: number): void {
    this.markWallMs = nowMs;
    this.framesSinceMark = 0;
    this.firstMediaSinceMark = undefined;
  }

  keepUp(nowMs: number): KeepUp {
    const spanS = Math.max(1, nowMs - this.markWallMs) / 1000;
    // Media time against the wall time between the same two frames' arrivals: 1 when it keeps up.
    const arrivedMs = this.lastFrameWallMs - this.firstWallSinceMark;
    const mediaPace = this.firstMediaSinceMark === undefined || arrivedMs <= 0 ? 0 : (this.lastMediaMs - this.firstMediaSinceMark) / arrivedMs;
    return {
      index: this.index,
      group: this.group,
      joined: this.joined,
      left: this.left,
      stalled: this.stalledEver,
      fps: this.framesSinceMark / spanS,
      mediaPace,
      latencyP50Ms: this.latency.count ? this.latency.percentile(0.5) : null,
    };
  }

  get stalled(): boolean {
    return this.stalledEver;
  }
}
