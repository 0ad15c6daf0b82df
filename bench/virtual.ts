/**
 * Wall time of every virtual-time scenario, and of the 60-second reconnect
 * story on its own. Prints figures; asserts nothing (speed is not a test).
 *   npm run bench:virtual
 */
import { basename, join } from 'node:path';
import { installDom } from '../harness/runner';

const TARGET_60S_RECONNECT_MS = 50;

async function main(): Promise<void> {
  const removeDom = installDom();
  // The mocks warn on console about bad input; scenarios that provoke it on purpose would drown the figures.
  let warnings = 0;
  const warn = console.warn;
  console.warn = () => void warnings++;
  const { loadScenarios, runScenario } = await import('../harness/runner');
  const root = join(__dirname, '../fixtures/miniprogram');
  const loaded = loadScenarios(join(__dirname, '../scenarios'));
  // Real-media stories run in real time: bench:media measures those.
  const virtual = loaded.map((l) => l.scenario).filter((s) => !(s.needs ?? []).includes('real-media'));

  // Warm-up: first load compiles the WXML of the whole mini-program (wcc) and JITs the model.
  await runScenario(virtual[0], { miniprogramRoot: root });

  const rows: Array<{ name: string; virtualMs: number; wallMs: number; status: string }> = [];
  const total0 = performance.now();
  for (const s of virtual) {
    const r = await runScenario(s, { miniprogramRoot: root });
    rows.push({ name: s.name, virtualMs: r.virtualMs, wallMs: r.wallMs, status: r.status });
  }
  const totalWall = performance.now() - total0;

  const story = loaded.find((l) => basename(l.file) === 'push-network-gone.scenario.ts')?.scenario;
  if (!story)
    throw new Error('[live-harness] Failed to run the bench: scenarios/push-network-gone.scenario.ts is gone. Point the bench at the 60 s reconnect story.');
  const samples: number[] = [];
  for (let i = 0; i < 15; i++) samples.push((await runScenario(story, { miniprogramRoot: root, seed: i + 1 })).wallMs);
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];

  const w = Math.max(...rows.map((r) => r.name.length));
  console.log(`virtual-time scenarios (${rows.length}), wall ms per scenario:`);
  for (const r of rows)
    console.log(`  ${r.name.padEnd(w)}  ${(r.virtualMs / 1000).toFixed(0).padStart(4)} s virtual  ${r.wallMs.toFixed(1).padStart(7)} ms wall  ${r.status}`);
  console.log(
    `  ${'all scenarios'.padEnd(w)}  ${(rows.reduce((s, r) => s + r.virtualMs, 0) / 1000).toFixed(0).padStart(4)} s virtual  ${totalWall.toFixed(1).padStart(7)} ms wall`,
  );
  console.log('');
  console.log(
    `60 s reconnect story ("${story.name}"), 15 seeds: median ${median.toFixed(1)} ms, min ${samples[0].toFixed(1)} ms, max ${samples[samples.length - 1].toFixed(1)} ms wall`,
  );
  console.log(`target < ${TARGET_60S_RECONNECT_MS} ms: ${median < TARGET_60S_RECONNECT_MS ? 'met' : 'NOT met'}`);
  console.log(`(${warnings} mock warnings silenced; scenarios assert on them)`);
  console.warn = warn;
  removeDom();
  if (rows.some((r) => r.status !== 'passed')) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
