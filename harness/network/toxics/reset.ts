/**
 * Reset: connections break with a TCP RST on both sides — those open when the
 * toxic is added and those that open while it stays — `afterMs` after the
 * toxic reaches them (at once by default).
 */
import type { ConnectionToxic } from '../toxic';

export interface ResetOptions {
  readonly afterMs?: number;
}

export function resetToxic(o: ResetOptions = {}): ConnectionToxic {
  return {
    kind: 'connection',
    attach(conn) {
      const afterMs = o.afterMs ?? 0;
      if (afterMs <= 0) {
        conn.reset();
        return () => undefined;
      }
      const t = setTimeout(() => conn.reset(), afterMs);
      return () => clearTimeout(t);
    },
  };
}
