/**
 * The media link on real sockets: each wire fact a phone can meet — a port
 * that refuses, a server that hangs up mid-handshake, a key nobody publishes,
 * a host outside the map, a reset, a kick, a lost network, a second publisher —
 * must reach the model as the link fact the virtual link would give.
 */
import { createServer, type Server } from 'node:net';
import { HostMap, MediaLink, parseStreamUrl, type CloseReason, type ConnectFailure, type StreamInfo, type StreamTarget } from '../../mocks/link';
import { RealClock } from '../../mocks/time';
import { freePort, MediaServer, type StartedMediaServer } from './media-server';
import { LocalMediaTransport } from './media-transport';
import { PRESETS } from './synthetic-source';
import { localEndpoint, type ServerEndpoint } from './server-endpoint';

type Fact = `connected` | `publishing` | `stream-begin` | `failed:${ConnectFailure}` | `closed:${CloseReason}`;

let server: StartedMediaServer;
let n = 0;

beforeAll(async () => {
  server = await new MediaServer().start();
});
afterAll(async () => {
  await server?.stop();
});

function rig(endpoint: ServerEndpoint, missingStream: 'not-found' | 'wait' = 'not-found') {
  const clock = new RealClock();
  const incidents: string[] = [];
  const transport = new LocalMediaTransport({ endpoint, namespace: `t${++n}`, missingStream });
  const link = new MediaLink({
    clock,
    transport,
    hosts: new HostMap(),
    connectTimeoutMs: 3000,
    readWriteTimeoutMs: 8000,
    onIncident: (k) => incidents.push(k),
  });
  return {
    link,
    transport,
    incidents,
    async [Symbol.asyncDispose]() {
      link.dispose();
      clock.clearAll();
      await transport.dispose();
    },
  };
}

const target = (url: string): StreamTarget => parseStreamUrl(url) as StreamTarget;
const info: StreamInfo = { hasVideo: true, hasAudio: true, videoKbps: 350, audioKbps: 48, fps: 15, gopSeconds: 1, width: 240, height: 320 };

function facts() {
  const seen: Fact[] = [];
  const waiters: Array<[Fact, () => void]> = [];
  const push = (f: Fact): void => {
    seen.push(f);
    for (const [w, done] of waiters) if (w === f) done();
  };
  return {
    seen,
    until: (f: Fact, ms = 8000): Promise<void> =>
      seen.includes(f)
        ? Promise.resolve()
        : new Promise((resolve, reject) => {
            const t = setTimeout(() => reject(new Error(`no ${f} within ${ms} ms; saw ${seen.join(', ') || 'nothing'}`)), ms);
            waiters.push([f, () => (clearTimeout(t), resolve())]);
          }),
    publish: {
      onConnected: () => push('connected'),
      onPublishing: () => push('publishing'),
      onFailed: (f: ConnectFailure) => push(`failed:${f}`),
      onClosed: (r: CloseReason) => push(`closed:${r}`),
    },
    play: {
      onConnected: () => push('connected'),
      onStreamBegin: () => push('stream-begin'),
      onFailed: (f: ConnectFailure) => push(`failed:${f}`),
      onClosed: (r: CloseReason) => push(`closed:${r}`),
    },
  };
}

const PUSH = (key: string) => `rtmp://1234.livepush.myqcloud.com/live/${key}?txSecret=x`;
const FLV = (key: string) => `http://1234.liveplay.myqcloud.com/live/${key}.flv`;
const RTMP = (key: string) => `rtmp://1234.liveplay.myqcloud.com/live/${key}`;

async function publishing(l: ReturnType<typeof rig>, key: string) {
  const f = facts();
  const conn = l.link.publish(target(PUSH(key)), f.publish, l.link.capture({ ...PRESETS.QVGA, gopSeconds: 1 }));
  await f.until('publishing');
  return { f, conn };
}

describe('MediaLink on real sockets', () => {
  it('reports a refused port as refused, for publishers and players', async () => {
    const port = await freePort('127.0.0.1');
    await using l = rig({ rtmpBase: `rtmp://127.0.0.1:${port}`, flvBase: `http://127.0.0.1:${port}`, describe: 'a closed port' });
    const a = facts();
    l.link.publish(target(PUSH('x')), a.publish, l.link.capture(PRESETS.QVGA));
    await a.until('failed:refused');
    const b = facts();
    l.link.play(target(FLV('x')), b.play);
    await b.until('failed:refused');
    expect([a.seen, b.seen]).toEqual([['failed:refused'], ['failed:refused']]);
  }, 20_000);

  it('reports a server that hangs up before the RTMP handshake completes as a handshake failure', async () => {
    const rude: Server = createServer((s) => s.destroy());
    await new Promise<void>((r) => rude.listen(0, '127.0.0.1', () => r()));
    const port = (rude.address() as { port: number }).port;
    try {
      await using l = rig({ rtmpBase: `rtmp://127.0.0.1:${port}`, flvBase: `http://127.0.0.1:${port}`, describe: 'a rude server' });
      const f = facts();
      l.link.publish(target(PUSH('x')), f.publish, l.link.capture(PRESETS.QVGA));
      await f.until('failed:handshake');
      expect(f.seen).toEqual(['failed:handshake']);
    } finally {
      rude.close();
    }
  }, 20_000);

  it('says "not found" for a key nobody publishes, over RTMP and over HTTP-FLV, after connecting', async () => {
    await using l = rig(localEndpoint(server));
    for (const url of [RTMP('nobody'), FLV('nobody')]) {
      const f = facts();
      l.link.play(target(url), f.play);
      await f.until('failed:not-found');
      expect(f.seen).toEqual(['connected', 'failed:not-found']);
    }
  }, 20_000);

  it('holds a player for a missing key when the server is told to wait, and starts it when the key appears', async () => {
    await using l = rig(localEndpoint(server), 'wait');
    const f = facts();
    l.link.play(target(RTMP('later')), f.play);
    await f.until('connected');
    await new Promise((r) => setTimeout(r, 1500));
    expect(f.seen).toEqual(['connected']);
    await publishing(l, 'later');
    await f.until('stream-begin');
  }, 20_000);

  it('plays an https:// FLV URL from the local server over plain HTTP', async () => {
    await using l = rig(localEndpoint(server));
    await publishing(l, 'tls');
    const f = facts();
    l.link.play(target('https://1234.liveplay.myqcloud.com/live/tls.flv'), f.play);
    await f.until('stream-begin');
    expect(f.seen).toEqual(['connected', 'stream-begin']);
  }, 20_000);

  it('fails a host outside the host map as DNS does, without any connection', async () => {
    await using l = rig(localEndpoint(server));
    const events: string[] = [];
    const off = server.onEvent((e) => e.streamPath?.startsWith('/live/x-') && events.push(e.event));
    const f = facts();
    l.link.play(target('http://cdn.elsewhere.example/live/x.flv'), f.play);
    await f.until('failed:dns');
    await new Promise((r) => setTimeout(r, 200));
    off();
    expect(f.seen).toEqual(['failed:dns']);
    expect(events).toEqual([]);
    // The rig turns this into the warning that says how to add the host.
    expect(l.incidents).toEqual(['host-unknown']);
  }, 20_000);

  it('turns a reset, a kick and a lost network into the close reasons the model knows', async () => {
    // node-media-server, kicked, tells RTMP viewers the stream was unpublished before it hangs up; HTTP-FLV just ends.
    await using l = rig(localEndpoint(server));
    const p1 = await publishing(l, 'r1');
    l.link.reset('live/r1');
    await p1.f.until('closed:reset');

    const p2 = await publishing(l, 'k1');
    const rtmp = facts();
    const flv = facts();
    const rc = l.link.play(target(RTMP('k1')), rtmp.play);
    const fc = l.link.play(target(FLV('k1')), flv.play);
    await Promise.all([rtmp.until('stream-begin'), flv.until('stream-begin')]);
    // frames really flow before the kick
    await new Promise((r) => setTimeout(r, 500));
    expect(rc.receive(500).receivedKbps).toBeGreaterThan(0);
    expect(fc.receive(500).receivedKbps).toBeGreaterThan(0);
    l.link.serverClose('live/k1');
    await Promise.all([p2.f.until('closed:server-close'), rtmp.until('closed:unpublished'), flv.until('closed:eof')]);

    const p3 = await publishing(l, 'c1');
    l.link.cut();
    await p3.f.until('closed:reset');
    const after = facts();
    l.link.play(target(FLV('c1')), after.play);
    await after.until('failed:dns');
    l.link.restore();
    expect(l.incidents).toEqual(['reset', 'server-close', 'cut', 'restore']);
  }, 30_000);

  it('rejects a second publisher of a live key, as servers do', async () => {
    await using l = rig(localEndpoint(server));
    await publishing(l, 'dup');
    const second = facts();
    l.link.publish(target(PUSH('dup')), second.publish, l.link.capture(PRESETS.QVGA));
    await second.until('failed:rejected');
    expect(second.seen).toEqual(['connected', 'failed:rejected']);
  }, 20_000);

  it('refuses room:// on real media and says why', async () => {
    await using l = rig(localEndpoint(server));
    const f = facts();
    l.link.publish(target('room://cloud.tencent.com/rtc?sdkappid=1&roomid=1&userid=a&usersig=s'), f.publish, l.link.capture(PRESETS.QVGA));
    await f.until('failed:rejected');
    expect(l.incidents).toEqual(['unsupported']);
  }, 20_000);

  it('measures what the encoder really sends', async () => {
    await using l = rig(localEndpoint(server));
    const { conn } = await publishing(l, 'm1');
    conn.send(100, info);
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, 2000));
    // The rates are over the time that really passed: a loaded machine wakes the timer late.
    const tick = conn.send(Date.now() - t0, info);
    expect(tick.measured?.fps).toBeGreaterThan(12);
    expect(tick.measured?.fps).toBeLessThan(18);
    // QVGA preset: 350 kbps video (x264 rate control over 2 s), 48 kbps audio
    expect(tick.measured?.videoKbps).toBeGreaterThan(175);
    expect(tick.measured?.videoKbps).toBeLessThan(525);
    expect(tick.sentKbps).toBeGreaterThan(175);
    expect(tick.queuedMs).toBeLessThan(300);
  }, 20_000);
});
