/**
 * Contract of node-media-server@2.7.4's RTMP client, server and AMF codec as
 * we use them: connect accepted, publish start, play start, metadata kept
 * (@setDataFrame) and readable, tags carried intact (our clock SEI included),
 * UnpublishNotify to RTMP players, the end of the response to FLV players,
 * "not found" for missing keys (our server entry), a refused connection.
 * The lending players (an audience's) carry the same bytes as the copying
 * ones; RtmpPlayer's lending mode opens the socket the client's own _start
 * would, so the client's internals it calls are guarded here.
 * A new node-media-server version must pass this first.
 */
import { FlvPlayer } from './flv-client';
import { LeanFlvPlayer } from './lean-flv-player';
import { toWireFrame } from './frame-reader';
import { readVideoClock, stampVideoTag, TAG_VIDEO, type FlvTag } from './flv';
import { PRESETS, SyntheticSource } from './synthetic-source';
import { freePort, MediaServer, type ServerEvent } from './media-server';
import { RtmpPlayer, RtmpPublisher } from './rtmp-client';

const waitFor = async (pred: () => boolean, ms = 5000): Promise<void> => {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('node-media-server 2.7.4 contract', () => {
  it('carries a publish to RTMP and HTTP-FLV players and tells each the end its own way', async () => {
    await using server = await new MediaServer().start();
    await using src = await new SyntheticSource({ ...PRESETS.QVGA, fps: 10, gopSeconds: 1 }).start();
    const events: ServerEvent[] = [];
    server.onEvent((e) => events.push(e));
    let seq = 0;
    let session = false;
    const pub = new RtmpPublisher(server.rtmpUrl('live/contract'), {
      onSession: () => (session = true),
      onStarted: () => src.sequenceHeaders.forEach((h) => pub.write(h)),
    }).start();
    src.onTag((t) => pub.write(t.type === TAG_VIDEO ? { ...t, data: stampVideoTag(t.data, Date.now(), ++seq) } : t));
    await waitFor(() => pub.publishing);
    expect(session).toBe(true);
    await new Promise((r) => setTimeout(r, 1500)); // let the server's GOP cache hold a key frame

    const rtmpTags: FlvTag[] = [];
    const flvTags: FlvTag[] = [];
    let unpublished = false;
    let flvEnd = '';
    const started: string[] = [];
    const rp = new RtmpPlayer(server.rtmpUrl('live/contract'), {
      onStarted: () => started.push('rtmp'),
      onTag: (t) => rtmpTags.push(t),
      onUnpublished: () => (unpublished = true),
    }).start();
    const fp = new FlvPlayer(server.flvUrl('live/contract'), {
      onStarted: () => started.push('flv'),
      onTag: (t) => flvTags.push(t),
      onEnd: (f) => (flvEnd = f),
    }).start();
    // Lent tags are read in the call: kept here by their clock (video) or timestamp (audio), as bytes.
    const lent = { rtmp: new Map<string, string>(), flv: new Map<string, string>() };
    const keep = (into: Map<string, string>) => (t: FlvTag) => {
      const key = t.type === TAG_VIDEO ? `v${readVideoClock(t.data)?.seq ?? `-${t.timestamp}`}` : `${t.type}:${t.timestamp}`;
      into.set(key, t.data.toString('hex'));
    };
    let leanEnd = '';
    let lentUnpublished = false;
    const lrp = new RtmpPlayer(server.rtmpUrl('live/contract'), {
      onStarted: () => started.push('rtmp-lent'),
      onTagView: keep(lent.rtmp),
      onUnpublished: () => (lentUnpublished = true),
    }).start();
    const lfp = new LeanFlvPlayer(server.flvUrl('live/contract'), {
      onStarted: () => started.push('flv-lent'),
      onTagView: keep(lent.flv),
      onEnd: (f) => (leanEnd = f),
    }).start();
    await waitFor(() => started.length === 4);
    await waitFor(() => rtmpTags.filter((t) => t.type === TAG_VIDEO).length >= 15 && flvTags.filter((t) => t.type === TAG_VIDEO).length >= 15);
    await waitFor(() => lent.rtmp.size >= 30 && lent.flv.size >= 30);
    for (const [copied, borrowed] of [
      [rtmpTags, lent.rtmp],
      [flvTags, lent.flv],
    ] as const) {
      const mine = new Map<string, string>();
      copied.forEach(keep(mine));
      const common = [...borrowed.keys()].filter((k) => mine.has(k) && k.startsWith('v') && !k.startsWith('v-'));
      expect(common.length).toBeGreaterThanOrEqual(10);
      for (const k of [...borrowed.keys()].filter((k) => mine.has(k))) expect(borrowed.get(k)).toBe(mine.get(k));
    }

    // A late joiner starts at a key frame (GOP cache); our clock SEI survives the server, in order.
    for (const tags of [rtmpTags, flvTags]) {
      // the metadata the publisher sent comes before any frame, readable by node-media-server's AMF codec
      const frames = tags.map((t) => toWireFrame(t, 0));
      const meta = frames.findIndex((f) => f?.kind === 'meta');
      expect(frames[meta]).toMatchObject({ kind: 'meta', width: 240, height: 320, hasVideo: true });
      expect(meta).toBeLessThan(frames.findIndex((f) => f?.kind === 'video'));
      const video = tags.filter((t) => t.type === TAG_VIDEO && t.data[1] === 1);
      expect(video.slice(0, 3).map((t) => `${t.timestamp}:${t.data.subarray(0, 2).toString('hex')}`)[0]).toMatch(/:1701$/);
      const seqs = video.map((t) => readVideoClock(t.data)?.seq);
      expect(seqs.every((x) => typeof x === 'number')).toBe(true);
      expect(seqs).toEqual([...(seqs as number[])].sort((a, b) => a - b));
    }
    pub.close();
    await waitFor(() => unpublished && flvEnd !== '' && lentUnpublished && leanEnd !== '');
    expect(flvEnd).toBe('closed');
    expect(leanEnd).toBe('closed');
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['postPublish', 'postPlay', 'donePublish']));
    expect(events.find((e) => e.event === 'postPublish')?.streamPath).toBe('/live/contract');
    rp.close();
    fp.close();
    lrp.close();
    lfp.close();
  });

  it('answers a play of a key nobody publishes with "not found", unless the player asks to wait', async () => {
    await using server = await new MediaServer().start();
    const rejected: string[] = [];
    new RtmpPlayer(server.rtmpUrl('live/none'), { onRejected: (code, notFound) => rejected.push(`${code}:${notFound}`) }).start();
    new FlvPlayer(server.flvUrl('live/none'), { onRejected: (code, notFound) => rejected.push(`${code}:${notFound}`) }).start();
    let leanEnd = '';
    new LeanFlvPlayer(server.flvUrl('live/none'), {
      onRejected: (code, notFound) => rejected.push(`lean ${code}:${notFound}`),
      onTagView: () => undefined,
      onEnd: (f, started) => (leanEnd = `${f}:${started}`),
    }).start();
    await waitFor(() => rejected.length === 3 && leanEnd !== '');
    expect(rejected.sort()).toEqual(['HTTP 404:true', 'NetStream.Play.StreamNotFound:true', 'lean HTTP 404:true']);
    expect(leanEnd).toBe('closed:false');
    rejected.length = 2;
    let tags = 0;
    const waiting = new FlvPlayer(`${server.flvUrl('live/soon')}?lh_missing=wait`, { onRejected: (c) => rejected.push(c), onTag: () => tags++ }).start();
    await new Promise((r) => setTimeout(r, 500));
    const src = await new SyntheticSource({ ...PRESETS.QVGA, fps: 10, gopSeconds: 1 }).start();
    const pub = new RtmpPublisher(server.rtmpUrl('live/soon'), { onStarted: () => src.sequenceHeaders.forEach((h) => pub.write(h)) }).start();
    src.onTag((t) => pub.write(t));
    await waitFor(() => tags > 5);
    expect(rejected).toHaveLength(2);
    waiting.close();
    pub.close();
    await src.stop();
  });

  it("keeps the client internals a lending RtmpPlayer's socket is wired to", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Client = require('node-media-server/src/node_rtmp_client') as new (url: string) => Record<string, unknown>;
    const c = new Client('rtmp://127.0.0.1:19350/live/x');
    for (const m of ['_start', 'onSocketData', 'onSocketError', 'onSocketClose', 'onSocketTimeout']) expect(typeof c[m]).toBe('function');
    expect(c.info).toMatchObject({ hostname: '127.0.0.1', port: '19350' });
    // Its own _start is what the lending mode replaces: a socket with these four listeners and a 60 s timeout.
    expect(String(c._start)).toMatch(/createConnection[\s\S]*'data'[\s\S]*'error'[\s\S]*'close'[\s\S]*'timeout'[\s\S]*setTimeout\(60000\)/);
  });

  it('reports a refused connection', async () => {
    const port = await freePort('127.0.0.1');
    let end = '';
    new RtmpPublisher(`rtmp://127.0.0.1:${port}/live/x`, { onEnd: (f) => (end = f) }).start();
    let leanEnd = '';
    new LeanFlvPlayer(`http://127.0.0.1:${port}/live/x.flv`, { onTagView: () => undefined, onEnd: (f) => (leanEnd = f) }).start();
    await waitFor(() => end !== '' && leanEnd !== '');
    expect(end).toBe('refused');
    expect(leanEnd).toBe('refused');
  });
});
