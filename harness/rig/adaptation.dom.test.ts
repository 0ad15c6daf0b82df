/**
 * Encoder adaptation end to end on real media, driven through the page: an
 * HD anchor in RTC mode whose max-bitrate the page lowers and raises again.
 * The pusher must really re-encode (its netstatus reports what the encoder
 * produced), the monitor player must measure the change in what it receives,
 * and the stream must stay continuous (no reconnect, the viewer keeps playing).
 */
import { join } from 'node:path';
import type { TimelineEntry } from '../record';
import { createRig } from './rig';

const root = join(__dirname, '../../fixtures/miniprogram');

/** videoBitrate of a source's netstatus reports in [fromMs, toMs). */
function bitrates(entries: readonly TimelineEntry[], source: string, fromMs: number, toMs: number): number[] {
  return entries
    .filter((e) => e.source === source && e.kind === 'netstatus' && e.t >= fromMs && e.t < toMs)
    .map((e) => (e.detail as { info: { videoBitrate: number } }).info.videoBitrate);
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

it('re-encodes at the lower max-bitrate the page sets, the viewer measures it, and the stream goes on', async () => {
  await using rig = createRig({ media: 'local', miniprogramRoot: root });
  const page = await rig.loadPage('pages/studio/studio', { mode: 'RTC', quality: 'hd', key: 'adapt' });
  await rig.advanceUntil(() => page.data.playStatus === 'playing', '15s');
  await rig.advance('5s');
  const lowered = rig.now();
  await page.setData({ maxBitrate: 300 });
  await rig.advance('8s');
  const entries = rig.timeline.entries;
  const pushBefore = median(bitrates(entries, 'pusher#pusher', lowered - 3000, lowered));
  const pushAfter = bitrates(entries, 'pusher#pusher', lowered + 3000, lowered + 8000);
  const playBefore = median(bitrates(entries, 'player#monitor', lowered - 3000, lowered));
  const playAfter = bitrates(entries, 'player#monitor', lowered + 4000, lowered + 8000);
  console.log(`pusher videoBitrate: ${pushBefore} → ${pushAfter.join('/')}; monitor received: ${playBefore} → ${playAfter.join('/')}`);
  // HD at 1200 kbps before; x264's rate control wanders, so bounds are wide but far apart.
  expect(pushBefore).toBeGreaterThan(800);
  expect(playBefore).toBeGreaterThan(800);
  // After: the encoder's output (what netstatus reports on real media) and what the viewer receives.
  expect(median(pushAfter)).toBeLessThan(300 * 1.35);
  expect(median(playAfter)).toBeLessThan(300 * 1.35);
  expect(median(playAfter)).toBeGreaterThan(100);
  const after = entries.filter((e) => e.t >= lowered);
  // The timeline says when the encoder really ran at the new rate, and how long its start took.
  const switched = after.find((e) => e.source === 'pusher#pusher' && e.kind === 'metric' && (e.detail as { name: string }).name === 'encoder-switch');
  expect(switched?.detail).toMatchObject({ videoKbps: 300, width: 540, height: 960 });
  expect((switched?.t ?? Infinity) - lowered).toBeLessThan(3000);
  // Continuous: no reconnect, no end, at most one loading blip on a loaded machine.
  const codes = (source: string): number[] => after.filter((e) => e.source === source && e.kind === 'statechange').map((e) => e.code as number);
  expect(codes('pusher#pusher').filter((c) => c === 1102)).toEqual([]);
  expect(codes('player#monitor').filter((c) => c === 2103 || c === -2301 || c === 2006)).toEqual([]);
  expect(codes('player#monitor').filter((c) => c === 2007).length).toBeLessThanOrEqual(1);
  expect(page.data.playStatus === 'playing' || page.data.playStatus === 'loading').toBe(true);

  // The cap lifts: with an uplink that keeps up, RTC mode climbs back by steps (+15 % a report, docs/adaptation.md).
  const raised = rig.now();
  await page.setData({ maxBitrate: 1200 });
  // 300 → 1200 kbps is 10 steps of +15 %; a loaded machine gets 20 s.
  await rig.advance('20s');
  const climb = bitrates(rig.timeline.entries, 'pusher#pusher', raised, raised + 20_000);
  const back = bitrates(rig.timeline.entries, 'player#monitor', raised + 17_000, raised + 20_000);
  console.log(`after the cap lifts: pusher ${climb.join('/')}; monitor received at the end ${back.join('/')}`);
  expect(median(climb.slice(-3))).toBeGreaterThan(800);
  expect(median(back)).toBeGreaterThan(700);
  // It climbed, it did not jump: the first reports after the lift are still near the old cap.
  expect(climb[0]).toBeLessThan(600);
  const lifted = rig.timeline.entries.filter((e) => e.t >= raised && e.kind === 'statechange');
  expect(lifted.filter((e) => e.code === 1102 || e.code === 2103).length).toBe(0);
}, 150_000);
