/**
 * Latency: each chunk leaves `latencyMs` (± up to `jitterMs`) after the proxy
 * read it. Chunks keep their order, as TCP does: one held back holds the ones
 * behind it, and those that already waited long enough behind it go at once.
 */
import { Random } from '../../../mocks/time';
import type { StreamToxic } from '../toxic';
import { waitUntil } from '../toxic';

export interface LatencyOptions {
  readonly latencyMs: number;
  /** each chunk's delay varies uniformly within ±jitterMs; 0 by default */
  readonly jitterMs?: number;
  /** seeds the jitter, so a run can be repeated */
  readonly seed?: number;
}

export function latencyToxic(o: LatencyOptions): StreamToxic {
  const random = new Random(o.seed ?? 1);
  const jitterMs = o.jitterMs ?? 0;
  return {
    kind: 'stream',
    async pass(chunk, next, signal) {
      const delayMs = Math.max(0, o.latencyMs + (jitterMs > 0 ? random.between(-jitterMs, jitterMs) : 0));
      await waitUntil(chunk.readAtMs + delayMs, signal);
      await next(chunk);
    },
  };
}
