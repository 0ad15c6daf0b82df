/**
 * Which of the loaded scenarios a run plays: a name filter (--grep) and a
 * shard of a CI matrix (--shard i/n). Sharding is deterministic and
 * independent of the order the paths were given in: every machine of the
 * matrix sorts the same list by the same key, so the shards together run
 * every scenario exactly once.
 */
import type { LoadedScenario } from './scenario-loader';

export interface Shard {
  /** 1-based */
  readonly index: number;
  readonly count: number;
}

export interface Selection {
  /** keep the scenarios whose name matches (or, with `invert`, does not) */
  readonly grep?: RegExp;
  readonly invert?: boolean;
  readonly shard?: Shard;
}

export class SelectionError extends Error {
  readonly code = 'LH_SELECTION';
}

/** `i/n` → a shard, 1 ≤ i ≤ n; anything else is a SelectionError naming it. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count)
    throw new SelectionError(
      `[live-harness] Failed to read the command line: --shard ${JSON.stringify(text)} is not a shard i/n with 1 ≤ i ≤ n. Pass e.g. --shard 1/3 on the first of three machines.`,
    );
  return { index, count };
}

/** The key shards are dealt by: the file, then the name (a file holds one scenario, but a list may repeat a file). */
export function shardKey(s: LoadedScenario): string {
  return `${s.file}\u0000${s.scenario.name}`;
}

/**
 * The scenarios a run plays, in the order given. With a shard, the list is
 * sorted by shardKey and dealt round-robin: scenario k (0-based, sorted)
 * goes to shard (k mod n) + 1, so shards differ in size by one at most.
 */
export function selectScenarios<T extends LoadedScenario>(scenarios: readonly T[], selection: Selection): T[] {
  const { grep, invert = false, shard } = selection;
  let out = grep ? scenarios.filter((s) => grep.test(s.scenario.name) !== invert) : [...scenarios];
  if (shard) {
    const sorted = [...out].sort((a, b) => (shardKey(a) < shardKey(b) ? -1 : shardKey(a) > shardKey(b) ? 1 : 0));
    const mine = new Set(sorted.filter((_, k) => k % shard.count === shard.index - 1));
    out = out.filter((s) => mine.has(s));
  }
  return out;
}
