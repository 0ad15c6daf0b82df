/**
 * Ground truth for the received bitrate on real media: a remote anchor sends
 * ~860 kbps; the viewer's path through the fault proxy is capped at 300 kbps
 * by a bandwidth toxic. What the viewer reports receiving must stay at or
 * under the cap (its figure comes from bytes on its socket), and the player
 * must say it is starved (2104 data lag, 2105 stutter or 2007 loading).
 */
import { join } from 'node:path';
import { MOST, mean, median, shareWhere } from '../../test-support/samples';
import { createRig } from './rig';

const CAP_KBPS = 300;

it('a 300 kbps cap on the viewer’s path holds its received bitrate at or under 300 kbps, and the player says it is starved', async () => {
  await using rig = createRig({ media: 'local', miniprogramRoot: join(__dirname, '../../fixtures/miniprogram') });
  await rig.streams.publish('live/demo', { videoKbps: 800 });
  const page = await rig.loadPage('pages/play/play');
  await rig.advanceUntil(() => page.data.status === 'playing', '15s');
  await rig.advance('2s');
  const before = rig.timeline.entries.length;
  rig.media?.proxy?.addToxic({ name: 'cap', type: 'bandwidth', rateKbps: CAP_KBPS, direction: 'downstream', match: { role: 'player' } });
  await rig.advance('4s'); // what was already on its way drains first; the window of netstatus averages settles
  const settled = rig.timeline.entries.length;
  await rig.advance('8s');
  const speeds = rig.timeline.entries
    .slice(settled)
    .filter((e) => e.source === 'player#player' && e.kind === 'netstatus')
    .map((e) => (e.detail as { info: { netSpeed: number } }).info.netSpeed);
  const starved = rig.timeline.entries.slice(before).filter((e) => e.source === 'player#player' && [2104, 2105, 2007].includes(e.code as number));
  const meanKbps = mean(speeds);
  console.log(
    `received kbps under a ${CAP_KBPS} kbps cap: ${speeds.join(', ')} (mean ${meanKbps.toFixed(0)}, median ${median(speeds)}); starved codes: ${starved.map((e) => e.code).join(' ') || 'none'}`,
  );
  expect(speeds.length).toBeGreaterThanOrEqual(5);
  // Over the whole settled span the viewer received no more than the cap (5 % for the stamps' rounding) …
  expect(meanKbps).toBeLessThanOrEqual(CAP_KBPS * 1.05);
  // … and in a one-second sample "about 300": the median, and most samples (test-support/samples.ts), within 30 %,
  // as the toxic lets 100 ms of rate through at once and a sample averages its steps' rates, which a loaded
  // machine spaces unevenly (a frame held up lands in the next sample). Uncapped, they would read ~860.
  expect(median(speeds)).toBeLessThanOrEqual(CAP_KBPS * 1.1);
  expect(shareWhere(speeds, (k) => k <= CAP_KBPS * 1.3)).toBeGreaterThanOrEqual(MOST);
  expect(median(speeds)).toBeGreaterThan(CAP_KBPS * 0.5); // it flows: capped, not stopped
  expect(starved.length).toBeGreaterThan(0);
}, 90_000);
