/**
 * Handshake garbage: a new connection is accepted, and what answers is not
 * the server — a captive portal's HTTP error where RTMP's S0/S1 was expected —
 * then a hang-up. The server is never reached.
 */
import type { AcceptToxic } from '../toxic';

const NONSENSE = Buffer.from('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n', 'latin1');

export interface HandshakeGarbageOptions {
  /** how long the answer stays before the hang-up, ms; 0 by default */
  readonly closeAfterMs?: number;
}

export function handshakeGarbageToxic(o: HandshakeGarbageOptions = {}): AcceptToxic {
  return {
    kind: 'accept',
    meet: 'answer',
    answer(socket, signal) {
      socket.once('data', () => {
        if (signal.aborted || socket.destroyed) return;
        socket.write(NONSENSE);
        const t = setTimeout(() => socket.end(), o.closeAfterMs ?? 0);
        socket.once('close', () => clearTimeout(t));
      });
    },
  };
}
