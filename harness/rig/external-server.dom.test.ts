/**
 * LIVE_HARNESS_SERVER points the rig at a server it does not run (SRS, a cloud
 * ingest): here a second node-media-server stands in for it, and the traffic
 * must really go there — not to the embedded one.
 */
import { join } from 'node:path';
import { MediaServer, type ServerEvent } from '../media';
import { createRig } from './rig';

const root = join(__dirname, '../../fixtures/miniprogram');

it('publishes and plays through the server LIVE_HARNESS_SERVER names', async () => {
  await using external = await new MediaServer().start();
  const seen: ServerEvent[] = [];
  external.onEvent((e) => seen.push(e));
  const saved = { rtmp: process.env.LIVE_HARNESS_SERVER, flv: process.env.LIVE_HARNESS_SERVER_FLV };
  process.env.LIVE_HARNESS_SERVER = `rtmp://127.0.0.1:${external.rtmpPort}`;
  process.env.LIVE_HARNESS_SERVER_FLV = `http://127.0.0.1:${external.httpPort}`;
  try {
    await using rig = createRig({ media: 'local', miniprogramRoot: root });
    const page = await rig.loadPage('pages/studio/studio');
    expect(rig.opened.server).toBe(`the external server rtmp://127.0.0.1:${external.rtmpPort} (HTTP-FLV http://127.0.0.1:${external.httpPort})`);
    await rig.advanceUntil(() => page.data.playStatus === 'playing', '10s');
    const paths = seen.filter((e) => e.event === 'postPublish' || e.event === 'postPlay').map((e) => `${e.event} ${e.streamPath}`);
    expect(paths).toEqual([expect.stringMatching(/^postPublish \/live\/studio-lh\w+$/), expect.stringMatching(/^postPlay \/live\/studio-lh\w+$/)]);
    // The rig cannot order a server it does not run; it says so instead of pretending.
    rig.network.serverClose();
    expect(rig.problems).toEqual([
      '[live-harness] Failed to make the server close sessions: the external server rtmp://127.0.0.1:' +
        external.rtmpPort +
        ` (HTTP-FLV http://127.0.0.1:${external.httpPort}) takes no orders from the rig. Use the embedded server for serverClose().`,
    ]);
  } finally {
    for (const [k, v] of [
      ['LIVE_HARNESS_SERVER', saved.rtmp],
      ['LIVE_HARNESS_SERVER_FLV', saved.flv],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}, 60_000);

it('names a malformed LIVE_HARNESS_SERVER and the fix when the rig gets ready', async () => {
  const saved = process.env.LIVE_HARNESS_SERVER;
  process.env.LIVE_HARNESS_SERVER = 'srs.local:1935';
  try {
    await using rig = createRig({ media: 'local', miniprogramRoot: root });
    await expect(rig.ready()).rejects.toThrow(
      '[live-harness] Failed to use the external server: LIVE_HARNESS_SERVER="srs.local:1935" is not rtmp://host[:port]. Set it like rtmp://192.168.1.20:1935, or unset it to use the embedded server.',
    );
  } finally {
    if (saved === undefined) delete process.env.LIVE_HARNESS_SERVER;
    else process.env.LIVE_HARNESS_SERVER = saved;
  }
});
