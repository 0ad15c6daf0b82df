/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The real client needs ws's Node build; jsdom's default conditions would give it the browser stub.
// automator-sim on real media with live: 'mock' and a skewed app-service clock is the phone here: its live
// tags run the model and emit, its Date runs 37 s ahead, and remote() "connects" as a phone scanning the QR code.
import { join } from 'node:path';
import automator from 'miniprogram-automator';
import { AutomatorSim } from '../automator-sim';
import type { TimelineEntry } from '../record';
import { replayTrace, validateTrace } from '../trace';
import type { AutomatorMiniProgram } from './automator-client';
import { hostEpochMs } from './clock-offset';
import { DeviceDriver } from './device-driver';

const ROOT = join(__dirname, '../../fixtures/miniprogram');
const SKEW_MS = 37_000;
// Real media starts a server and an encoder: seconds on a loaded machine.
const BUDGET_MS = 90_000;

const label = (e: TimelineEntry): string => `${e.source} ${e.kind} ${e.code ?? (e.detail as { method?: string }).method ?? ''}`;

describe('the device driver, against automator-sim standing in for a phone', () => {
  it(
    "measures the phone's clock by round trips, captures every live event and context call the page sees, and maps their times onto the host clock within the recorded uncertainty",
    async () => {
      await using sim = await AutomatorSim.start({ miniprogramRoot: ROOT, clock: 'real-media', live: 'mock', clockSkewMs: SKEW_MS });
      // The sim's rig stamps its timeline on a clock of this process: where its zero is in host epoch ms.
      const simZero = hostEpochMs() - sim.rig.now();
      // The phone's true offset from the host's monotonic epoch: the skew, plus where Date.now() stands against it here (±1 ms: Date.now() counts whole ms).
      const trueOffset = SKEW_MS + (Date.now() - hostEpochMs());
      const mp = (await automator.connect({ wsEndpoint: sim.wsEndpoint })) as unknown as AutomatorMiniProgram;
      try {
        await using driver = new DeviceDriver(mp);
        await driver.start();
        const clock = driver.clock!;
        expect(Math.abs(clock.offsetMs - trueOffset)).toBeLessThanOrEqual(clock.uncertaintyMs + 1);
        expect(clock.uncertaintyMs).toBeCloseTo(clock.bestRoundTripMs / 2 + 1, 2);
        expect(clock.samples).toBe(9);
        // The offset and its uncertainty are on the session's timeline, first.
        expect(driver.timeline.entries[0]).toMatchObject({
          t: 0,
          source: 'rig',
          kind: 'action',
          detail: { action: 'clock-offset', offsetMs: clock.offsetMs, uncertaintyMs: clock.uncertaintyMs },
        });

        await mp.callWxMethod('reLaunch', { url: '/pages/push/push' });
        await driver.capturePages();
        // Wait on the phone's own time until it is pushing (the page's status says so), then a few netstatus reports more.
        const deadline = Date.now() + 30_000;
        while (!driver.timeline.entries.some((e) => e.code === 1002) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        await new Promise((r) => setTimeout(r, 2500));
        await driver.sync();
        expect(driver.problems).toEqual([]);

        // From the reLaunched page's start() on: the entry page, open and pushing before, was captured too until it unloaded.
        const ours = driver.timeline.entries.filter((e) => e.source === 'pusher#pusher');
        const captured = ours.slice(ours.findIndex((e) => e.kind === 'call' && (e.detail as { method: string }).method === 'start'));
        // The sim's own record of the same run, from the captured page's start() on: the entry page open before the driver came was not captured.
        const onHost = (e: TimelineEntry): number => e.t + simZero - driver.sessionEpochMs;
        const own = sim.rig.timeline.entries.filter(
          (e) => e.source === 'pusher#pusher' && (e.kind === 'statechange' || e.kind === 'call' || e.kind === 'netstatus'),
        );
        const from = own.findIndex(
          (e) => e.kind === 'call' && (e.detail as { method: string }).method === 'start' && onHost(e) >= captured[0].t - clock.uncertaintyMs,
        );
        const lastCaptured = captured[captured.length - 1].t;
        const theirs = own.slice(from).filter((e) => onHost(e) <= lastCaptured + clock.uncertaintyMs);
        expect(captured.map(label)).toEqual(theirs.map(label));
        expect(captured.filter((e) => e.kind === 'statechange').map((e) => e.code)).toEqual(expect.arrayContaining([1001, 1002]));
        expect(captured.filter((e) => e.kind === 'netstatus').length).toBeGreaterThanOrEqual(2);
        // Every event's mapped phone time is the host's time of the instant the phone saw it, within the uncertainty.
        // That instant, on the host: the page handler's first setData, which the sim stamps as the handler runs (the
        // event's own stamp comes a delivery earlier, up to ms on a loaded machine); +0.05 ms: the sim stamps to 0.1 ms.
        // Calls are left out: the sim stamps a call after the model ran it (starting an encoder takes ms), the capture before.
        const all = sim.rig.timeline.entries;
        const handled = (e: TimelineEntry): number => {
          const at = all.indexOf(e);
          const setData = all.slice(at + 1).find((x) => x.source === 'page' && x.kind === 'setData');
          return onHost(setData ?? e);
        };
        const events = captured.map((e, i) => ({ mine: e, host: handled(theirs[i]) })).filter((p) => p.mine.kind !== 'call');
        for (const p of events)
          expect({ label: label(p.mine), errorMs: Math.abs(p.mine.t - p.host) <= clock.uncertaintyMs + 0.05 ? 'within' : p.mine.t - p.host }).toEqual({
            label: label(p.mine),
            errorMs: 'within',
          });
        // The call goes on the timeline once answered, at the time it was made, with the phone's answer, as a rig records it.
        expect(captured.find((e) => e.kind === 'call')?.detail).toMatchObject({ method: 'start', args: {}, ok: true });

        // The run saves as a valid trace, which replays against the model.
        const trace = validateTrace(JSON.parse(JSON.stringify(driver.toTrace({ by: 'automator-sim (device test)' }))));
        // Attributes as the runtime holds them: since issue 11 a number attribute is taken as written (min-bitrate="300" stays
        // the string "300") so that the model can say "abc" is not a number; the model reads "300" as 300 when replayed.
        expect(trace.elements).toEqual([
          expect.objectContaining({ source: 'pusher#pusher', kind: 'pusher', attributes: expect.objectContaining({ mode: 'SD', minBitrate: '300' }) }),
        ]);
        expect(trace.clock).toEqual({ mapping: 'offset', offsetMs: clock.offsetMs, uncertaintyMs: clock.uncertaintyMs, samples: 9 });
        const report = await replayTrace(trace);
        expect(report.sources[0].pairs.map((p) => p.code)).toEqual(expect.arrayContaining([1001, 1002]));
        expect(report.agreement).toBeGreaterThan(0);
      } finally {
        mp.disconnect();
      }
    },
    BUDGET_MS,
  );
});
