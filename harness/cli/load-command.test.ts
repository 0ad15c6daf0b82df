import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Histogram, type AudienceSummary } from '../audience';
import { loadCommand, parseLoad, parseShard, parseShare } from './load-command';

jest.setTimeout(90_000);

let dir: string;
const saved = { ...process.env };
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'live-harness-load-'));
  // Load goes to the embedded server on loopback unless a server is named explicitly.
  delete process.env.LIVE_HARNESS_SERVER;
  delete process.env.LIVE_HARNESS_SERVER_FLV;
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  process.env = saved;
});

describe('live-harness load: the command line', () => {
  it('reads an audience, its shard and its shares', () => {
    const a = parseLoad([
      '--viewers',
      '200',
      '--protocol',
      'http-flv',
      '--for',
      '2m',
      '--join',
      'ramp:30',
      '--shard',
      '2/4',
      '--share',
      '0.1:3g',
      '--share',
      '0.05:latency=500',
    ]);
    expect(a).toMatchObject({ viewers: 200, protocol: 'http-flv', forS: 120, join: { rampS: 30 }, shard: { index: 2, count: 4 } });
    expect(a.faults).toEqual([
      { share: 0.1, profile: '3g' },
      { share: 0.05, toxics: [{ type: 'latency', latencyMs: 500, direction: 'downstream' }] },
    ]);
  });

  it('says what is wrong and how to fix it', () => {
    expect(() => parseShard('3/2')).toThrow(/--shard "3\/2" is not i\/n with 1 ≤ i ≤ n\. Write e\.g\. --shard 2\/4/);
    expect(() => parseLoad(['--viewers', '10', '--protocl', 'rtmp'])).toThrow(/unknown option --protocl\. Did you mean --protocol\?/);
    expect(() => parseLoad(['--viewers', '10', '--protocol', 'http_flv'])).toThrow(/Did you mean http-flv\?/);
    expect(() => parseLoad(['--viewers', '10', '--for', '2h'])).toThrow(/--for must be more than 0 and at most 60 minutes/);
    expect(() => parseLoad(['--protocol', 'rtmp'])).toThrow(/load needs --viewers/);
    expect(() => parseShare('ten:3g')).toThrow(/is not SHARE:PROFILE or SHARE:latency=MS/);
  });
});

describe('live-harness load merge', () => {
  const summary = (index: number, latency: number[]): AudienceSummary => {
    const h = (...v: number[]) => v.reduce((x, n) => x.add(n), new Histogram()).toJSON();
    return {
      stream: 'live/load',
      protocol: 'rtmp',
      viewers: 5,
      joined: 5,
      left: 0,
      stalledViewers: 0,
      histograms: { latencyMs: h(...latency), firstFrameMs: h(100, 120, 130, 140, 150), stallMs: h(), rateKbps: h(900) },
      series: [{ t: 1000, joined: 5, p50LatencyMs: 20, p95LatencyMs: 30 + index, stalled: 0 }],
      shards: { of: 2, merged: [index] },
    };
  };
  const write = (name: string, index: number, latency: number[]): string => {
    const f = join(dir, name);
    writeFileSync(f, JSON.stringify({ kind: 'live-harness-load', version: 1, shard: { index, count: 2 }, server: 'x', audience: summary(index, latency) }));
    return f;
  };

  it('adds the shards into one audience section, exactly', async () => {
    const out = join(dir, 'merged.json');
    const lines: string[] = [];
    const code = await loadCommand(['merge', write('a.json', 1, [10, 20, 30]), write('b.json', 2, [40, 50]), '--out', out], (s) => lines.push(s));
    expect(code).toBe(0);
    const { audience } = JSON.parse(readFileSync(out, 'utf8')) as { audience: AudienceSummary[] };
    expect(audience).toHaveLength(1);
    expect(audience[0]).toMatchObject({ viewers: 10, joined: 10, shards: { of: 2, merged: [1, 2] } });
    expect(audience[0].histograms.latencyMs).toEqual(new Histogram().add(10).add(20).add(30).add(40).add(50).toJSON());
    expect(audience[0].series).toEqual([{ t: 1000, joined: 10, p50LatencyMs: 20, p95LatencyMs: 32, stalled: 0 }]);
    expect(lines[0]).toBe('live/load over rtmp: 10 viewers, 10 joined, 0 left, 0 stalled (shards 1, 2 of 2)');
  });

  it('says which shards are missing, and refuses a file that is no shard, or a shard given twice', async () => {
    const lines: string[] = [];
    await loadCommand(['merge', write('only.json', 1, [10])], (s) => lines.push(s));
    expect(lines).toContain('load merge: shards 2 of 2 are missing: the report covers part of the audience');
    const bogus = join(dir, 'bogus.json');
    writeFileSync(bogus, '{"audience": []}');
    await expect(loadCommand(['merge', bogus], () => undefined)).rejects.toThrow(/bogus\.json is not a load shard file/);
    const a = write('twice.json', 1, [10]);
    await expect(loadCommand(['merge', a, a], () => undefined)).rejects.toThrow(/shard 1 appears twice/);
  });
});

describe('live-harness load on loopback', () => {
  it('runs two shards of one audience and merges their files into the whole', async () => {
    const files = [1, 2].map((i) => join(dir, `shard-${i}.json`));
    for (const [i, f] of files.entries()) {
      const lines: string[] = [];
      const code = await loadCommand(
        ['--viewers', '6', '--protocol', 'rtmp', '--for', '3s', '--shard', `${i + 1}/2`, '--share', '0.34:latency=100', '--out', f],
        (s) => lines.push(s),
      );
      expect([code, lines.join('\n')]).toEqual([0, expect.stringContaining(`shard ${i + 1}/2`)]);
    }
    const out = join(dir, 'whole.json');
    await loadCommand(['merge', ...files, '--out', out], () => undefined);
    const [whole] = (JSON.parse(readFileSync(out, 'utf8')) as { audience: AudienceSummary[] }).audience;
    expect([whole.viewers, whole.joined, whole.left]).toEqual([6, 6, 0]);
    expect(whole.groups?.map((g) => [g.name, g.viewers])).toEqual([
      ['healthy', 4],
      ['latency 100ms', 2],
    ]);
    expect(whole.histograms.firstFrameMs.count).toBe(6);
  });
});
