/**
 * LeanFlvPlayer against a hand-driven HTTP server on loopback: how each end
 * of the response is told (the server's end of the stream, a hang-up, a
 * reset, a response that is not FLV), the tags lent on the way.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { readVideoClock, stampVideoTag, TAG_VIDEO } from './flv';
import { LeanFlvPlayer } from './lean-flv-player';

let server: Server;
let port = 0;
let serve: (s: Socket) => void = () => undefined;
const sockets = new Set<Socket>();
beforeAll(async () => {
  server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    // Answer once the request is in, as a server does.
    s.once('data', () => serve(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
});

const HEAD = 'HTTP/1.1 200 OK\r\nContent-Type: video/x-flv\r\nTransfer-Encoding: chunked\r\n\r\n';
const flvHeader = Buffer.from([0x46, 0x4c, 0x56, 1, 5, 0, 0, 0, 9, 0, 0, 0, 0]);
function tag(seq: number): Buffer {
  const data = stampVideoTag(Buffer.from([0x27, 1, 0, 0, 0, 0, 0, 0, 2, 0x41, 0x9a]), 1000 + seq, seq);
  const h = Buffer.alloc(11);
  h[0] = TAG_VIDEO;
  h.writeUIntBE(data.length, 1, 3);
  h.writeUIntBE(seq * 66, 4, 3);
  const prev = Buffer.alloc(4);
  prev.writeUInt32BE(11 + data.length);
  return Buffer.concat([h, data, prev]);
}
const chunk = (b: Buffer): Buffer => Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n')]);

function play(path = '/live/a.flv'): Promise<{ seqs: number[]; end: string }> {
  const seqs: number[] = [];
  return new Promise((resolve) => {
    new LeanFlvPlayer(`http://127.0.0.1:${port}${path}?k=1`, {
      onTagView: (t) => seqs.push(readVideoClock(t.data)?.seq ?? -1),
      onEnd: (f, started) => resolve({ seqs, end: `${f}${started ? ' after the start' : ''}` }),
    }).start();
  });
}

describe('LeanFlvPlayer', () => {
  it('asks for the path and query with a plain GET, reads the tags, and calls the last chunk the end', async () => {
    let request = '';
    serve = (s) => {
      s.write(HEAD);
      s.write(chunk(flvHeader));
      // A tag cut across two chunks and two reads.
      const t1 = tag(1);
      s.write(chunk(t1.subarray(0, 20)));
      setTimeout(() => {
        s.write(chunk(Buffer.concat([t1.subarray(20), tag(2), tag(3)])));
        s.end('0\r\n\r\n');
      }, 30);
    };
    server.once('connection', (s) => s.once('data', (d: Buffer) => (request = d.toString('latin1'))));
    const r = await play();
    expect(request).toMatch(/^GET \/live\/a\.flv\?k=1 HTTP\/1\.1\r\nHost: 127\.0\.0\.1:\d+\r\n/);
    expect(r.seqs).toEqual([1, 2, 3]);
    expect(r.end).toBe('closed after the start');
  });

  it('tells a hang-up mid-stream as closed, and a reset (even one read as an end) as reset', async () => {
    serve = (s) => {
      s.write(HEAD);
      s.write(chunk(Buffer.concat([flvHeader, tag(1)])));
      setTimeout(() => s.end(), 30);
    };
    expect(await play()).toMatchObject({ seqs: [1], end: 'closed after the start' });
    serve = (s) => {
      s.write(HEAD);
      s.write(chunk(Buffer.concat([flvHeader, tag(1)])));
      // Bytes and the RST together: what libuv reads as a plain end.
      s.write(Buffer.alloc(3000, 0x31));
      s.resetAndDestroy();
    };
    expect((await play()).end).toMatch(/^reset/);
  });

  it('leaves a response that is not HTTP-FLV, and says a refusal is one', async () => {
    serve = (s) => s.write('SSH-2.0-OpenSSH\r\n\r\n');
    expect(await play()).toMatchObject({ seqs: [], end: 'reset' });
    serve = (s) => s.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
    const rejected: string[] = [];
    const end = await new Promise<string>((resolve) =>
      new LeanFlvPlayer(`http://127.0.0.1:${port}/live/x.flv`, {
        onRejected: (code, notFound) => rejected.push(`${code} ${notFound}`),
        onTagView: () => undefined,
        onEnd: (f) => resolve(f),
      }).start(),
    );
    expect(rejected).toEqual(['HTTP 403 false']);
    expect(end).toBe('closed');
    expect(() => new LeanFlvPlayer('https://127.0.0.1/live/x.flv', { onTagView: () => undefined }).start()).toThrow('over http:// only');
  });
});
