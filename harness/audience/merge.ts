/**
 * One audience's summary from the summaries of its shards (`live-harness load
 * merge`): counts add, histograms add exactly (the same buckets everywhere),
 * paths merge by name. The series is second by second from each shard's
 * start: viewers and stalls add; a second's p50/p95 cannot be merged from
 * percentiles, so the merged one is the larger of the shards' (an upper bound).
 */
import type { AudienceGroupSummary, AudiencePoint, AudienceSummary } from './audience-summary';
import { GroupFigures } from './viewer-stats';

export class MergeError extends Error {
  readonly code = 'LH_AUDIENCE_MERGE';
}

function mergeSeries(all: readonly (readonly AudiencePoint[])[]): AudiencePoint[] {
  const out: AudiencePoint[] = [];
  const n = Math.max(0, ...all.map((s) => s.length));
  for (let i = 0; i < n; i++) {
    const at = all.map((s) => s[i]).filter((p) => p !== undefined);
    out.push({
      t: Math.max(...at.map((p) => p.t)),
      joined: at.reduce((a, p) => a + p.joined, 0),
      p50LatencyMs: Math.max(...at.map((p) => p.p50LatencyMs)),
      p95LatencyMs: Math.max(...at.map((p) => p.p95LatencyMs)),
      stalled: at.reduce((a, p) => a + p.stalled, 0),
    });
  }
  return out;
}

export function mergeSummaries(parts: readonly AudienceSummary[]): AudienceSummary {
  if (parts.length === 0)
    throw new MergeError(
      '[live-harness] Failed to merge audiences: there is nothing to merge. Pass the shard files each `live-harness load --shard i/n` wrote.',
    );
  const [first] = parts;
  for (const p of parts) {
    if (p.stream !== first.stream || p.protocol !== first.protocol)
      throw new MergeError(
        `[live-harness] Failed to merge audiences: one watched ${p.stream} over ${p.protocol}, another ${first.stream} over ${first.protocol}. Merge only the shards of one load run.`,
      );
  }
  const shardsOf = first.shards?.of;
  const merged = parts.flatMap((p) => p.shards?.merged ?? []).sort((a, b) => a - b);
  if (shardsOf !== undefined && new Set(merged).size !== merged.length)
    throw new MergeError(
      `[live-harness] Failed to merge audiences: shard ${merged.find((s, i) => merged.indexOf(s) !== i)} appears twice. Pass each shard's file once.`,
    );
  const names = [...new Set(parts.flatMap((p) => (p.groups ?? []).map((g) => g.name)))];
  const groups: AudienceGroupSummary[] = names.map((name) => {
    const gs = parts.flatMap((p) => (p.groups ?? []).filter((g) => g.name === name));
    return {
      name,
      viewers: gs.reduce((a, g) => a + g.viewers, 0),
      joined: gs.reduce((a, g) => a + g.joined, 0),
      left: gs.reduce((a, g) => a + g.left, 0),
      stalledViewers: gs.reduce((a, g) => a + g.stalledViewers, 0),
      histograms: GroupFigures.merge(gs.map((g) => g.histograms)),
    };
  });
  const sum = (k: 'viewers' | 'joined' | 'left' | 'stalledViewers'): number => parts.reduce((a, p) => a + p[k], 0);
  return {
    ...(first.id !== undefined ? { id: first.id } : {}),
    stream: first.stream,
    protocol: first.protocol,
    viewers: sum('viewers'),
    joined: sum('joined'),
    left: sum('left'),
    stalledViewers: sum('stalledViewers'),
    histograms: GroupFigures.merge(parts.map((p) => p.histograms)),
    series: mergeSeries(parts.map((p) => p.series)),
    ...(groups.length > 0 ? { groups } : {}),
    ...(shardsOf !== undefined ? { shards: { of: shardsOf, merged } } : {}),
  };
}
