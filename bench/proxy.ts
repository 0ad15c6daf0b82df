/**
 * The fault proxy's own cost, and the fault scenarios over and over:
 * - added latency: a small message echoed over loopback, straight and through
 *   the proxy with no toxic; the difference of the round-trip percentiles
 *   (p50, p99) is what the proxy adds (both of its passes);
 * - throughput: bytes pushed through the proxy, no toxic, to a sink;
 * - the fault scenarios (scenarios/media-proxy-*) back to back, N times, and
 *   how many passed.
 * Prints figures; asserts nothing. Targets: < 1 ms p50 added, ≥ 200 Mbit/s.
 *   npm run bench:proxy [-- --runs 20 --pings 2000 --megabytes 512]
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { basename, join } from 'node:path';
import { FaultProxy } from '../harness/network';
import { installDom } from '../harness/runner';

const RUNS = Number(arg('--runs') ?? 20);
const PINGS = Number(arg('--pings') ?? 2000);
const MEGABYTES = Number(arg('--megabytes') ?? 512);

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

function listen(handler: (s: Socket) => void): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })));
}

/** Round trips of a 64-byte message, ms each. */
async function pings(port: number, n: number): Promise<number[]> {
  const s = connect({ host: '127.0.0.1', port, noDelay: true });
  await new Promise<void>((r) => s.once('connect', () => r()));
  const msg = Buffer.alloc(64, 7);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      let got = 0;
      const on = (d: Buffer): void => {
        got += d.length;
        if (got >= msg.length) {
          s.off('data', on);
          resolve();
        }
      };
      s.on('data', on);
      s.write(msg);
    });
    out.push(performance.now() - t0);
  }
  s.destroy();
  return out;
}

/** Mbit/s of `megabytes` written to a port whose server counts them. */
async function throughput(port: number, sinkDone: () => Promise<number>, megabytes: number): Promise<number> {
  const s = connect({ host: '127.0.0.1', port });
  await new Promise<void>((r) => s.once('connect', () => r()));
  const block = Buffer.alloc(256 * 1024, 1);
  const total = megabytes * 1024 * 1024;
  const t0 = performance.now();
  for (let sent = 0; sent < total; sent += block.length) {
    if (!s.write(block)) await new Promise<void>((r) => s.once('drain', () => r()));
  }
  s.end();
  const bytes = await sinkDone();
  return (bytes * 8) / ((performance.now() - t0) / 1000) / 1e6;
}

async function main(): Promise<void> {
  const echo = await listen((s) => {
    s.setNoDelay(true);
    s.on('error', () => undefined);
    s.pipe(s);
  });
  let resolveSink: (n: number) => void = () => undefined;
  const sink = await listen((s) => {
    let n = 0;
    s.on('data', (d: Buffer) => (n += d.length));
    s.once('end', () => resolveSink(n));
    s.on('error', () => undefined);
  });
  const proxy = await new FaultProxy({
    routes: { echo: { host: '127.0.0.1', port: echo.port }, sink: { host: '127.0.0.1', port: sink.port } },
  }).start();
  let straight: number[];
  let proxied: number[];
  let mbps: number;
  let mbpsStraight: number;
  try {
    await pings(echo.port, 200); // warm up
    await pings(proxy.endpoint('echo').port, 200);
    straight = await pings(echo.port, PINGS);
    proxied = await pings(proxy.endpoint('echo').port, PINGS);
    const sinkDone = (): Promise<number> => new Promise((r) => (resolveSink = r));
    mbpsStraight = await throughput(sink.port, sinkDone, MEGABYTES);
    mbps = await throughput(proxy.endpoint('sink').port, sinkDone, MEGABYTES);
  } finally {
    await proxy.stop();
    echo.server.close();
    sink.server.close();
  }
  const added = (p: number): string => `${(pct(proxied, p) - pct(straight, p)).toFixed(3)} ms`;
  console.log(`fault proxy on loopback, no toxic (${PINGS} round trips of 64 bytes, ${MEGABYTES} MB pushed):`);
  console.log(`  round trip straight   p50 ${pct(straight, 50).toFixed(3)} ms, p99 ${pct(straight, 99).toFixed(3)} ms`);
  console.log(`  round trip via proxy  p50 ${pct(proxied, 50).toFixed(3)} ms, p99 ${pct(proxied, 99).toFixed(3)} ms`);
  console.log(`  added by the proxy    p50 ${added(50)}, p99 ${added(99)}   (target: < 1 ms p50)`);
  console.log(`  throughput via proxy  ${mbps.toFixed(0)} Mbit/s (straight: ${mbpsStraight.toFixed(0)} Mbit/s)   (target: ≥ 200 Mbit/s)`);

  if (RUNS <= 0) return;
  const removeDom = installDom();
  const warn = console.warn;
  console.warn = () => undefined; // the mocks' warnings are on each timeline
  const { loadScenarios, runScenario } = await import('../harness/runner');
  const { stopSharedMediaServer } = await import('../harness/media');
  const root = join(__dirname, '../fixtures/miniprogram');
  const faults = loadScenarios(join(__dirname, '../scenarios')).filter((l) => basename(l.file).startsWith('media-proxy-'));
  let passed = 0;
  const failures: string[] = [];
  const t0 = performance.now();
  try {
    for (let run = 1; run <= RUNS; run++) {
      let all = true;
      for (const { file, scenario } of faults) {
        const r = await runScenario(scenario, { miniprogramRoot: root, media: 'local' });
        if (r.status !== 'passed') {
          all = false;
          // The whole first failure: its first line only says which expectation, not which step was missed.
          failures.push(`  run ${run}: ${basename(file)}: ${r.status}: ${(r.failures[0] ?? '').split('\n').slice(0, 12).join('\n      ')}`);
        }
      }
      if (all) passed++;
      console.log(`  run ${run}/${RUNS}: ${all ? 'passed' : 'FAILED'}`);
    }
  } finally {
    await stopSharedMediaServer();
    console.warn = warn;
    removeDom();
  }
  console.log(
    `fault scenarios (${faults.length}: ${faults.map((f) => basename(f.file, '.scenario.ts')).join(', ')}) ${RUNS} times in a row: ${passed}/${RUNS} runs passed, ${((performance.now() - t0) / 1000).toFixed(0)} s wall`,
  );
  for (const f of failures) console.log(f);
  if (passed !== RUNS) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
