/**
 * Close: a clean hang-up (FIN on both sides) `afterMs` after the toxic
 * reaches a connection, or once `afterBytes` more bytes have moved through it
 * (both ways), whichever comes first.
 */
import type { ConnectionToxic } from '../toxic';

export interface CloseOptions {
  readonly afterMs?: number;
  readonly afterBytes?: number;
}

export function closeToxic(o: CloseOptions): ConnectionToxic {
  if (o.afterMs === undefined && o.afterBytes === undefined) throw new RangeError('close needs afterMs or afterBytes');
  return {
    kind: 'connection',
    attach(conn) {
      const moved = (): number => conn.bytes('upstream') + conn.bytes('downstream');
      const start = moved();
      let done = false;
      const close = (): void => {
        if (done) return;
        done = true;
        conn.end();
      };
      const t = o.afterMs !== undefined ? setTimeout(close, o.afterMs) : undefined;
      const off =
        o.afterBytes !== undefined
          ? conn.onBytes(() => {
              if (moved() - start >= (o.afterBytes as number)) close();
            })
          : () => undefined;
      if (o.afterBytes === 0) close();
      return () => {
        if (t) clearTimeout(t);
        off();
      };
    },
  };
}
