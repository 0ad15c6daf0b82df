/**
 * Who watches how: each viewer's path (the plain one or a faulted share's),
 * when it joins, and which shard runs it. Computed over the whole audience,
 * so the shards of a sharded run split the very same viewers.
 */
import type { AudienceProtocol } from './audience-summary';

/** An audience is bounded: no scenario or load run opens more than this many viewers per machine. */
export const MAX_VIEWERS = 5000;
/** A ramp is bounded too: the whole audience joins within this. */
export const MAX_RAMP_S = 600;

export type AudienceJoin = 'burst' | { readonly rampS: number };

export interface ShardSpec {
  /** 1-based */
  readonly index: number;
  readonly count: number;
}

export interface PlannedViewer {
  readonly index: number;
  /** 0: the plain path; k ≥ 1: the k-th faulted share */
  readonly group: number;
  readonly joinAtMs: number;
}

/**
 * Spread each share over the audience's indices (the one furthest behind its
 * share takes the next viewer), so a ramp and a shard meet every share alike.
 */
export function assignGroups(viewers: number, shares: readonly number[]): number[] {
  const want = shares.map((s) => Math.round(s * viewers));
  const total = want.reduce((a, b) => a + b, 0);
  const groups = [viewers - total, ...want];
  const given = groups.map(() => 0);
  const out: number[] = [];
  for (let i = 0; i < viewers; i++) {
    let best = -1;
    let bestDeficit = -Infinity;
    for (let g = 0; g < groups.length; g++) {
      if (given[g] >= groups[g]) continue;
      const deficit = ((i + 1) * groups[g]) / viewers - given[g];
      if (deficit > bestDeficit) {
        bestDeficit = deficit;
        best = g;
      }
    }
    given[best]++;
    out.push(best);
  }
  return out;
}

export function planViewers(viewers: number, shares: readonly number[], join: AudienceJoin, shard?: ShardSpec): PlannedViewer[] {
  const groups = assignGroups(viewers, shares);
  const rampMs = join === 'burst' ? 0 : join.rampS * 1000;
  // Each path's viewers are dealt to the shards in turn (each path starting where the last one stopped),
  // so every shard gets its part of every share, and of the ramp, whatever the spacing of a share.
  const rank = new Map<number, number>();
  let dealt = 0;
  const shardOf = groups.map((g) => {
    const r = rank.get(g) ?? 0;
    rank.set(g, r + 1);
    return r;
  });
  const offset = new Map<number, number>();
  for (let g = 0; g <= shares.length; g++) {
    offset.set(g, dealt);
    dealt += rank.get(g) ?? 0;
  }
  const out: PlannedViewer[] = [];
  for (let i = 0; i < viewers; i++) {
    if (shard && (shardOf[i] + (offset.get(groups[i]) ?? 0)) % shard.count !== shard.index - 1) continue;
    out.push({ index: i, group: groups[i], joinAtMs: viewers > 1 ? Math.round((rampMs * i) / (viewers - 1)) : 0 });
  }
  return out;
}

export function protocolOf(value: unknown): AudienceProtocol | undefined {
  return value === 'rtmp' || value === 'http-flv' ? value : undefined;
}
