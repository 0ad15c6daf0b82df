/**
 * How an RTMP publisher's socket ends, told by the first sign of it. A server
 * that hangs up on a publisher mid-stream is a hang-up, however many of the
 * publisher's bytes were still in flight: neither the RST the server's kernel
 * answers them with, nor a write the encoder makes after the FIN, may turn it
 * into a network reset (harness/media/media-link.test.ts saw `closed:reset`
 * for a kick on a loaded machine).
 */
import { MediaServer, type StartedMediaServer } from './media-server';
import { TAG_AUDIO } from './flv';
import { RtmpPublisher, type SocketFailure } from './rtmp-client';

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
