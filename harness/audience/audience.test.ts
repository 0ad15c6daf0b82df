/**
 * An audience on real media (the embedded server, a real encoder, real
 * sockets): its histograms against ground truth, and shards that add up to
 * the whole. Small audiences, so the figures hold on a loaded 2-core machine.
 */
import { MediaServer, PRESETS, type StartedMediaServer } from '../media';
import { eventually } from '../../test-support/processes';
import { Audience, type AudienceOptions } from './audience';
import { ClockedPublisher } from './clocked-publisher';
import { Histogram } from './histogram';
import { mergeSummaries } from './merge';

jest.setTimeout(90_000);

let server: StartedMediaServer;
let publisher: ClockedPublisher;

beforeAll(async () => {
  server = await new MediaServer().start();
  publisher = await new ClockedPublisher(server.rtmpUrl('live/crowd'), PRESETS.QVGA).start();
});

afterAll(async () => {
  await publisher?.stop();
  await server?.stop();
});

const target = () => ({ rtmp: server.rtmpUrl('live/crowd'), httpFlv: server.flvUrl('live/crowd') });
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function watch(audiences: Audience[], viewers: number, forMs: number): Promise<void> {
  for (const a of audiences) await a.start();
  expect(await eventually(() => audiences.reduce((n, a) => n + a.watching, 0) === viewers, 20_000)).toBe(true);
  await new Promise((r) => setTimeout(r, forMs));
}

it('moves exactly the share behind a latency toxic, by the toxic’s amount', async () => {
  const audience = new Audience(
    {
      stream: 'live/crowd',
      viewers: 20,
      protocol: 'http-flv',
      faults: [{ share: 0.1, toxics: [{ type: 'latency', latencyMs: 500, direction: 'downstream' }] }],
    },
    target(),
  );
  try {
    await watch([audience], 20, 5000);
  } finally {
    await audience.stop();
  }
  const s = await audience.stop();
  expect([s.viewers, s.joined, s.left]).toEqual([20, 20, 0]);
  expect(s.groups?.map((g) => [g.name, g.viewers])).toEqual([
    ['healthy', 18],
    ['latency 500ms', 2],
  ]);
  // Ground truth per viewer: its own median latency. The healthy median is the baseline.
  const healthy = audience.viewers.filter((v) => v.group === 0).map((v) => v.latencyP50Ms as number);
  const baseline = median(healthy);
  const moved = audience.viewers.filter((v) => (v.latencyP50Ms as number) > baseline + 250);
  expect(moved.map((v) => v.group)).toEqual([1, 1]);
  for (const v of moved) expect(Math.abs((v.latencyP50Ms as number) - baseline - 500)).toBeLessThanOrEqual(50);
  // The histograms say the same: the share's median sits 500 ms (±10%) above the rest's.
  const [plain, shifted] = s.groups ?? [];
  expect(Math.abs(shifted.histograms.latencyMs.p50 - plain.histograms.latencyMs.p50 - 500)).toBeLessThanOrEqual(50);
  expect(s.histograms.latencyMs.count).toBe(plain.histograms.latencyMs.count + shifted.histograms.latencyMs.count);
});

it('merges two shards into the counts of one run of the whole audience', async () => {
  const options: AudienceOptions = {
    stream: 'live/crowd',
    viewers: 10,
    protocol: 'rtmp',
    join: { rampS: 1 },
    faults: [{ share: 0.2, toxics: [{ type: 'latency', latencyMs: 100, direction: 'downstream' }] }],
  };
  const whole = new Audience(options, target());
  try {
    await watch([whole], 10, 2000);
  } finally {
    await whole.stop();
  }
  const shards = [1, 2].map((index) => new Audience(options, target(), { shard: { index, count: 2 } }));
  try {
    await watch(shards, 10, 2000);
  } finally {
    await Promise.all(shards.map((a) => a.stop()));
  }
  const parts = await Promise.all(shards.map((a) => a.stop()));
  const merged = mergeSummaries(JSON.parse(JSON.stringify(parts)));
  const one = await whole.stop();
  // The same viewers, the same paths: every count of the merged report is the whole run's.
  expect(shards.flatMap((a) => a.viewers.map((v) => [v.index, v.group])).sort((a, b) => a[0] - b[0])).toEqual(whole.viewers.map((v) => [v.index, v.group]));
  for (const k of ['viewers', 'joined', 'left'] as const) expect(merged[k]).toBe(one[k]);
  expect(merged.groups?.map((g) => [g.name, g.viewers, g.joined, g.left])).toEqual(one.groups?.map((g) => [g.name, g.viewers, g.joined, g.left]));
  expect(merged.histograms.firstFrameMs.count).toBe(one.histograms.firstFrameMs.count);
  expect(merged.shards).toEqual({ of: 2, merged: [1, 2] });
  // And the merge itself is exact: its histograms are the sum of the shards', bucket by bucket.
  const sum = new Histogram().merge(parts[0].histograms.latencyMs).merge(parts[1].histograms.latencyMs);
  expect(merged.histograms.latencyMs).toEqual(sum.toJSON());
});
