/**
 * Real media on this machine: how long the rig takes to get its server
 * ready, how long start() takes to 1002 and play() to 2004, what latency a
 * viewer gets on loopback in live and RTC mode (median of runs), and 20
 * real-media scenarios back to back. Prints figures; asserts nothing.
 *   npm run bench:media [-- --runs 5 --scenarios 20]
 */
import { join } from 'node:path';
import { installDom } from '../harness/runner';

const RUNS = Number(arg('--runs') ?? 5);
const SCENARIOS = Number(arg('--scenarios') ?? 20);

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const median = (xs: number[]): number => {
  const s = [...xs].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (xs: number[]): string => `${median(xs).toFixed(0).padStart(5)} ms  (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`;

async function main(): Promise<void> {
  const removeDom = installDom();
  const warn = console.warn;
  console.warn = () => undefined; // the mocks' warnings are on each timeline
  const { createRig } = await import('../harness/rig');
  const { loadScenarios, runScenario } = await import('../harness/runner');
  const { resolveFfmpeg, stopSharedMediaServer } = await import('../harness/media');
  const root = join(__dirname, '../fixtures/miniprogram');
  const ff = resolveFfmpeg();

  // Rig start to server ready: a server of the rig's own each time (the shared one starts once per process).
  const ready: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const rig = createRig({ media: { server: 'own' }, miniprogramRoot: root });
    await rig.ready();
    ready.push(performance.now() - t0);
    await rig.dispose();
  }

  type Mode = 'live' | 'RTC';
  const figures: Record<Mode, { toPush: number[]; toPlay: number[]; p50: number[]; p95: number[] }> = {
    live: { toPush: [], toPlay: [], p50: [], p95: [] },
    RTC: { toPush: [], toPlay: [], p50: [], p95: [] },
  };
  for (const mode of ['live', 'RTC'] as Mode[]) {
    for (let i = 0; i < RUNS; i++) {
      const rig = createRig({ media: 'local', miniprogramRoot: root });
      try {
        const page = await rig.loadPage('pages/studio/studio', mode === 'RTC' ? { mode: 'RTC' } : {});
        await rig.advanceUntil(() => page.data.playStatus === 'playing', '15s');
        await rig.advance('8s'); // latency samples once playing
        const e = rig.timeline.entries;
        const start = e.find((x) => x.source === 'pusher#pusher' && x.kind === 'call' && (x.detail as { method: string }).method === 'start');
        const begin = e.find((x) => x.source === 'pusher#pusher' && x.code === 1002);
        if (start && begin) figures[mode].toPush.push(begin.t - start.t);
        const m = rig.metrics['player#monitor'];
        if (m?.firstFrameMs !== undefined) figures[mode].toPlay.push(m.firstFrameMs);
        if (m?.latencyMs) {
          figures[mode].p50.push(m.latencyMs.p50);
          figures[mode].p95.push(m.latencyMs.p95);
        }
      } finally {
        await rig.dispose();
      }
    }
  }

  // Real-media scenarios back to back, round-robin over the bundled ones.
  // real-media stories, and those any target can run (needs: [])
  const media = loadScenarios(join(__dirname, '../scenarios'))
    .map((l) => l.scenario)
    .filter((s) => s.needs !== undefined && (s.needs.length === 0 || s.needs.includes('real-media')));
  const results: Array<{ name: string; status: string; wallMs: number; failure?: string }> = [];
  const all0 = performance.now();
  for (let i = 0; i < SCENARIOS; i++) {
    const s = media[i % media.length];
    const r = await runScenario(s, { miniprogramRoot: root, media: 'local' });
    results.push({ name: s.name, status: r.status, wallMs: r.wallMs, failure: r.failures[0]?.split('\n')[0] });
  }
  const allWall = performance.now() - all0;
  await stopSharedMediaServer();
  console.warn = warn;
  removeDom();

  console.log(`real media on this machine: node-media-server 2.7.4, ffmpeg ${ff.version} (${ff.origin}); medians of ${RUNS} runs`);
  const row = (label: string, xs: number[]): void => console.log(`  ${label.padEnd(30)}${fmt(xs)}`);
  row('rig start → server ready', ready);
  for (const mode of ['live', 'RTC'] as Mode[]) {
    const f = figures[mode];
    row(`${mode} start() → 1002`, f.toPush);
    row(`${mode} play() → 2004`, f.toPlay);
    row(`${mode} loopback latency p50`, f.p50);
    row(`${mode} loopback latency p95`, f.p95);
  }
  const passed = results.filter((r) => r.status === 'passed').length;
  console.log(
    `${SCENARIOS} real-media scenarios back to back (${media.length} distinct): ${passed}/${SCENARIOS} passed, ${(allWall / 1000).toFixed(1)} s wall`,
  );
  for (const r of results.filter((x) => x.status !== 'passed')) console.log(`  ${r.status}: ${r.name}: ${r.failure}`);
  if (passed !== SCENARIOS) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
