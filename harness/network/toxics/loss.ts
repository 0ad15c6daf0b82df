/**
 * Loss: TCP loses no bytes, it resends them. What a lossy path does to a TCP
 * stream is delay: a lost segment holds everything behind it for one
 * retransmission timeout (head-of-line blocking). Each chunk is read as the
 * segments it would take on the wire; if any of them is lost (each with
 * `lossPct`), the chunk waits `retransmitMs`.
 */
import { Random } from '../../../mocks/time';
import type { StreamToxic } from '../toxic';
import { waitMs } from '../toxic';

export interface LossOptions {
  /** share of segments lost, 0–100 */
  readonly lossPct: number;
  /** how long a lost segment holds the stream; Linux's minimum retransmission timeout by default */
  readonly retransmitMs?: number;
  readonly seed?: number;
}

/** A full TCP segment on Ethernet with timestamps. */
const SEGMENT_BYTES = 1448;
export const DEFAULT_RETRANSMIT_MS = 200;

export function lossToxic(o: LossOptions): StreamToxic {
  if (!(o.lossPct >= 0 && o.lossPct <= 100)) throw new RangeError(`lossPct must be in 0–100, got ${o.lossPct}`);
  const random = new Random(o.seed ?? 1);
  const p = o.lossPct / 100;
  const retransmitMs = o.retransmitMs ?? DEFAULT_RETRANSMIT_MS;
  return {
    kind: 'stream',
    async pass(chunk, next, signal) {
      const segments = Math.ceil(chunk.data.length / SEGMENT_BYTES);
      const anyLost = random.chance(1 - (1 - p) ** segments);
      if (anyLost) await waitMs(retransmitMs, signal);
      await next(chunk);
    },
  };
}
