/**
 * `live-harness load`: an audience of N lightweight viewers against one
 * server, for a bounded time, its histograms to a file; `--shard i/n` runs
 * the i-th of n parts of one audience (one CI machine each), and
 * `live-harness load merge <files…>` adds the parts into one report. The
 * server is the embedded one on loopback (with a publisher of its own), or
 * the external server named explicitly in LIVE_HARNESS_SERVER; nothing else.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { nearest } from '../../mocks/model';
import {
  Audience,
  type AudienceFault,
  type AudienceJoin,
  type AudienceProtocol,
  type AudienceSummary,
  ClockedPublisher,
  mergeSummaries,
  MAX_RAMP_S,
  type ShardSpec,
} from '../audience';
import { endpointFromEnv, MediaServer, onInterrupt, PRESETS, type StartedMediaServer } from '../media';

export class LoadCommandError extends Error {
  readonly code = 'LH_CLI';
}

/** What a shard writes: its audience's summary, and which shard it was. */
export interface LoadShardFile {
  readonly kind: 'live-harness-load';
  readonly version: 1;
  readonly shard: ShardSpec;
  readonly server: string;
  readonly audience: AudienceSummary;
}

export const LOAD_USAGE = `  live-harness load --viewers N --protocol rtmp|http-flv [--stream live/load] [--for 30s]
                    [--join burst|ramp:SECONDS] [--share 0.1:3g|0.1:latency=500]... [--shard i/n]
                    [--out shard.json] [--publish]
      Runs an audience of N lightweight viewers (no page) against the server for
      a bounded time (--for, at most 1h) and writes its histograms to --out.
      The server is LIVE_HARNESS_SERVER (an external server, e.g. SRS, named
      explicitly) or, unset, an embedded server on loopback with a publisher of
      its own. --shard i/n runs the i-th part of the audience (one per CI
      machine); --publish also publishes the stream (one shard only).
  live-harness load merge <shard.json>... [--out audience.json]
      Adds the shards' histograms (exactly: the buckets are fixed) into one
      audience report, as results.json's "audience" section.`;

const MAX_FOR_S = 3600;

function fail(reason: string, remedy: string): never {
  throw new LoadCommandError(`[live-harness] Failed to read the command line: ${reason}. ${remedy}`);
}

function seconds(v: string, what: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(v.trim());
  if (!m) fail(`${what} ${JSON.stringify(v)} is not a duration`, 'Write e.g. 30s, 2m or 500ms.');
  const n = Number(m[1]);
  const unit: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };
  return n * (unit[m[2] ?? 's'] ?? 1);
}

export function parseShard(v: string): ShardSpec {
  const m = /^(\d+)\/(\d+)$/.exec(v);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || index < 1 || count < 1 || index > count || count > 1000)
    fail(`--shard ${JSON.stringify(v)} is not i/n with 1 ≤ i ≤ n`, 'Write e.g. --shard 2/4 on the second of four machines.');
  return { index, count };
}

function parseJoin(v: string): AudienceJoin {
  if (v === 'burst') return 'burst';
  const m = /^ramp:(\d+(?:\.\d+)?)$/.exec(v);
  if (!m || Number(m[1]) > MAX_RAMP_S)
    fail(`--join ${JSON.stringify(v)} is not burst or ramp:SECONDS (up to ${MAX_RAMP_S})`, 'Write --join burst or --join ramp:30.');
  return { rampS: Number(m[1]) };
}

/** `0.1:3g` (a built-in profile) or `0.1:latency=500` (a downstream latency toxic, ms). */
export function parseShare(v: string): AudienceFault {
  const m = /^(\d*\.?\d+):(.+)$/.exec(v);
  if (!m) fail(`--share ${JSON.stringify(v)} is not SHARE:PROFILE or SHARE:latency=MS`, 'Write e.g. --share 0.1:3g or --share 0.1:latency=500.');
  const share = Number(m[1]);
  const latency = /^latency=(\d+)$/.exec(m[2]);
  if (latency) return { share, toxics: [{ type: 'latency', latencyMs: Number(latency[1]), direction: 'downstream' }] };
  return { share, profile: m[2] };
}

interface LoadArgs {
  readonly viewers: number;
  readonly protocol: AudienceProtocol;
  readonly stream: string;
  readonly forS: number;
  readonly join: AudienceJoin;
  readonly faults: readonly AudienceFault[];
  readonly shard?: ShardSpec;
  readonly out?: string;
  readonly publish: boolean;
}

export function parseLoad(argv: readonly string[]): LoadArgs {
  let parsed: ReturnType<typeof parseLoadArgs>;
  try {
    parsed = parseLoadArgs(argv);
  } catch (e) {
    const unknown = /Unknown option '(--?[^']+)'/.exec(String((e as Error).message));
    if (unknown) {
      const near = nearest(unknown[1].replace(/^-+/, ''), Object.keys(LOAD_OPTIONS));
      fail(`unknown option ${unknown[1]}`, `${near ? `Did you mean --${near}? ` : ''}Use:\n${LOAD_USAGE}`);
    }
    fail(String((e as Error).message).replace(/\.$/, ''), `Use:\n${LOAD_USAGE}`);
  }
  const v = parsed.values;
  if (parsed.positionals.length) fail(`load takes no argument ${JSON.stringify(parsed.positionals[0])}`, `Use:\n${LOAD_USAGE}`);
  if (v.viewers === undefined) fail('load needs --viewers', 'Say how many viewers, e.g. --viewers 200.');
  const viewers = Number(v.viewers);
  const protocol = v.protocol ?? 'rtmp';
  if (protocol !== 'rtmp' && protocol !== 'http-flv') {
    const near = nearest(protocol, ['rtmp', 'http-flv']);
    fail(`--protocol ${JSON.stringify(protocol)} is not rtmp or http-flv`, near ? `Did you mean ${near}?` : 'Use --protocol rtmp or --protocol http-flv.');
  }
  const forS = seconds(v.for ?? '30s', '--for');
  if (!(forS > 0 && forS <= MAX_FOR_S))
    fail(`--for must be more than 0 and at most ${MAX_FOR_S / 60} minutes`, 'Load always stops by itself: give it a bound, e.g. --for 60s.');
  return {
    viewers,
    protocol,
    stream: v.stream ?? 'live/load',
    forS,
    join: parseJoin(v.join ?? 'burst'),
    faults: (v.share ?? []).map(parseShare),
    ...(v.shard !== undefined ? { shard: parseShard(v.shard) } : {}),
    ...(v.out !== undefined ? { out: v.out } : {}),
    publish: v.publish === true,
  };
}

const LOAD_OPTIONS = {
  viewers: { type: 'string' },
  protocol: { type: 'string' },
  stream: { type: 'string' },
  for: { type: 'string' },
  join: { type: 'string' },
  share: { type: 'string', multiple: true },
  shard: { type: 'string' },
  out: { type: 'string' },
  publish: { type: 'boolean' },
} as const;

function parseLoadArgs(argv: readonly string[]) {
  return parseArgs({ args: [...argv], options: LOAD_OPTIONS, allowPositionals: true, strict: true });
}

function describe(s: AudienceSummary): string[] {
  const h = s.histograms;
  const lines = [
    `${s.stream} over ${s.protocol}: ${s.viewers} viewers, ${s.joined} joined, ${s.left} left, ${s.stalledViewers} stalled${s.shards ? ` (shards ${s.shards.merged.join(', ')} of ${s.shards.of})` : ''}`,
    `  latency ms      p50 ${h.latencyMs.p50}  p95 ${h.latencyMs.p95}  p99 ${h.latencyMs.p99}  max ${h.latencyMs.max}  (${h.latencyMs.count} frames)`,
    `  first frame ms  p50 ${h.firstFrameMs.p50}  p95 ${h.firstFrameMs.p95}  max ${h.firstFrameMs.max}`,
    `  stalls          ${h.stallMs.count}${h.stallMs.count ? `, p95 ${h.stallMs.p95} ms, max ${h.stallMs.max} ms` : ''}`,
    `  rate kbps       p50 ${h.rateKbps.p50}  p95 ${h.rateKbps.p95}`,
  ];
  for (const g of s.groups ?? [])
    lines.push(
      `  path ${g.name}: ${g.viewers} viewers, ${g.stalledViewers} stalled, latency p50 ${g.histograms.latencyMs.p50} ms p95 ${g.histograms.latencyMs.p95} ms`,
    );
  return lines;
}

async function runLoad(a: LoadArgs, print: (s: string) => void): Promise<number> {
  const external = endpointFromEnv();
  let server: StartedMediaServer | undefined;
  let publisher: ClockedPublisher | undefined;
  let audience: Audience | undefined;
  const stopAll = async (): Promise<void> => {
    await audience?.stop();
    await publisher?.stop();
    await server?.stop();
  };
  const removeHook = onInterrupt(stopAll);
  try {
    const key = a.stream.replace(/^\/+/, '');
    let rtmp: string;
    let httpFlv: string;
    let allowedHosts: string[] = [];
    if (external) {
      rtmp = `${external.rtmpBase}/${key}`;
      httpFlv = `${external.flvBase}/${key}.flv`;
      // LIVE_HARNESS_SERVER names it: load may go there, and only there.
      allowedHosts = [rtmp, httpFlv].map((u) => new URL(u).hostname.replace(/^\[|\]$/g, ''));
      print(`load: ${external.describe}`);
    } else {
      server = await new MediaServer({ logType: 0 }).start();
      rtmp = server.rtmpUrl(key);
      httpFlv = server.flvUrl(key);
      print(`load: the embedded server on loopback (LIVE_HARNESS_SERVER is unset), publishing ${key} itself`);
    }
    if (!external || a.publish) {
      publisher = await new ClockedPublisher(rtmp, { ...PRESETS.HD, videoKbps: 900 }).start();
      await new Promise((r) => setTimeout(r, 2000)); // a whole GOP in the server's cache before the first viewer
    }
    audience = new Audience(
      { stream: key, viewers: a.viewers, protocol: a.protocol, join: a.join, faults: a.faults, maxDurationS: a.forS + 30 },
      { rtmp, httpFlv, allowedHosts },
      { ...(a.shard ? { shard: a.shard } : {}) },
    );
    await audience.start();
    print(`load: ${a.viewers} viewers${a.shard ? ` (this is shard ${a.shard.index}/${a.shard.count})` : ''} over ${a.protocol} for ${a.forS} s`);
    await new Promise((r) => setTimeout(r, a.forS * 1000));
    const summary = await audience.stop();
    for (const l of describe(summary)) print(l);
    if (a.out) {
      const file: LoadShardFile = {
        kind: 'live-harness-load',
        version: 1,
        shard: a.shard ?? { index: 1, count: 1 },
        server: external?.describe ?? 'the embedded server',
        audience: a.shard ? summary : { ...summary, shards: { of: 1, merged: [1] } },
      };
      writeFileSync(a.out, `${JSON.stringify(file, null, 2)}\n`);
      print(`load: wrote ${a.out}`);
    }
    for (const p of audience.problems) print(`load: a viewer thread failed: ${p}`);
    return audience.problems.length ? 1 : 0;
  } finally {
    await stopAll();
    removeHook();
  }
}

export function readShardFile(file: string): LoadShardFile {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new LoadCommandError(
      `[live-harness] Failed to merge load shards: ${file} is not readable JSON (${(e as Error).message}). Pass the files \`live-harness load --out\` wrote.`,
    );
  }
  const d = data as Partial<LoadShardFile>;
  if (d.kind !== 'live-harness-load' || d.version !== 1 || !d.audience)
    throw new LoadCommandError(
      `[live-harness] Failed to merge load shards: ${file} is not a load shard file. Pass the files \`live-harness load --out\` wrote.`,
    );
  return d as LoadShardFile;
}

function runMerge(argv: readonly string[], print: (s: string) => void): number {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { out: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (e) {
    fail(String((e as Error).message).replace(/\.$/, ''), `Use:\n${LOAD_USAGE}`);
  }
  const files = parsed.positionals;
  if (files.length === 0) fail('load merge needs shard files', `Use:\n${LOAD_USAGE}`);
  const shards = files.map(readShardFile);
  const counts = new Set(shards.map((s) => s.shard.count));
  if (counts.size > 1) fail(`the files come from runs split ${[...counts].join(' and ')} ways`, 'Merge the shards of one run.');
  const merged = mergeSummaries(shards.map((s) => ({ ...s.audience, shards: { of: s.shard.count, merged: [s.shard.index] } })));
  const missing = Array.from({ length: shards[0].shard.count }, (_, i) => i + 1).filter((i) => !merged.shards?.merged.includes(i));
  for (const l of describe(merged)) print(l);
  if (missing.length) print(`load merge: shards ${missing.join(', ')} of ${shards[0].shard.count} are missing: the report covers part of the audience`);
  const report = { audience: [merged] };
  if (parsed.values.out) {
    writeFileSync(parsed.values.out, `${JSON.stringify(report, null, 2)}\n`);
    print(`load merge: wrote ${parsed.values.out}`);
  } else print(JSON.stringify(report));
  return 0;
}

export async function loadCommand(argv: readonly string[], print: (s: string) => void): Promise<number> {
  if (argv[0] === 'merge') return runMerge(argv.slice(1), print);
  return runLoad(parseLoad(argv), print);
}
