/**
 * The largest audience this machine sustains, per protocol, by issue 13's
 * keep-up rule: every viewer connected; each at ≥ 95% of the source's fps;
 * media time ≥ 99% of real time; p95 latency under 1 s behind the publisher;
 * the server under 95% of a core. N steps up until a step fails (or the list
 * ends). Next to it: CPU and memory per viewer against one ffmpeg per viewer
 * on the same run, and the server's CPU at 200 HTTP-FLV viewers with the old
 * write path (cork off on every socket) and the new one. Prints figures;
 * asserts nothing. Bounded: every step, wait and list is capped, and Ctrl-C
 * stops everything (audience threads, ffmpeg, publisher, server).
 *
 *   npm run bench:load [-- --protocols rtmp,http-flv --steps 200,400,800,1200,1600,2000 --window-s 10 --ffmpeg 20 --skip-ffmpeg --skip-floor --skip-writes]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { Audience, audienceThreads, ClockedPublisher, type AudienceProtocol, type AudienceSummary, type KeepUp } from '../harness/audience';
import { MediaServer, onInterrupt, PRESETS, resolveFfmpeg, type StartedMediaServer, terminate, track } from '../harness/media';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string): boolean => process.argv.includes(name);

const PROTOCOLS = (arg('--protocols') ?? 'rtmp,http-flv').split(',') as AudienceProtocol[];
const STEPS = (arg('--steps') ?? '200,400,800,1200,1600,2000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0 && n <= 2000);
const WINDOW_S = Math.min(60, Number(arg('--window-s') ?? 10));
const FFMPEG_VIEWERS = Math.min(200, Number(arg('--ffmpeg') ?? 20));
const WARMUP_S = 3;
const JOIN_TIMEOUT_S = 40;
/** The issue's source: 540×960, 15 fps, 900 kbps. */
const SOURCE = { ...PRESETS.HD, videoKbps: 900 };
const STREAM = 'live/load';

const RULE = { fpsShare: 0.95, mediaPace: 0.99, latencyMs: 1000, serverCpu: 0.95 };
const TICK_HZ = 100;

let stopping = false;
const cleanups = new Set<() => Promise<unknown>>();
const removeHook = onInterrupt(async () => {
  stopping = true;
  console.log('\ninterrupted: stopping the audience, ffmpeg viewers, publisher and server');
  await Promise.allSettled([...cleanups].map((c) => c()));
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** CPU seconds a process has used (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / TICK_HZ;
  } catch {
    return 0;
  }
}
function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}
const ownCpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/**
 * The publisher runs in this process too, but it is no viewer: its own CPU,
 * measured alone before anyone watches, is taken out of the viewers' figure
 * (ffmpeg viewers are measured per process, without it).
 */
async function publisherAlone(): Promise<number> {
  const c0 = ownCpuSeconds();
  const w0 = Date.now();
  await sleep(4000);
  return (ownCpuSeconds() - c0) / ((Date.now() - w0) / 1000);
}

async function withServer<T>(opts: ConstructorParameters<typeof MediaServer>[0], fn: (s: StartedMediaServer, publisherCpu: number) => Promise<T>): Promise<T> {
  const server = await new MediaServer({ logType: 0, ...opts }).start();
  const publisher = new ClockedPublisher(server.rtmpUrl(STREAM), SOURCE);
  const cleanup = async (): Promise<void> => {
    await publisher.stop();
    await server.stop();
  };
  cleanups.add(cleanup);
  try {
    await publisher.start();
    await sleep(2000); // the server's GOP cache holds a whole GOP before the first viewer
    return await fn(server, await publisherAlone());
  } finally {
    await cleanup();
    cleanups.delete(cleanup);
  }
}

interface Step {
  readonly viewers: number;
  readonly summary: AudienceSummary;
  readonly keepUps: readonly KeepUp[];
  readonly serverCpu: number;
  readonly clientCpu: number;
  readonly clientRssMb: number;
  readonly p95LatencyMs: number;
  readonly pass: boolean;
  readonly why: string[];
}

async function step(server: StartedMediaServer, protocol: AudienceProtocol, viewers: number, publisherCpu: number): Promise<Step | undefined> {
  const rssBefore = process.memoryUsage().rss / 2 ** 20;
  const audience = new Audience(
    { stream: STREAM, viewers, protocol, join: { rampS: Math.min(10, viewers / 100) }, maxDurationS: JOIN_TIMEOUT_S + WARMUP_S + WINDOW_S + 30 },
    { rtmp: server.rtmpUrl(STREAM), httpFlv: server.flvUrl(STREAM) },
  );
  const cleanup = (): Promise<unknown> => audience.stop();
  cleanups.add(cleanup);
  try {
    await audience.start();
    const t0 = Date.now();
    while (!stopping && audience.watching < viewers && Date.now() - t0 < JOIN_TIMEOUT_S * 1000) await sleep(250);
    await sleep(WARMUP_S * 1000);
    if (stopping) return undefined;
    audience.mark();
    const s0 = cpuSeconds(server.pid);
    const c0 = ownCpuSeconds();
    const w0 = Date.now();
    let rssPeak = 0;
    while (!stopping && Date.now() - w0 < WINDOW_S * 1000) {
      await sleep(500);
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss / 2 ** 20);
    }
    const spanS = (Date.now() - w0) / 1000;
    const serverCpu = (cpuSeconds(server.pid) - s0) / spanS;
    const clientCpu = Math.max(0, (ownCpuSeconds() - c0) / spanS - publisherCpu);
    const summary = await audience.stop();
    const keepUps = audience.viewers;
    // The window's latency: the worst second's p95 while measuring (the last seconds of the series).
    const measured = summary.series.slice(-Math.max(1, Math.floor(spanS)));
    const p95LatencyMs = Math.max(0, ...measured.map((p) => p.p95LatencyMs));
    const fps = SOURCE.fps;
    const why: string[] = [];
    const connected = keepUps.filter((v) => v.joined && !v.left).length;
    if (connected < viewers) why.push(`${viewers - connected} not connected`);
    const slow = keepUps.filter((v) => v.fps < RULE.fpsShare * fps).length;
    if (slow) why.push(`${slow} under ${RULE.fpsShare * fps} fps`);
    const behind = keepUps.filter((v) => v.mediaPace < RULE.mediaPace).length;
    if (behind) why.push(`${behind} under ${RULE.mediaPace * 100}% media pace`);
    if (p95LatencyMs >= RULE.latencyMs) why.push(`p95 latency ${p95LatencyMs} ms`);
    if (serverCpu >= RULE.serverCpu) why.push(`server at ${(serverCpu * 100).toFixed(0)}% CPU`);
    return { viewers, summary, keepUps, serverCpu, clientCpu, clientRssMb: rssPeak - rssBefore, p95LatencyMs, pass: why.length === 0, why };
  } finally {
    await audience.stop();
    cleanups.delete(cleanup);
  }
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const pct2 = (x: number): string => `${(x * 100).toFixed(2)}%`;
const minOf = (xs: readonly number[]): number => (xs.length ? Math.min(...xs) : 0);

function printStep(s: Step): void {
  const fps = minOf(s.keepUps.map((v) => v.fps));
  const pace = minOf(s.keepUps.map((v) => v.mediaPace));
  console.log(
    `  ${String(s.viewers).padStart(5)} viewers: ${s.pass ? 'kept up ' : 'FELL BEHIND'}  connected ${s.keepUps.filter((v) => v.joined && !v.left).length}` +
      `  min fps ${fps.toFixed(1)}  min media pace ${pct(pace)}  p95 latency ${s.p95LatencyMs} ms  server ${pct(s.serverCpu)}` +
      `  viewers' process ${pct(s.clientCpu)} (${pct2(s.clientCpu / s.viewers)} each)  +${s.clientRssMb.toFixed(0)} MB (${((s.clientRssMb / s.viewers) * 1024).toFixed(0)} KB each)` +
      (s.pass ? '' : `  — ${s.why.join(', ')}`),
  );
}

async function largest(protocol: AudienceProtocol): Promise<Step | undefined> {
  console.log(`\n${protocol}: stepping up ${STEPS.join(', ')} (${WINDOW_S} s measured per step after the joins)`);
  return withServer({}, async (server, publisherCpu) => {
    console.log(`  (the publisher alone, in this process: ${pct(publisherCpu)} of a core, taken out of the viewers' figures)`);
    let best: Step | undefined;
    for (const n of STEPS) {
      if (stopping) break;
      const s = await step(server, protocol, n, publisherCpu);
      if (!s) break;
      printStep(s);
      if (!s.pass) break;
      best = s;
    }
    return best;
  });
}

type FfmpegMode = 'copy' | 'decode';
/** What one ffmpeg per viewer does: demux only (`-c copy`, the cheapest, measures nothing), or decode the video as a player does. */
const FFMPEG_ARGS: Record<FfmpegMode, readonly string[]> = { copy: ['-c', 'copy'], decode: ['-an'] };

/** One ffmpeg per viewer, measured as the audience is. */
async function ffmpegViewers(protocol: AudienceProtocol, mode: FfmpegMode): Promise<{ cpuEach: number; rssEachMb: number; count: number } | undefined> {
  const ff = resolveFfmpeg();
  // Decoding viewers cost a lot each: fewer of them give the same per-viewer figure without starving the machine.
  const count = mode === 'decode' ? Math.min(10, FFMPEG_VIEWERS) : FFMPEG_VIEWERS;
  return withServer({}, async (server) => {
    const url = protocol === 'rtmp' ? server.rtmpUrl(STREAM) : server.flvUrl(STREAM);
    const children: ChildProcess[] = [];
    const cleanup = (): Promise<unknown> => Promise.all(children.map((c) => terminate(c, 1000)));
    cleanups.add(cleanup);
    try {
      for (let i = 0; i < count && !stopping; i++) {
        const c = spawn(ff.path, ['-hide_banner', '-loglevel', 'error', '-nostdin', '-i', url, ...FFMPEG_ARGS[mode], '-f', 'null', '-'], {
          stdio: 'ignore',
          detached: true,
        });
        track(c);
        children.push(c);
      }
      await sleep((WARMUP_S + 2) * 1000);
      const pids = children.map((c) => c.pid).filter((p): p is number => p !== undefined);
      const c0 = pids.reduce((a, p) => a + cpuSeconds(p), 0);
      const w0 = Date.now();
      await sleep(WINDOW_S * 1000);
      const spanS = (Date.now() - w0) / 1000;
      const alive = pids.filter((p) => rssMb(p) > 0);
      const cpu = (pids.reduce((a, p) => a + cpuSeconds(p), 0) - c0) / spanS;
      const rss = alive.reduce((a, p) => a + rssMb(p), 0);
      if (alive.length === 0) return undefined;
      return { cpuEach: cpu / alive.length, rssEachMb: rss / alive.length, count: alive.length };
    } finally {
      await cleanup();
      cleanups.delete(cleanup);
    }
  });
}

/**
 * The floor of any viewer written in Node: HTTP-FLV sockets that only read
 * (into one shared buffer, parsing nothing), in worker threads as the
 * audience's are, measured the same way. What an audience costs above this is
 * its parsing and figures; the kernel's reads and Node's per-read callback are
 * below it, and no JavaScript viewer goes lower.
 */
async function readOnlyFloor(viewers: number): Promise<number | undefined> {
  return withServer({}, async (server, publisherCpu) => {
    const reader = `
      const { createConnection } = require('node:net');
      const { workerData, parentPort } = require('node:worker_threads');
      const u = new URL(workerData.url);
      const buffer = Buffer.allocUnsafe(65536);
      const sockets = [];
      for (let i = 0; i < workerData.n; i++) {
        const s = createConnection({ host: u.hostname, port: Number(u.port), onread: { buffer, callback: () => true } });
        s.on('error', () => undefined);
        s.once('connect', () => s.write('GET ' + u.pathname + ' HTTP/1.1\\r\\nHost: ' + u.host + '\\r\\nConnection: close\\r\\n\\r\\n'));
        sockets.push(s);
      }
      parentPort.on('message', () => { for (const s of sockets) s.destroy(); parentPort.close(); });`;
    const threads = audienceThreads(viewers); // as the audience's own
    const workers = Array.from(
      { length: threads },
      (_, k) =>
        new Worker(reader, { eval: true, workerData: { url: server.flvUrl(STREAM), n: Math.floor(viewers / threads) + (k < viewers % threads ? 1 : 0) } }),
    );
    const cleanup = (): Promise<unknown> => Promise.all(workers.map((w) => (w.postMessage('stop'), w.terminate())));
    cleanups.add(cleanup);
    try {
      await sleep((WARMUP_S + 4) * 1000);
      if (stopping) return undefined;
      const c0 = ownCpuSeconds();
      const w0 = Date.now();
      await sleep(WINDOW_S * 1000);
      return Math.max(0, (ownCpuSeconds() - c0) / ((Date.now() - w0) / 1000) - publisherCpu) / viewers;
    } finally {
      await cleanup();
      cleanups.delete(cleanup);
    }
  });
}

/** The server's CPU at 200 HTTP-FLV viewers, with the old write path and the new. */
async function serverWrites(): Promise<void> {
  console.log('\nserver CPU at 200 HTTP-FLV viewers (item 1 of issue 13):');
  for (const [label, splitWrites] of [
    ['before: cork off on every socket (4 writes per tag per viewer)', true],
    ['after: only node-media-server batching off (1 writev per tag)', false],
  ] as const) {
    if (stopping) return;
    await withServer({ splitWrites }, async (server, publisherCpu) => {
      const s = await step(server, 'http-flv', 200, publisherCpu);
      if (s) console.log(`  ${label}: server ${pct(s.serverCpu)} of a core${s.pass ? '' : ` (${s.why.join(', ')})`}`);
    });
  }
}

async function main(): Promise<void> {
  console.log(
    `bench:load on ${cpus().length} cores (${availableParallelism()} for threads), load average ${loadavg()[0].toFixed(2)}; source ${SOURCE.width}x${SOURCE.height} ${SOURCE.fps} fps ${SOURCE.videoKbps} kbps`,
  );
  console.log(
    `keep-up rule: every viewer connected, ≥ ${RULE.fpsShare * 100}% of ${SOURCE.fps} fps, media pace ≥ ${RULE.mediaPace * 100}%, p95 latency < ${RULE.latencyMs} ms, server < ${RULE.serverCpu * 100}% CPU`,
  );
  type Ff = Awaited<ReturnType<typeof ffmpegViewers>>;
  const results: Array<[AudienceProtocol, Step | undefined, Ff, Ff]> = [];
  for (const protocol of PROTOCOLS) {
    if (stopping) break;
    const best = await largest(protocol);
    const skip = flag('--skip-ffmpeg');
    const copy = skip || stopping ? undefined : await ffmpegViewers(protocol, 'copy');
    const decode = skip || stopping ? undefined : await ffmpegViewers(protocol, 'decode');
    results.push([protocol, best, copy, decode]);
  }
  const flvBest = results.find(([p]) => p === 'http-flv')?.[1];
  const floorAt = flvBest?.viewers ?? 800;
  const floor = flag('--skip-floor') || stopping ? undefined : await readOnlyFloor(floorAt);
  if (!flag('--skip-writes')) await serverWrites();
  console.log('\nlargest audience sustained, and cost per viewer:');
  for (const [protocol, best, copy, decode] of results) {
    const mine = best ? best.clientCpu / best.viewers : NaN;
    console.log(
      best
        ? `  ${protocol.padEnd(8)} ${String(best.viewers).padStart(5)} viewers; ${pct2(mine)} of a core and ${((best.clientRssMb / best.viewers) * 1024).toFixed(0)} KB each (in-band latency, stalls, rate measured)`
        : `  ${protocol.padEnd(8)}     0 viewers (the first step fell behind)`,
    );
    for (const [label, ff] of [
      ['ffmpeg -c copy', copy],
      ['ffmpeg decoding video', decode],
    ] as const) {
      if (!ff) continue;
      const ratio = best
        ? ` — the audience costs ${(ff.cpuEach / mine).toFixed(1)}× less CPU and ${((ff.rssEachMb * best.viewers) / best.clientRssMb).toFixed(0)}× less memory per viewer`
        : '';
      console.log(`  ${''.padEnd(8)} one ${label} per viewer (${ff.count}): ${pct2(ff.cpuEach)} and ${ff.rssEachMb.toFixed(1)} MB each${ratio}`);
    }
  }
  if (floor !== undefined) {
    const copy = results.find(([p]) => p === 'http-flv')?.[2];
    console.log(
      `  floor: ${floorAt} HTTP-FLV sockets that only read (no parsing, no figures) cost ${pct2(floor)} of a core each; no viewer in Node goes below it` +
        (copy ? ` (one ffmpeg -c copy per viewer costs ${(copy.cpuEach / floor).toFixed(1)}× the floor)` : ''),
    );
  }
  if (STEPS.length && results.some(([, b]) => b?.viewers === STEPS.at(-1)))
    console.log('  (the last step kept up: pass a longer --steps list to find the limit)');
}

main()
  .catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  })
  .finally(() => removeHook());
