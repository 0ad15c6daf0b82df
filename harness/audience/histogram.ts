/**
 * A latency (or any non-negative figure) distribution in fixed log-scale
 * buckets: 16 per doubling (each bucket ~4.4% wide), the same edges in every
 * process, so histograms from worker threads, shards and CI machines add up
 * exactly (merge is a sum of counts per bucket). Percentiles are read from
 * the buckets: within half a bucket (~2.2%) of the true value, and never
 * outside the observed min and max.
 */

/** Buckets per doubling of the value. */
export const BUCKETS_PER_DOUBLING = 16;
/** Values at or above this go in the last bucket (2^32: 49 days in ms, 4 Tbit/s in kbps). */
const MAX_INDEX = 1 + 32 * BUCKETS_PER_DOUBLING;

/** One bucket of the serialised form: the values in [from, to), and how many there were. */
export interface HistogramBucket {
  readonly from: number;
  readonly to: number;
  readonly count: number;
}

/** A histogram as data (results.json, shard files): its percentiles, and the buckets that make it mergeable. */
export interface HistogramSummary {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly min: number;
  readonly count: number;
  /** non-empty buckets, ascending */
  readonly buckets: readonly HistogramBucket[];
}

/** Bucket 0 holds [0, 1); bucket k ≥ 1 holds [2^((k-1)/16), 2^(k/16)). */
export function bucketIndex(value: number): number {
  if (!(value >= 1)) return 0; // negatives and NaN count as 0: a clock a hair ahead is no latency
  return Math.min(MAX_INDEX, 1 + Math.floor(BUCKETS_PER_DOUBLING * Math.log2(value)));
}

export function bucketFrom(index: number): number {
  return index === 0 ? 0 : 2 ** ((index - 1) / BUCKETS_PER_DOUBLING);
}

export function bucketTo(index: number): number {
  return index === 0 ? 1 : 2 ** (index / BUCKETS_PER_DOUBLING);
}

export class HistogramError extends Error {
  readonly code = 'LH_HISTOGRAM';
}

export class Histogram {
  private readonly counts = new Map<number, number>();
  private n = 0;
  private lo = Infinity;
  private hi = -Infinity;

  get count(): number {
    return this.n;
  }

  get max(): number {
    return this.n ? this.hi : 0;
  }

  get min(): number {
    return this.n ? this.lo : 0;
  }

  add(value: number, times = 1): this {
    if (!Number.isFinite(value) || times <= 0) return this;
    const v = Math.max(0, value);
    const k = bucketIndex(v);
    this.counts.set(k, (this.counts.get(k) ?? 0) + times);
    this.n += times;
    if (v < this.lo) this.lo = v;
    if (v > this.hi) this.hi = v;
    return this;
  }

  /** Add another histogram's counts (exact: same bucket edges everywhere). */
  merge(other: Histogram | HistogramSummary): this {
    const h = other instanceof Histogram ? other : Histogram.fromJSON(other);
    for (const [k, c] of h.counts) this.counts.set(k, (this.counts.get(k) ?? 0) + c);
    if (h.n > 0) {
      this.n += h.n;
      this.lo = Math.min(this.lo, h.lo);
      this.hi = Math.max(this.hi, h.hi);
    }
    return this;
  }

  /** How many values fell at or above `value` (to the bucket: counts whole buckets from the one holding it). */
  countAtLeast(value: number): number {
    const from = bucketIndex(value);
    let n = 0;
    for (const [k, c] of this.counts) if (k >= from) n += c;
    return n;
  }

  /** The value below which a share q (0..1) of the values lie: the middle of its bucket, within [min, max]. */
  percentile(q: number): number {
    if (this.n === 0) return 0;
    if (!(q >= 0 && q <= 1))
      throw new HistogramError(`[live-harness] Failed to read a percentile: ${q} is not a share between 0 and 1. Pass e.g. 0.95 for p95.`);
    const rank = Math.max(1, Math.ceil(q * this.n));
    let seen = 0;
    for (const k of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(k) as number;
      if (seen >= rank) {
        const mid = k === 0 ? 0.5 : Math.sqrt(bucketFrom(k) * bucketTo(k));
        return Math.min(this.hi, Math.max(this.lo, mid));
      }
    }
    return this.hi;
  }

  toJSON(): HistogramSummary {
    const round = (v: number): number => Math.round(v * 10) / 10;
    return {
      p50: round(this.percentile(0.5)),
      p95: round(this.percentile(0.95)),
      p99: round(this.percentile(0.99)),
      max: this.max,
      min: this.min,
      count: this.n,
      buckets: [...this.counts.entries()].sort(([a], [b]) => a - b).map(([k, count]) => ({ from: bucketFrom(k), to: bucketTo(k), count })),
    };
  }

  static fromJSON(s: HistogramSummary): Histogram {
    const h = new Histogram();
    let n = 0;
    for (const b of s.buckets) {
      const k = b.from === 0 ? 0 : Math.round(BUCKETS_PER_DOUBLING * Math.log2(b.from)) + 1;
      if (!Number.isInteger(b.count) || b.count < 0 || bucketFrom(k) !== b.from)
        throw new HistogramError(
          `[live-harness] Failed to read a histogram: bucket ${JSON.stringify(b)} is not one of live-harness's fixed buckets. Merge only histograms written by live-harness (results.json, load shard files).`,
        );
      if (b.count === 0) continue;
      h.counts.set(k, (h.counts.get(k) ?? 0) + b.count);
      n += b.count;
    }
    if (n !== s.count)
      throw new HistogramError(
        `[live-harness] Failed to read a histogram: its buckets hold ${n} values but it says count ${s.count}. The file was edited or cut short; write it again.`,
      );
    h.n = n;
    if (n > 0) {
      h.lo = s.min;
      h.hi = s.max;
    }
    return h;
  }
}
