/**
 * lendMessages against node-media-server's own client parser on the same
 * bytes: every chunk format, a chunk-size change, an extended timestamp, a
 * message split into chunks, all cut into reads of every size. Both ways must
 * hand out the same messages with the same clocks, and the fast path must
 * really be the one taking the plain ones.
 */
import { type ClientParserState, lendMessages, RTMP_AUDIO, RTMP_DATA, RTMP_VIDEO } from './rtmp-message-lender';

interface Client extends ClientParserState {
  on(event: string, cb: (payload: Buffer, clock: number) => void): void;
  onSocketData(data: Buffer): void;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const ClientCtor = require('node-media-server/src/node_rtmp_client') as new (url: string) => Client;

/** A client past its handshake, as a player is once it plays; every message it hands out, as `type@clock:hex`. */
function client(): { c: Client; got: string[] } {
  const c = new ClientCtor('rtmp://127.0.0.1/live/x');
  c.handshakeState = 3;
  const got: string[] = [];
  for (const [event, type] of [
    ['audio', RTMP_AUDIO],
    ['video', RTMP_VIDEO],
    ['script', RTMP_DATA],
  ] as const)
    c.on(event, (payload, clock) => got.push(`${type}@${clock}:${payload.toString('hex')}`));
  return { c, got };
}

function chunkHeader(fmt: number, cid: number, m: { ts?: number; length?: number; type?: number; sid?: number }): Buffer {
  const ts = m.ts ?? 0;
  const extended = ts >= 0xffffff;
  const h = Buffer.alloc(1 + [11, 7, 3, 0][fmt] + (extended ? 4 : 0));
  h[0] = (fmt << 6) | cid;
  if (fmt <= 2) h.writeUIntBE(extended ? 0xffffff : ts, 1, 3);
  if (fmt <= 1) {
    h.writeUIntBE(m.length ?? 0, 4, 3);
    h[7] = m.type ?? 0;
  }
  if (fmt === 0) h.writeUInt32LE(m.sid ?? 1, 8);
  if (extended) h.writeUInt32BE(ts, h.length - 4);
  return h;
}

const payload = (n: number, seed: number): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + seed) & 0xff));

/** One message as chunks of `chunkSize`: the first with its header, the rest format 3. */
function message(fmt: number, cid: number, m: { ts?: number; type: number; sid?: number }, body: Buffer, chunkSize: number): Buffer {
  const parts = [chunkHeader(fmt, cid, { ...m, length: body.length }), body.subarray(0, chunkSize)];
  for (let p = chunkSize; p < body.length; p += chunkSize) parts.push(Buffer.from([(3 << 6) | cid]), body.subarray(p, p + chunkSize));
  return Buffer.concat(parts);
}

/** The stream as the server writes it: one write (and so, on loopback, one read) per message. */
function messages(): Buffer[] {
  const setChunkSize = Buffer.concat([chunkHeader(0, 2, { length: 4, type: 1, sid: 0 }), Buffer.from([0, 0, 0x10, 0])]); // 4096
  return [
    // At the default chunk size (128): a small one the fast path may take, a big one it must leave.
    message(0, 4, { ts: 0, type: RTMP_DATA }, payload(40, 1), 128),
    message(0, 6, { ts: 0, type: RTMP_VIDEO }, payload(300, 2), 128),
    setChunkSize,
    message(0, 4, { ts: 10, type: RTMP_AUDIO }, payload(20, 3), 4096),
    message(2, 4, { ts: 23, type: RTMP_AUDIO }, payload(20, 4), 4096), // same length: format 2 (delta only)
    message(3, 4, { type: RTMP_AUDIO }, payload(20, 5), 4096), // format 3: the previous delta again
    message(1, 6, { ts: 66, type: RTMP_VIDEO }, payload(2000, 6), 4096),
    message(1, 6, { ts: 67, type: RTMP_VIDEO }, payload(9000, 7), 4096), // longer than a chunk: the client's parser
    message(1, 6, { ts: 66, type: RTMP_VIDEO }, payload(1500, 8), 4096),
    message(0, 5, { ts: 0x1000000, type: RTMP_VIDEO }, payload(50, 9), 4096), // extended timestamp: the client's parser
    message(1, 4, { ts: 20, type: RTMP_AUDIO }, payload(21, 10), 4096),
  ];
}
const stream = (): Buffer => Buffer.concat(messages());

/** Feed reads through one buffer, scribbled over after each (the shared read buffer); count what the fast path lent. */
function feed(c: Client, got: string[], reads: readonly Buffer[]): number {
  let lent = 0;
  const read = Buffer.alloc(Math.max(...reads.map((r) => r.length)));
  for (const r of reads) {
    const n = r.copy(read);
    const used = lendMessages(c, read, n, (type, body, clock) => {
      lent++;
      got.push(`${type}@${clock}:${body.toString('hex')}`);
    });
    if (used < n) c.onSocketData(read.subarray(used, n));
    read.fill(0xcc);
  }
  return lent;
}

describe('lendMessages', () => {
  it("hands out the same messages at the same clocks as the client's own parser, however the reads cut the bytes", () => {
    const bytes = stream();
    const reference = client();
    reference.c.onSocketData(Buffer.from(bytes));
    expect(reference.got).toHaveLength(10);
    for (const step of [1, 3, 11, 64, 500, 2048, 5000, bytes.length]) {
      const { c, got } = client();
      const reads = Array.from({ length: Math.ceil(bytes.length / step) }, (_, k) => bytes.subarray(k * step, (k + 1) * step));
      feed(c, got, reads);
      expect([step, got]).toEqual([step, reference.got]);
    }
    // One read per message, as the server writes them: the fast path takes every plain media message
    // (6: not the first on a chunk stream, the multi-chunk ones, nor the extended timestamp).
    const { c, got } = client();
    expect(feed(c, got, messages())).toBe(6);
    expect(got).toEqual(reference.got);
  });

  it('leaves everything to the client before its handshake is done', () => {
    const { c } = client();
    c.handshakeState = 0;
    expect(lendMessages(c, stream(), 100, () => undefined)).toBe(0);
  });
});
