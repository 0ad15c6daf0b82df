/**
 * Bandwidth: the bytes of every connection this toxic covers share one link
 * of `rateKbps`, as a phone's connections share its uplink. Large chunks go
 * out in pieces of at most 100 ms of the rate, so a capped stream flows
 * instead of arriving in bursts; whoever sends more waits longer.
 */
import type { Chunk, StreamToxic } from '../toxic';
import { waitUntil } from '../toxic';

export interface BandwidthOptions {
  readonly rateKbps: number;
}

/** A piece never carries more than this much of the link's time. */
const PIECE_MS = 100;

export function bandwidthToxic(o: BandwidthOptions): StreamToxic {
  if (!(o.rateKbps > 0)) throw new RangeError(`rateKbps must be above 0, got ${o.rateKbps}`);
  const bytesPerMs = o.rateKbps / 8;
  const pieceBytes = Math.max(1, Math.floor(bytesPerMs * PIECE_MS));
  /** when the link is free again (performance.now() ms) */
  let freeAtMs = 0;
  return {
    kind: 'stream',
    async pass(chunk, next, signal) {
      let data = chunk.data;
      while (data.length > 0) {
        if (signal.aborted) return next({ ...chunk, data });
        const piece = data.subarray(0, pieceBytes);
        freeAtMs = Math.max(freeAtMs, performance.now()) + piece.length / bytesPerMs;
        // The link is busy until the piece has gone through it: the piece arrives then.
        await waitUntil(freeAtMs, signal);
        const out: Chunk = { data: piece, readAtMs: chunk.readAtMs };
        data = data.subarray(piece.length);
        await next(out);
      }
    },
  };
}
