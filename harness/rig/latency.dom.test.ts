/**
 * Ground truth for the latency figure on real media: of two identical viewers
 * that join one stream at the same moment, one has a latency toxic on its
 * path through the fault proxy (its bytes really arrive later). The reported
 * latency must move by that amount (±10 %); a figure that came from the model
 * instead of the wire would not move at all.
 */
import { join } from 'node:path';
import { createRig } from './rig';

const DELAY_MS = 500;

it("moves by exactly the latency toxic on one viewer's path", async () => {
  await using rig = createRig({ media: 'local', miniprogramRoot: join(__dirname, '__fixtures__') });
  await rig.ready();
  rig.media?.proxy?.addToxic({ type: 'latency', latencyMs: DELAY_MS, direction: 'downstream', match: { who: 'player#far' } });
  expect(rig.media?.proxy?.toxics()).toHaveLength(1);
  await rig.streams.publish('live/pair');
  await rig.loadPage('viewer-pair/viewer-pair');
  await rig.advance('12s');
  const near = rig.metrics['player#near'].latencyMs;
  const far = rig.metrics['player#far'].latencyMs;
  const network = (source: string): number[] =>
    rig.timeline.entries
      .filter((e) => e.source === source && e.kind === 'metric' && (e.detail as { name: string }).name === 'latency')
      .map((e) => (e.detail as { networkMs: number }).networkMs);
  const moved = (far?.p50 ?? NaN) - (near?.p50 ?? NaN);
  console.log(
    `latency p50: near ${near?.p50} ms, far ${far?.p50} ms, moved ${moved} ms for a ${DELAY_MS} ms latency toxic; network part near ${network('player#near').join('/')}, far ${network('player#far').join('/')}`,
  );
  expect(near?.samples).toBeGreaterThanOrEqual(5);
  expect(far?.samples).toBeGreaterThanOrEqual(5);
  expect(Math.abs(moved - DELAY_MS)).toBeLessThanOrEqual(DELAY_MS * 0.1);
  // The move is in the measured part, frame by frame, not in the modelled buffer: at every
  // sample but one (a frame a loaded CPU held up on its way through server and player).
  const outliers = (xs: number[], ok: (ms: number) => boolean): number => xs.filter((ms) => !ok(ms)).length;
  expect(outliers(network('player#far'), (ms) => Math.abs(ms - DELAY_MS) <= DELAY_MS * 0.1)).toBeLessThanOrEqual(1);
  expect(outliers(network('player#near'), (ms) => ms < DELAY_MS * 0.1)).toBeLessThanOrEqual(1);
}, 60_000);
