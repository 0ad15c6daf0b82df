/**
 * One receive buffer for every lending reader in a thread (net's `onread`).
 * Node otherwise allocates a fresh buffer for every read of every socket; for
 * an audience of hundreds that garbage costs more than the parsing. Sharing
 * is safe because each read is parsed to the end (and anything kept is
 * copied out) before the event loop makes the next one.
 */
const SIZE = 64 * 1024;
let buffer: Buffer | undefined;

export function sharedReadBuffer(): Buffer {
  return (buffer ??= Buffer.allocUnsafe(SIZE));
}
