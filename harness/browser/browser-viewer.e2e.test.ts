/**
 * Ground truth for the browser viewer on real media: two browser viewers in
 * one Chromium join one stream at the same moment, each through its own path
 * in the rig's fault proxy; one path has a 1000 ms latency toxic (its bytes
 * really arrive later). Its latency, measured per presented frame from the
 * stream's in-band clock, must move by that amount (±10 %); its first frame
 * must be reported, after its load.
 */
import { join } from 'node:path';
import { createRig } from '../rig';
import { installDom } from '../runner';
import { BrowserViewer, launchBrowser } from '.';

// The rig renders pages through miniprogram-simulate; playwright-core does not load in jsdom's realm.
let removeDom: () => void;
beforeAll(() => {
  removeDom = installDom();
});
afterAll(() => removeDom());

// Both figures must move by the delay ±10 %. The displayed one includes each player's buffer, which its
// catch-up leaves within a few tens of ms of the other's (1.2× overshoots between two timeupdates):
// 1000 ms keeps that well inside the 10 %; the arrival part has no buffer and moves by the delay to a ms.
const DELAY_MS = 1000;
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];

it("moves a browser viewer's latency by exactly the latency toxic on its path", async () => {
  await using rig = createRig({ media: 'local', miniprogramRoot: join(__dirname, '../rig/__fixtures__') });
  await rig.ready();
  await using browser = await launchBrowser();
  const proxy = rig.media!.proxy!;
  proxy.addToxic({ type: 'latency', latencyMs: DELAY_MS, direction: 'downstream', match: { who: 'browser#far' } });
  await rig.streams.publish('live/web');
  const url = rig.media!.urls('live/web').httpFlv;
  const viewer = (id: string): BrowserViewer =>
    new BrowserViewer({
      id,
      url,
      browser: browser.browser,
      record: (e) => rig.record(e),
      via: {
        endpoint: proxy.endpoints['http-flv'],
        name: (address, port) => proxy.tag(address, port, { who: `browser#${id}`, role: 'player', key: 'live/web' }),
      },
    });
  await using near = await viewer('near').start();
  await using far = await viewer('far').start();
  await rig.advance('16s');

  // Skip the catch-up after joining (the server starts a viewer at its cached key frame); judge the rest.
  const settled = (v: BrowserViewer): number[] => {
    const from = v.latencySamples[0]?.wallMs + 7000;
    return v.latencySamples.filter((s) => s.wallMs >= from).map((s) => s.ms);
  };
  const network = (v: BrowserViewer): number[] => v.latencySamples.map((s) => s.networkMs);
  const n = settled(near);
  const f = settled(far);
  const moved = median(f) - median(n);
  const netMoved = median(network(far)) - median(network(near));
  console.log(
    `browser latency p50 (display − send): near ${median(n)} ms, far ${median(f)} ms, moved ${moved} ms for a ${DELAY_MS} ms latency toxic ` +
      `(${n.length} / ${f.length} frames); arrival − send p50: near ${median(network(near))} ms, far ${median(network(far))} ms, moved ${netMoved} ms; ` +
      `first frame near ${near.firstFrameAt?.ms} ms, far ${far.firstFrameAt?.ms} ms after load`,
  );
  for (const v of [near, far]) {
    expect(v.firstFrameAt).toBeDefined();
    expect(v.firstFrameAt!.wallMs).toBeGreaterThan(v.loadedAtWallMs!);
  }
  expect(n.length).toBeGreaterThanOrEqual(50);
  expect(f.length).toBeGreaterThanOrEqual(50);
  expect(Math.abs(moved - DELAY_MS)).toBeLessThanOrEqual(DELAY_MS * 0.1);
  expect(Math.abs(netMoved - DELAY_MS)).toBeLessThanOrEqual(DELAY_MS * 0.1);

  // On the timeline, in order: load, then first frame, for each viewer; and their figures.
  const entries = rig.timeline.entries;
  for (const src of ['browser#near', 'browser#far']) {
    const actions = entries.filter((e) => e.source === src && e.kind === 'action').map((e) => (e.detail as { action: string }).action);
    expect(actions.slice(0, 2)).toEqual(['load', 'first-frame']);
    const metrics = entries.filter((e) => e.source === src && e.kind === 'metric').map((e) => (e.detail as { name: string }).name);
    expect(metrics).toEqual(expect.arrayContaining(['first-frame', 'latency', 'playback']));
    expect(entries.filter((e) => e.source === src && e.kind === 'error')).toEqual([]);
  }
}, 90_000);
