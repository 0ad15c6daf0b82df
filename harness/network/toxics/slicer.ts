/**
 * Slicer: each chunk goes on in small segments of about `averageBytes`
 * (± `variationBytes`), with `delayMs` between them — a path that fragments
 * and trickles, which finds parsers that assume whole messages.
 */
import { Random } from '../../../mocks/time';
import type { StreamToxic } from '../toxic';
import { waitMs } from '../toxic';

export interface SlicerOptions {
  readonly averageBytes: number;
  readonly variationBytes?: number;
  readonly delayMs: number;
  readonly seed?: number;
}

export function slicerToxic(o: SlicerOptions): StreamToxic {
  if (!(o.averageBytes >= 1)) throw new RangeError(`averageBytes must be at least 1, got ${o.averageBytes}`);
  const random = new Random(o.seed ?? 1);
  const variation = Math.min(o.variationBytes ?? 0, o.averageBytes - 1);
  return {
    kind: 'stream',
    async pass(chunk, next, signal) {
      let data = chunk.data;
      while (data.length > 0) {
        // Cut short: the rest goes on whole, never dropped.
        if (signal.aborted) return next({ ...chunk, data });
        const size = Math.max(1, Math.round(o.averageBytes + (variation > 0 ? random.between(-variation, variation) : 0)));
        const piece = data.subarray(0, size);
        data = data.subarray(piece.length);
        await next({ data: piece, readAtMs: chunk.readAtMs });
        if (data.length > 0) await waitMs(o.delayMs, signal);
      }
    },
  };
}
