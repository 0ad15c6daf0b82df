/**
 * How an RTMP publisher's socket ends, told by the first sign of it. A server
 * that hangs up on a publisher mid-stream is a hang-up, however many of the
 * publisher's bytes were still in flight: neither the RST the server's kernel
 * answers them with, nor a write the encoder makes after the FIN, may turn it
 * into a network reset (harness/media/media-link.test.ts saw `closed:reset`
 * for a kick on a loaded machine).
 */
import { createServer, connect, type Socket } from 'node:net';
import { MediaServer, type StartedMediaServer } from './media-server';
import { TAG_AUDIO } from './flv';
import { ACK_WINDOW_BYTES, RtmpPublisher, type SocketFailure } from './rtmp-client';

let server: StartedMediaServer;

beforeAll(async () => {
  server = await new MediaServer().start();
});
afterAll(async () => {
  await server?.stop();
});

/** An AAC frame's bytes: the server relays media without decoding it. */
const audio = (timestamp: number) => ({ type: TAG_AUDIO, timestamp, data: Buffer.alloc(200, 0xaf) });

describe('RtmpPublisher', () => {
  it("reports a server's kick as closed, not reset, while the publisher writes on every turn of the event loop", async () => {
    const ends: SocketFailure[] = [];
    // A few rounds: the write that lands between the server's FIN and our close is a race each time.
    for (let round = 0; round < 5; round++) {
      const key = `live/kick${round}`;
      const end = await new Promise<SocketFailure>((resolve, reject) => {
        let ts = 0;
        let writing = true;
        const pub = new RtmpPublisher(server.rtmpUrl(key), {
          onStarted: () => {
            // The encoder never waits for the network: a tag on every turn, as a busy capture delivers them.
            const pump = (): void => {
              if (!writing) return;
              pub.write(audio((ts += 21)));
              setImmediate(pump);
            };
            pump();
            setTimeout(() => void server.kick(`/${key}`), 300);
          },
          onEnd: (how) => {
            writing = false;
            clearTimeout(giveUp);
            resolve(how);
          },
        }).start();
        const giveUp = setTimeout(() => {
          writing = false;
          pub.close();
          reject(new Error(`round ${round}: the publisher never ended after the kick`));
        }, 8000);
      });
      ends.push(end);
    }
    expect(ends).toEqual(['closed', 'closed', 'closed', 'closed', 'closed']);
  }, 30_000);
});

describe("RtmpPublisher's send queue", () => {
  it('counts what the server has not acknowledged, though the kernel (or a path that holds bytes) took it long ago', async () => {
    // A relay that can hold the publisher's bytes: it keeps reading (so nothing waits in the publisher's
    // process, as behind big kernel buffers), and forwards them only when released.
    let holding = false;
    const held: Buffer[] = [];
    const sockets = new Set<Socket>();
    const relay = createServer((down) => {
      const up = connect(server.rtmpPort, server.host);
      sockets.add(down).add(up);
      down.on('data', (d: Buffer) => (holding ? held.push(d) : up.write(d)));
      up.on('data', (d: Buffer) => down.write(d));
      for (const s of [down, up]) s.on('error', () => undefined).on('close', () => (down.destroy(), up.destroy()));
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
    const port = (relay.address() as { port: number }).port;
    let ts = 0;
    const pub = new RtmpPublisher(`rtmp://127.0.0.1:${port}/live/acked`, {}).start();
    const pump = setInterval(() => pub.publishing && pub.write(audio((ts += 21))), 21);
    const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
    try {
      const t0 = Date.now();
      while (pub.bytesAcknowledged === undefined && Date.now() - t0 < 5000) await sleep(50);
      await sleep(500);
      // Flowing: at most one acknowledgement window (and the handshake the server does not count) is unacknowledged.
      expect(pub.queuedBytes).toBeLessThanOrEqual(ACK_WINDOW_BYTES + 2048);
      holding = true;
      const before = pub.bytesWritten;
      await sleep(1500);
      const sent = pub.bytesWritten - before;
      expect(sent).toBeGreaterThan(8000);
      // The relay read every byte: nothing waits in this process, yet the server has not got them.
      expect(pub.queuedBytes).toBeGreaterThanOrEqual(sent);
      holding = false;
      for (const d of held.splice(0)) for (const s of sockets) if ((s as Socket).remotePort === server.rtmpPort) s.write(d);
      await sleep(800);
      expect(pub.queuedBytes).toBeLessThanOrEqual(ACK_WINDOW_BYTES + 2048);
    } finally {
      clearInterval(pump);
      pub.close();
      for (const s of sockets) s.destroy();
      await new Promise((r) => relay.close(r));
    }
  }, 20_000);
});
