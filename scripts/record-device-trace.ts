/**
 * Records the trace shipped as fixtures/traces/studio.automator-sim.json: the
 * studio page (a pusher, and a player watching it back) on automator-sim
 * standing in for a phone (real media, mock live tags, a clock 37 s ahead),
 * captured by the device driver exactly as a phone would be. The server's
 * events come from the sim's own media server, mapped onto the session clock,
 * as a rig's server would give them for a phone.
 *
 *   npx tsx scripts/record-device-trace.ts [out.json] [seconds]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import automator from 'miniprogram-automator';
import { AutomatorSim } from '../harness/automator-sim';
import { DeviceDriver, hostEpochMs, type AutomatorMiniProgram } from '../harness/drivers';
import { installDom } from '../harness/runner';
import { serializeTrace, validateTrace } from '../harness/trace';

const ROOT = join(__dirname, '../fixtures/miniprogram');

async function main(): Promise<void> {
  const out = process.argv[2] ?? join(__dirname, '../fixtures/traces/studio.automator-sim.json');
  const seconds = Number(process.argv[3] ?? 8);
  const removeDom = installDom();
  const sim = await AutomatorSim.start({ miniprogramRoot: ROOT, clock: 'real-media', live: 'mock', clockSkewMs: 37_000 });
  const mp = (await automator.connect({ wsEndpoint: sim.wsEndpoint })) as unknown as AutomatorMiniProgram;
  const driver = new DeviceDriver(mp);
  try {
    const simZero = hostEpochMs() - sim.rig.now();
    await driver.start();
    const from = sim.rig.timeline.length;
    await mp.callWxMethod('reLaunch', { url: '/pages/studio/studio' });
    await driver.capturePages();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    await driver.sync();
    for (const e of sim.rig.timeline.since(from))
      if (e.kind === 'server') {
        const d = e.detail as { event: string; key: string };
        driver.recordServer(d.event, d.key, e.t + simZero - driver.sessionEpochMs);
      }
    const trace = validateTrace(
      driver.toTrace({
        by: 'automator-sim (real media, live: mock, clockSkewMs 37000) through the device driver: scripts/record-device-trace.ts',
        note: 'The studio page pushes live/studio and plays it back over HTTP-FLV. Page events and context calls were captured on the "phone" with its own clock and mapped by the measured offset; server entries are the sim media server\'s, on the host clock.',
        client: { ...sim.rig.client },
      }),
    );
    if (driver.problems.length) throw new Error(driver.problems.join('\n'));
    writeFileSync(out, serializeTrace(trace));
    process.stdout.write(
      `${out}: ${trace.entries.length} entries, ${trace.elements.length} elements, offset ${trace.clock.offsetMs} ms ± ${trace.clock.uncertaintyMs} ms\n`,
    );
  } finally {
    await driver.stop().catch(() => undefined);
    mp.disconnect();
    await sim.stop();
    removeDom();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
