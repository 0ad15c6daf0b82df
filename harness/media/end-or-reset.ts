/**
 * Whether a socket's end of stream was a FIN or a reset in disguise.
 *
 * libuv (Node 20's) reads an RST that arrives with the last bytes as a clean
 * end: it reads those bytes in a short read, sees the hang-up flag epoll
 * raised with the RST, and reports EOF without the read that would have
 * returned ECONNRESET (libuv/libuv#4997 later reworked that shortcut). On a
 * flowing stream that happens whenever the reset lands while bytes are still
 * unread: a player would take a network failure for a server hang-up.
 *
 * The reset is still pending on the kernel's socket, and an empty write
 * returns it: ECONNRESET for a reset with no FIN before it. After a real FIN
 * the empty write sends nothing and succeeds; an RST that followed a FIN (the
 * peer answering bytes in flight after its hang-up) reads EPIPE, and a
 * hang-up it stays.
 */
import type { Socket } from 'node:net';

const NOTHING = Buffer.alloc(0);

export type EndVerdict = 'closed' | 'reset';

/**
 * Ask, as `socket` reads its end, whether it was a reset. `verdict` is called
 * once, before the socket's 'close'. Call this before anything else listens to
 * 'end' on the socket, or at least before anything that ends or destroys it.
 */
export function readEndOrReset(socket: Socket, verdict: (how: EndVerdict, error?: NodeJS.ErrnoException) => void): void {
  socket.prependOnceListener('end', () => {
    // Ours already ended, or gone: nothing to ask with, and nothing pending to hide.
    if (!socket.writable) return verdict('closed');
    let told = false;
    socket.write(NOTHING, (e?: NodeJS.ErrnoException | null) => {
      if (told) return;
      told = true;
      if (e?.code === 'ECONNRESET') verdict('reset', e);
      else verdict('closed');
    });
    // An error on the empty write is known at once (libuv tries the write in place): tell it before
    // anyone reading 'end' after us decides on a hang-up.
    const e = socket.errored as NodeJS.ErrnoException | null;
    if (!told && e?.code === 'ECONNRESET') {
      told = true;
      verdict('reset', e);
    }
  });
}
