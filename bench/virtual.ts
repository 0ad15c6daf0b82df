/**
 * Wall time of every virtual-time scenario, and of the 60-second reconnect
 * story on its own. Prints figures; asserts nothing (speed is not a test).
 *   npm run bench:virtual
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { installDom } from '../harness/runner';

const TARGET_60S_RECONNECT_MS = 50;

async function main(): Promise<void> {
  const removeDom = installDom();
  // The mocks warn on console about bad input; scenarios that provoke it on purpose would drown the figures.
  let warnings = 0;
  const warn = console.warn;
  console.warn = () => void warnings++;
  const { runScenario } = await import('../harness/runner');
  const root = join(__dirname, '../fixtures/miniprogram');
  const dir = join(__dirname, '../scenarios');
  const load = async (f: string) => ((await import(join(dir, f))) as { default: import('../harness/runner').Scenario }).default;
  // Real-media stories run in real time: bench:media measures those.
  const files: string[] = [];
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.scenario.ts'))
    .sort())
    if (!((await load(f)).needs ?? []).includes('real-media')) files.push(f);

  // Warm-up: first load compiles the WXML of the whole mini-program (wcc) and JITs the model.
  await runScenario(await load(files[0]), { miniprogramRoot: root });

  const rows: Array<{ name: string; virtualMs: number; wallMs: number; status: string }> = [];
  const total0 = performance.now();
  for (const f of files) {
    const s = await load(f);
    const r = await runScenario(s, { miniprogramRoot: root });
    rows.push({ name: s.name, virtualMs: r.virtualMs, wallMs: r.wallMs, status: r.status });
  }
  const totalWall = performance.now() - total0;

  const story = await load('push-network-gone.scenario.ts');
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
