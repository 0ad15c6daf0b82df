/**
 * Stall: bytes stop and the socket stays open — no FIN, no RST, no error.
 * What was read waits and goes on, in order, when the toxic is removed;
 * meanwhile the proxy stops reading, so the sender's socket buffers fill and
 * its writes back up, as behind a black hole.
 */
import type { StreamToxic } from '../toxic';
import { waitMs } from '../toxic';

export function stallToxic(): StreamToxic {
  return {
    kind: 'stream',
    async pass(chunk, next, signal) {
      await waitMs(Infinity, signal);
      await next(chunk);
    },
  };
}
