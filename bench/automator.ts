/**
 * The automation protocol's cost: the round trip of the real
 * miniprogram-automator client to automator-sim (p50/p95 over many
 * App.getCurrentPage and Page.getData calls), and the wall time of one
 * scenario through the automator-sim target next to the same scenario on
 * simulate. Prints figures; asserts nothing (speed is not a test).
 *   npm run bench:automator
 */
import { basename, join } from 'node:path';
import automator from 'miniprogram-automator';
import { AutomatorSim } from '../harness/automator-sim';
import { installDom } from '../harness/runner';
import { automatorSim, simulate } from '../harness/targets';

const CALLS = 500;
const RUNS = 5;
const STORY = 'push-network-blip.scenario.ts';

function percentiles(samples: number[]): { p50: number; p95: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
  return { p50: at(50), p95: at(95), max: s[s.length - 1] };
}

const ms = (v: number): string => `${v.toFixed(2)} ms`;

async function roundTrips(root: string): Promise<void> {
  const sim = await AutomatorSim.start({ miniprogramRoot: root });
  const mp = await automator.connect({ wsEndpoint: sim.wsEndpoint });
  try {
    const page = await mp.currentPage();
    if (!page) throw new Error('[live-harness] Failed to run the bench: automator-sim has no current page. Check the sample mini-program.');
    for (let i = 0; i < 50; i++) await mp.currentPage(); // warm-up
    const measure = async (f: () => Promise<unknown>): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < CALLS; i++) {
        const t0 = performance.now();
        await f();
        out.push(performance.now() - t0);
      }
      return out;
    };
    console.log(`protocol round trip, real client → automator-sim (${CALLS} calls each; one Node process, a loopback WebSocket):`);
    for (const [name, f] of [
      ['App.getCurrentPage', () => mp.currentPage()],
      ['Page.getData', () => page.data()],
    ] as const) {
      const p = percentiles(await measure(f));
      console.log(`  ${name.padEnd(20)} p50 ${ms(p.p50)}  p95 ${ms(p.p95)}  max ${ms(p.max)}`);
    }
  } finally {
    mp.disconnect();
    await sim.stop();
  }
}

async function main(): Promise<void> {
  const removeDom = installDom();
  const warn = console.warn;
  console.warn = () => undefined; // the mocks' warnings are on each timeline
  try {
    const root = join(__dirname, '../fixtures/miniprogram');
    await roundTrips(root);
    const { loadScenarios, runScenario } = await import('../harness/runner');
    const story = loadScenarios(join(__dirname, '../scenarios')).find((l) => basename(l.file) === STORY)?.scenario;
    if (!story) throw new Error(`[live-harness] Failed to run the bench: scenarios/${STORY} is gone. Point the bench at another virtual-time scenario.`);
    console.log('');
    console.log(`one scenario ("${story.name}", ${story.duration} virtual), wall ms, ${RUNS} runs after a warm-up:`);
    for (const target of [simulate, automatorSim]) {
      await runScenario(story, { miniprogramRoot: root, target });
      const walls: number[] = [];
      let status = 'passed';
      for (let i = 0; i < RUNS; i++) {
        const r = await runScenario(story, { miniprogramRoot: root, target });
        walls.push(r.wallMs);
        if (r.status !== 'passed') status = `${r.status} (${r.target})`;
      }
      const p = percentiles(walls);
      console.log(`  ${target.name.padEnd(14)} median ${ms(p.p50)}  max ${ms(p.max)}  ${status}`);
      if (status !== 'passed') process.exitCode = 1;
    }
  } finally {
    console.warn = warn;
    removeDom();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
