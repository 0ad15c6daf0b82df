/**
 * FlvPlayer's reading of how a response ends, on loopback against a small
 * HTTP-FLV server of the test's own (chunked, as node-media-server's is):
 * a reset is a reset every time, even when it comes with the last bytes (which
 * libuv reads as a plain end), directly and through the fault proxy's reset.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { FaultProxy } from '../network';
import type { SocketFailure } from './rtmp-client';
import { FlvPlayer } from './flv-client';

/** One chunk of a chunked HTTP body. */
const chunk = (b: Buffer): Buffer => Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n')]);
const FLV_HEADER = Buffer.from([0x46, 0x4c, 0x56, 1, 5, 0, 0, 0, 9, 0, 0, 0, 0]);
/** A video tag of `size` bytes of payload at `ms`. */
function tag(ms: number, size = 2000): Buffer {
  const t = Buffer.alloc(11 + size + 4);
  t[0] = 9;
  t.writeUIntBE(size, 1, 3);
  t.writeUIntBE(ms & 0xffffff, 4, 3);
  t.writeUInt32BE(11 + size, 11 + size);
  return t;
}

let server: Server;
let port: number;
/** what the server does with each viewer's socket once the response has begun */
let onViewer: (s: Socket) => void = () => undefined;
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.once('close', () => sockets.delete(s));
    s.once('data', () => {
      s.write('HTTP/1.1 200 OK\r\nContent-Type: video/x-flv\r\nTransfer-Encoding: chunked\r\n\r\n');
      s.write(chunk(Buffer.concat([FLV_HEADER, tag(0)])));
      onViewer(s);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Play `url` until the player ends; resolves with how it says it ended. */
function play(url: string, onStarted: () => void = () => undefined): Promise<{ how: SocketFailure; started: boolean }> {
  return new Promise((resolve) => {
    new FlvPlayer(url, {
      onStarted,
      onEnd: (how, started) => resolve({ how, started }),
    }).start();
  });
}

const tally = (xs: readonly string[]): Record<string, number> => xs.reduce<Record<string, number>>((t, x) => ({ ...t, [x]: (t[x] ?? 0) + 1 }), {});

describe('FlvPlayer', () => {
  it('reads a reset that comes with the last bytes as a reset, 50 times out of 50', async () => {
    // The server's kernel sends a tag and the RST in one go, before the player reads either: libuv
    // reads the tag, sees the hang-up and reports an end; the player must still say "reset".
    onViewer = (s) =>
      setTimeout(() => {
        s.write(chunk(tag(40)));
        s.resetAndDestroy();
      }, 20);
    const ends: string[] = [];
    for (let i = 0; i < 50; i++) {
      const r = await play(`http://127.0.0.1:${port}/live/a.flv`);
      ends.push(`${r.how}${r.started ? '' : ' (not started)'}`);
    }
    expect(tally(ends)).toEqual({ reset: 50 });
  });

  it('reads the server ending the response as a clean close', async () => {
    onViewer = (s) => setTimeout(() => s.end(Buffer.concat([chunk(tag(40)), Buffer.from('0\r\n\r\n')])), 20);
    expect(await play(`http://127.0.0.1:${port}/live/a.flv`)).toEqual({ how: 'closed', started: true });
  });

  it('reads the server hanging up mid-response (a FIN, no last chunk) as a clean close', async () => {
    onViewer = (s) => setTimeout(() => s.end(chunk(tag(40))), 20);
    expect(await play(`http://127.0.0.1:${port}/live/a.flv`)).toEqual({ how: 'closed', started: true });
  });

  it('reads the fault proxy’s reset as a reset, 50 times out of 50, while the stream flows', async () => {
    // A stream that flows: a tag every 2 ms, as a live one does.
    onViewer = (s) => {
      let ms = 0;
      const t = setInterval(() => {
        if (s.destroyed) return clearInterval(t);
        s.write(chunk(tag((ms += 40))));
      }, 2);
      s.once('close', () => clearInterval(t));
    };
    await using proxy = await new FaultProxy({ routes: { 'http-flv': { host: '127.0.0.1', port } } }).start();
    const url = `http://127.0.0.1:${proxy.endpoint('http-flv').port}/live/a.flv`;
    const ends: string[] = [];
    for (let i = 0; i < 50; i++) {
      const ended = play(url, () => {
        // Reset just after the proxy has passed bytes on, before the player has read them: the RST
        // lands behind them, as a phone's does on a busy stream.
        const sent = proxy.stats().downBytes;
        const resetWhenMoved = (): void => {
          if (proxy.stats().downBytes === sent) return void setImmediate(resetWhenMoved);
          const name = proxy.addToxic({ type: 'reset' });
          proxy.removeToxic(name);
        };
        resetWhenMoved();
      });
      const r = await ended;
      ends.push(`${r.how}${r.started ? '' : ' (not started)'}`);
    }
    expect(tally(ends)).toEqual({ reset: 50 });
  });
});
