/**
 * Contract of node-media-server@2.7.4's RTMP client, server and AMF codec as
 * we use them: connect accepted, publish start, play start, metadata kept
 * (@setDataFrame) and readable, tags carried intact (our clock SEI included),
 * UnpublishNotify to RTMP players, the end of the response to FLV players,
 * "not found" for missing keys (our server entry), a refused connection.
 * A new node-media-server version must pass this first.
 */
import { FlvPlayer } from './flv-client';
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
    await waitFor(() => started.length === 2);
    await waitFor(() => rtmpTags.filter((t) => t.type === TAG_VIDEO).length >= 15 && flvTags.filter((t) => t.type === TAG_VIDEO).length >= 15);

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
    await waitFor(() => unpublished && flvEnd !== '');
    expect(flvEnd).toBe('closed');
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['postPublish', 'postPlay', 'donePublish']));
    expect(events.find((e) => e.event === 'postPublish')?.streamPath).toBe('/live/contract');
    rp.close();
    fp.close();
  });

  it('answers a play of a key nobody publishes with "not found", unless the player asks to wait', async () => {
    await using server = await new MediaServer().start();
    const rejected: string[] = [];
    new RtmpPlayer(server.rtmpUrl('live/none'), { onRejected: (code, notFound) => rejected.push(`${code}:${notFound}`) }).start();
    new FlvPlayer(server.flvUrl('live/none'), { onRejected: (code, notFound) => rejected.push(`${code}:${notFound}`) }).start();
    await waitFor(() => rejected.length === 2);
    expect(rejected.sort()).toEqual(['HTTP 404:true', 'NetStream.Play.StreamNotFound:true']);
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

  it('reports a refused connection', async () => {
    const port = await freePort('127.0.0.1');
    let end = '';
    new RtmpPublisher(`rtmp://127.0.0.1:${port}/live/x`, { onEnd: (f) => (end = f) }).start();
    await waitFor(() => end !== '');
    expect(end).toBe('refused');
  });
});
