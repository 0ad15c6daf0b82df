/**
 * Whole media messages read straight from a socket read, for a lending
 * RtmpPlayer (an audience's): an audio, video or data message that starts a
 * chunk, fits in one chunk and lies whole in the read is handed on as a view,
 * and node-media-server's client is left in exactly the state its own parser
 * would have left it. Anything else (control and command messages, extended
 * timestamps, a message cut by the read or split into chunks) stops the fast
 * path, and the rest of the read goes to the client's parser as before.
 *
 * The client's parser walks every header byte through a state machine and
 * copies every payload into its own buffer; for hundreds of viewers that was
 * a good share of their CPU. Pinned to node-media-server@2.7.4's client
 * (rtmp-client.contract.test.ts checks the bytes both paths hand out agree).
 */

/** The client's per-chunk-stream message state (node_rtmp_client.js, RtmpPacket). */
interface ClientPacket {
  header: { fmt: number; cid: number; timestamp: number; length: number; type: number; stream_id: number };
  clock: number;
  delta: number;
  /** payload bytes read so far of the message under way on this chunk stream */
  bytes: number;
}

/** The parser state of node-media-server's client that the fast path reads and keeps. */
export interface ClientParserState {
  handshakeState: number;
  parserState: number;
  inChunkSize: number;
  inPackets: Map<number, ClientPacket>;
}

const HANDSHAKE_DONE = 3; // RTMP_HANDSHAKE_2
const PARSE_INIT = 0; // RTMP_PARSE_INIT: between chunks
/** Message header sizes by chunk format 0–3 (RTMP spec §5.3.1.2). */
const MESSAGE_HEADER = [11, 7, 3, 0];
const EXTENDED_TIMESTAMP = 0xffffff;
export const RTMP_AUDIO = 8;
export const RTMP_VIDEO = 9;
export const RTMP_DATA = 18;

/**
 * Lend the whole media messages at the start of `data[0, n)`; returns how many
 * bytes they took. The caller feeds the rest to the client's own parser.
 */
export function lendMessages(c: ClientParserState, data: Buffer, n: number, lend: (type: number, payload: Buffer, clock: number) => void): number {
  if (c.handshakeState !== HANDSHAKE_DONE || c.parserState !== PARSE_INIT) return 0;
  let p = 0;
  while (p < n) {
    const b0 = data[p];
    const fmt = b0 >> 6;
    const cid = b0 & 0x3f;
    if (cid < 2) break; // 2- and 3-byte chunk stream ids: rare, the client's parser
    const packet = c.inPackets.get(cid);
    // A chunk stream the client has not met yet, or one with a message under way: the client's parser.
    if (!packet || packet.bytes !== 0) break;
    const h = p + 1;
    const body = h + MESSAGE_HEADER[fmt];
    if (body > n) break;
    const header = packet.header;
    const timestamp = fmt <= 2 ? data.readUIntBE(h, 3) : header.timestamp;
    if (timestamp === EXTENDED_TIMESTAMP) break;
    const length = fmt <= 1 ? data.readUIntBE(h + 3, 3) : header.length;
    const type = fmt <= 1 ? data[h + 6] : header.type;
    if ((type !== RTMP_AUDIO && type !== RTMP_VIDEO && type !== RTMP_DATA) || length > c.inChunkSize || body + length > n) break;
    // What the client's parser records for this chunk, in its order.
    header.fmt = fmt;
    header.cid = cid;
    if (fmt <= 2) header.timestamp = timestamp;
    if (fmt <= 1) {
      header.length = length;
      header.type = type;
    }
    if (fmt === 0) {
      header.stream_id = data.readUInt32LE(h + 7);
      packet.clock = timestamp;
      packet.delta = 0;
    } else packet.delta = timestamp; // format 3 repeats the previous delta (the client's reading)
    packet.clock += packet.delta;
    lend(type, data.subarray(body, body + length), packet.clock);
    p = body + length;
  }
  return p;
}
