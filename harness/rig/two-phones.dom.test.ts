/**
 * Two rigs at once on real media — an anchor's phone and a viewer's phone,
 * each with its own page stack, on the same shared server — and a reader
 * outside both (here a bare HTTP-FLV client, as a browser or ffprobe would be)
 * that finds the stream through the rig's public URLs and reads its in-band clock.
 */
import { join } from 'node:path';
import { FlvPlayer, flv } from '../media';
import { createRig } from './rig';

const sample = join(__dirname, '../../fixtures/miniprogram');

describe('two phones on one server', () => {
  it('lets an anchor rig push and a viewer rig play the same stream, and an outside reader watch it', async () => {
    await using anchor = createRig({ media: 'local', miniprogramRoot: sample });
    // Two phones of one story: the viewer's rig shares the anchor's stream namespace on the shared server.
    await using viewer = createRig({ media: { namespace: anchor.media!.namespace }, miniprogramRoot: sample });
    const pushPage = await anchor.loadPage('pages/push/push');
    await anchor.advanceUntil(() => pushPage.data.status === 'pushing', '15s');

    const urls = anchor.media!.urls('rtmp://1234.livepush.myqcloud.com/live/demo?txSecret=abc');
    expect(urls.key).toBe('live/demo');
    expect(anchor.media!.endpoints!.rtmp).toMatch(/^rtmp:\/\/127\.0\.0\.1:\d+$/);
    expect(urls.httpFlv).toBe(`${anchor.media!.endpoints!.httpFlv}${urls.serverPath}.flv`);
    await viewer.ready();
    expect(viewer.media!.endpoints!.rtmp).toBe(anchor.media!.endpoints!.rtmp);
    // The viewer page keeps its own URL for the stream: http://1234.liveplay.myqcloud.com/live/demo.flv.
    const playPage = await viewer.loadPage('pages/play/play');
    await viewer.advanceUntil(() => playPage.data.status === 'playing', '15s');
    expect(viewer.timeline).toHaveSequence(['player#player 2001', 'player#player 2004']);
    expect(anchor.timeline).toNeverHave({ source: 'player#*' });
    expect(viewer.timeline).toNeverHave({ source: 'pusher#*' });

    // An outside reader: frames arrive, and video frames carry the anchor's wall clock in an SEI.
    const clocks: number[] = [];
    await new Promise<void>((resolve, reject) => {
      const reader = new FlvPlayer(urls.httpFlv, {
        onTag: (tag, arrivalWallMs) => {
          if (tag.type !== flv.TAG_VIDEO) return;
          const c = flv.readVideoClock(tag.data);
          if (c) clocks.push(arrivalWallMs - c.wallMs);
          if (clocks.length >= 10) {
            reader.close();
            resolve();
          }
        },
        onEnd: (how) => reject(new Error(`the outside reader's stream ended (${how}) after ${clocks.length} clocked frames`)),
      }).start();
    });
    // Capture-to-arrival over loopback: never negative, and bounded by the GOP the server replays first.
    for (const d of clocks) expect(d).toBeGreaterThanOrEqual(0);
    expect(Math.min(...clocks)).toBeLessThan(5000);
  }, 60_000);
});
