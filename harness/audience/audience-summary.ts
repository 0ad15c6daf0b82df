/**
 * What an audience reports (results.json's `scenario.audience`, a load
 * shard's file): its counts, each figure as a mergeable histogram, and the
 * figures over time. Shards of one audience merge into one summary
 * (mergeSummaries) because every histogram adds exactly.
 */
import type { HistogramSummary } from './histogram';

export type AudienceProtocol = 'rtmp' | 'http-flv';

export interface AudienceHistograms {
  /** one sample per video frame carrying the publisher's in-band clock: arrival − send, ms */
  readonly latencyMs: HistogramSummary;
  /** one sample per viewer: from its connect to its first video frame, ms */
  readonly firstFrameMs: HistogramSummary;
  /** one sample per stall (a gap between video frames beyond the stall threshold): its length, ms */
  readonly stallMs: HistogramSummary;
  /** one sample per viewer per second watched: kbit received in that second */
  readonly rateKbps: HistogramSummary;
}

/** One second of the audience: how many watch, and how they fare. */
export interface AudiencePoint {
  /** ms since the audience started (on a rig, since the rig started: the timeline's `t`) */
  readonly t: number;
  readonly joined: number;
  readonly p50LatencyMs: number;
  readonly p95LatencyMs: number;
  /** viewers in a stall at that moment */
  readonly stalled: number;
}

/** A share of the audience behind its own fault path, reported apart from the rest. */
export interface AudienceGroupSummary {
  /** 'healthy' for viewers on the plain path; otherwise the fault's name (`3g`, `latency 500ms` …) */
  readonly name: string;
  readonly viewers: number;
  /** of them, viewers that received a first frame, and viewers whose connection ended early */
  readonly joined: number;
  readonly left: number;
  /** viewers that stalled at least once */
  readonly stalledViewers: number;
  readonly histograms: AudienceHistograms;
}

export interface AudienceSummary {
  /** the audience's id (`audience#<id>` on the timeline) */
  readonly id?: string;
  readonly stream: string;
  readonly protocol: AudienceProtocol;
  /** viewers asked for */
  readonly viewers: number;
  /** viewers that received a first frame */
  readonly joined: number;
  /** viewers whose connection ended before the audience stopped (server close, reset, refusal) */
  readonly left: number;
  /** viewers that stalled at least once */
  readonly stalledViewers: number;
  readonly histograms: AudienceHistograms;
  readonly series: readonly AudiencePoint[];
  /** per path: the healthy viewers and each faulted share; absent when the whole audience shares one path */
  readonly groups?: readonly AudienceGroupSummary[];
  /** on a sharded load run: which shards this summary covers */
  readonly shards?: { readonly of: number; readonly merged: readonly number[] };
}
