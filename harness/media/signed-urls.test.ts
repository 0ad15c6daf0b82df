/**
 * node-media-server's signed URLs, as a device session on the LAN uses them:
 * unsigned, expired and forged URLs are refused for publish and for play
 * (RTMP and HTTP-FLV), a valid one works. The server binds 127.0.0.2, the
 * stand-in for a LAN address: nothing here leaves the machine. Connections to
 * 127.0.0.2 come from 127.0.0.1, which node-media-server itself would let
 * through unsigned over RTMP; the refusals below show that hole is closed.
 */
import { TAG_AUDIO, TAG_SCRIPT } from './flv';
import { FlvPlayer } from './flv-client';
import { MediaServer, type StartedMediaServer } from './media-server';
import { RtmpPlayer, RtmpPublisher } from './rtmp-client';
import { signStreamPath, withSign } from './url-sign';
import { listeningAddresses } from '../../test-support/listening';
import { eventually } from '../../test-support/processes';

const HOST = '127.0.0.2';
let server: StartedMediaServer;

beforeAll(async () => {
  server = await new MediaServer({ host: HOST, signedUrls: true }).start();
});
afterAll(async () => {
  await server?.stop();
});

const audio = (timestamp: number) => ({ type: TAG_AUDIO, timestamp, data: Buffer.alloc(200, 0xaf) });
const expired = { expiresAtMs: Date.now() - 60_000 };

type Outcome = 'started' | `rejected: ${string}` | `ended: ${string}`;

interface Held {
  outcome: Outcome;
  close(): void;
}

/** Publish, and keep publishing (an audio tag every 20 ms) once accepted. */
function publish(url: string): Promise<Held> {
  return new Promise((resolve) => {
    let pump: ReturnType<typeof setInterval> | undefined;
    let ts = 0;
    const close = (): void => {
      clearInterval(pump);
      pub.close();
    };
    const pub = new RtmpPublisher(url, {
      onStarted: () => {
        pub.write({ type: TAG_SCRIPT, timestamp: 0, data: Buffer.from([0x02, 0x00, 0x0a, ...Buffer.from('onMetaData'), 0x05]) });
        pump = setInterval(() => pub.write(audio((ts += 20))), 20);
        resolve({ outcome: 'started', close });
      },
      onRejected: (why) => resolve({ outcome: `rejected: ${why}`, close }),
      onEnd: (how) => resolve({ outcome: `ended: ${how}`, close }),
    }).start();
  });
}

/** Play until the first sign of acceptance (RTMP Play.Start, or an HTTP-FLV tag) or refusal. */
function play(kind: 'rtmp' | 'flv', url: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const done = (o: Outcome): void => {
      client.close();
      resolve(o);
    };
    const events = {
      onStarted: () => done('started'),
      onRejected: (why: string) => done(`rejected: ${why}`),
      onEnd: (how: string) => done(`ended: ${how}`),
    };
    const client = kind === 'rtmp' ? new RtmpPlayer(url, events) : new FlvPlayer(url, events);
    client.start();
  });
}

describe('signed URLs on a server bound to a LAN address (127.0.0.2 standing in)', () => {
  it('binds only the address it was given', async () => {
    expect(server.signed).toBe(true);
    expect(server.rtmpUrl('live/x')).toMatch(/^rtmp:\/\/127\.0\.0\.2:\d+\/live\/x\?sign=\d+-[0-9a-f]{32}$/);
    expect(server.flvUrl('live/x')).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/live\/x\.flv\?sign=\d+-[0-9a-f]{32}$/);
    // Read from the kernel's socket table: nothing is sent to 127.0.0.1 to find out.
    expect(listeningAddresses(server.rtmpPort)).toEqual([HOST]);
    expect(listeningAddresses(server.httpPort)).toEqual([HOST]);
  });

  it('reports each refusal as a server event, with what was refused', async () => {
    const seen: string[] = [];
    const off = server.onEvent((e) => {
      if (e.event === 'unauthorized') seen.push(`${e.action} ${e.streamPath}`);
    });
    try {
      (await publish(`rtmp://${HOST}:${server.rtmpPort}/live/told`)).close();
      expect(await play('flv', server.flvUrl('live/told', expired))).toBe('rejected: HTTP 403');
      // Events come over IPC, a channel apart from the clients' sockets: they may land after the refusals.
      expect(await eventually(() => seen.length >= 2, 5000)).toBe(true);
      expect(seen).toEqual(['publish /live/told', 'play /live/told']);
    } finally {
      off();
    }
  });

  it('refuses a publish without a sign, with an expired one and with a forged one, and takes a valid one', async () => {
    const base = `rtmp://${HOST}:${server.rtmpPort}/live/pub`;
    const forged = withSign(base, signStreamPath('/live/pub', 'not-the-server-secret', Math.floor(Date.now() / 1000) + 600));
    const otherPath = withSign(base, server.sign('/live/other') as string);
    const outcomes: Outcome[] = [];
    for (const url of [base, server.rtmpUrl('live/pub', expired), forged, otherPath, server.rtmpUrl('live/pub')]) {
      const held = await publish(url);
      outcomes.push(held.outcome);
      held.close();
    }
    expect(outcomes).toEqual([
      'rejected: NetStream.publish.Unauthorized',
      'rejected: NetStream.publish.Unauthorized',
      'rejected: NetStream.publish.Unauthorized',
      'rejected: NetStream.publish.Unauthorized',
      'started',
    ]);
  });

  it('refuses RTMP and HTTP-FLV play without a sign or with an expired one, and plays with a valid one', async () => {
    const held = await publish(server.rtmpUrl('live/watch'));
    try {
      expect(held.outcome).toBe('started');
      const rtmpBase = `rtmp://${HOST}:${server.rtmpPort}/live/watch`;
      const flvBase = `http://${HOST}:${server.httpPort}/live/watch.flv`;
      expect([
        await play('rtmp', rtmpBase),
        await play('rtmp', server.rtmpUrl('live/watch', expired)),
        await play('rtmp', server.rtmpUrl('live/watch')),
      ]).toEqual(['rejected: NetStream.play.Unauthorized', 'rejected: NetStream.play.Unauthorized', 'started']);
      expect([await play('flv', flvBase), await play('flv', server.flvUrl('live/watch', expired)), await play('flv', server.flvUrl('live/watch'))]).toEqual([
        'rejected: HTTP 403',
        'rejected: HTTP 403',
        'started',
      ]);
    } finally {
      held.close();
    }
  });

  it('tells an unsigned player nothing about whether a stream exists', async () => {
    // Unpublished: a signed player hears "not found" (the CDN's answer), an unsigned one only "unauthorized".
    expect(await play('rtmp', `rtmp://${HOST}:${server.rtmpPort}/live/nobody`)).toBe('rejected: NetStream.play.Unauthorized');
    expect(await play('flv', `http://${HOST}:${server.httpPort}/live/nobody.flv`)).toBe('rejected: HTTP 403');
    expect(await play('rtmp', server.rtmpUrl('live/nobody'))).toBe('rejected: NetStream.Play.StreamNotFound');
    expect(await play('flv', server.flvUrl('live/nobody'))).toBe('rejected: HTTP 404');
  });

  it('keeps the HTTP API (stream list, relays) closed', async () => {
    const res = await fetch(`http://${HOST}:${server.httpPort}/api/streams`);
    expect(res.status).toBe(401);
    await res.arrayBuffer();
  });
});

describe('MediaServer host and signing', () => {
  it('refuses to serve a non-loopback address unsigned, before binding anything', async () => {
    // Nothing is bound or sent: the check comes first.
    await expect(new MediaServer({ host: '192.0.2.1', signedUrls: false }).start()).rejects.toThrow(
      '[live-harness] Failed to start the media server: host 192.0.2.1 is reachable from the network and signedUrls is false, so any host there could publish and play. Leave signedUrls unset (on), or bind 127.0.0.1.',
    );
  });

  it('is unsigned on 127.0.0.1 unless asked, and its URLs carry no sign', async () => {
    await using plain = await new MediaServer().start();
    expect(plain.signed).toBe(false);
    expect(plain.sign('/live/a')).toBeUndefined();
    expect(plain.rtmpUrl('live/a')).toBe(`rtmp://127.0.0.1:${plain.rtmpPort}/live/a`);
    expect(plain.flvUrl('live/a')).toBe(`http://127.0.0.1:${plain.httpPort}/live/a.flv`);
  });
});
