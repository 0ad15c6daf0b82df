/**
 * Break a socket with a TCP RST, whatever state it is in.
 *
 * `socket.resetAndDestroy()` is unsafe on its own: while the socket's FIN is
 * on its way (end() called, the shutdown not yet done), libuv refuses the
 * reset (uv_tcp_close_reset: EINVAL), and Node 20 has already let go of the
 * handle by then. The handle is never closed: no RST, no 'close', a file
 * descriptor open for good, and a process that never exits — at exit Node
 * waits for that handle to close, spinning on it with no handle left to name.
 * So a socket with a shutdown in flight is reset once the shutdown is done (a
 * reset after our own FIN still breaks the peer's side), or closed plainly if
 * the shutdown is stuck behind bytes the peer does not read.
 */
import type { Socket } from 'node:net';

/** How long a shutdown in flight may hold a reset back before the socket is closed without one. */
export const SHUTDOWN_WAIT_MS = 500;

export function resetSocket(socket: Socket): void {
  if (socket.destroyed) return;
  if (!(socket.writableEnded && !socket.writableFinished)) {
    socket.resetAndDestroy();
    return;
  }
  const reset = (): void => {
    settle();
    if (!socket.destroyed) socket.resetAndDestroy();
  };
  const giveUp = (): void => {
    settle();
    socket.destroy();
  };
  const timer = setTimeout(giveUp, SHUTDOWN_WAIT_MS);
  const settle = (): void => {
    clearTimeout(timer);
    socket.off('finish', reset);
    socket.off('close', settle);
  };
  socket.once('finish', reset);
  socket.once('close', settle);
}
