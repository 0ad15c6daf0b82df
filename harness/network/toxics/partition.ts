/**
 * Partition: a black hole that also forgets. Bytes stop both ways and wait,
 * as in a stall; but a connection the phone gives up on meanwhile (its FIN or
 * RST) never reaches the server, and what it held is lost with it. The
 * server's side stays open — a ghost — until the server's own timeout, or
 * until it writes once the partition has lifted and meets a reset (the phone
 * no longer knows the connection). What the server writes into the partition
 * is lost with it: the server acknowledges every few KiB, so an acknowledgement
 * of bytes it read just before the partition often lands inside it (more often
 * on a loaded machine); the ghost's life must not hang on that race. That is a NAT rebinding, a hand-over, a
 * middlebox dropping everything; a plain stall instead delivers the phone's
 * close when it lifts, as TCP retransmission over a short outage does.
 */
import type { ConnectionToxic } from '../toxic';

export function partitionToxic(): ConnectionToxic {
  return { kind: 'connection', attach: (conn) => conn.partition() };
}
