/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The real client and the server need ws's Node build; jsdom's default conditions would give them the browser stub.
/**
 * One story told twice on the fixture pages: with createRig, and with the
 * real miniprogram-automator client on automator-sim through attachHarness.
 * The same matchers check the same sequences on both timelines.
 */
import { join } from 'node:path';
import automator from 'miniprogram-automator';
import type { SequenceStep } from '../assert';
import { AutomatorSim } from '../automator-sim';
import { installLiveHarness } from '../automator-sim/live-harness-domain';
import type { TimelineEntry } from '../record';
import { createRig } from '../rig';
import { attachHarness } from '.';

const root = join(__dirname, '../../fixtures/miniprogram');

/** The push page through a 4 s network loss. */
const BLIP: readonly SequenceStep[] = [
  'pusher#pusher 1002',
  'network action',
  'pusher#pusher 3005 within 1s',
  'pusher#pusher 1102',
  'pusher#pusher 1001 within 8s',
  'pusher#pusher 1002 within 1s',
];
const AFTER_THE_MARK: readonly SequenceStep[] = ['network action', 'pusher#pusher 1102', 'pusher#pusher 1002'];

/** The play page while its anchor stalls. */
const STALL: readonly SequenceStep[] = ['player#player 2004', 'network action', 'player#player 2105 within 3s', 'player#player 2004'];

const codes = (entries: readonly TimelineEntry[]): string[] => entries.filter((e) => e.code !== undefined).map((e) => `${e.t} ${e.source} ${e.code}`);

async function onSim(entryPage: string) {
  const sim = await AutomatorSim.start({ miniprogramRoot: root, entryPage });
  installLiveHarness(sim);
  const mp = await automator.connect({ wsEndpoint: sim.wsEndpoint });
  const harness = await attachHarness(mp);
  return {
    sim,
    mp,
    harness,
    async [Symbol.asyncDispose]() {
      mp.disconnect();
      await sim.stop();
    },
  };
}

describe('a story written with createRig', () => {
  it('sees the push page reconnect after a network loss', async () => {
    await using rig = createRig({ miniprogramRoot: root });
    const page = await rig.loadPage('pages/push/push');
    await rig.advance('5s');
    const mark = rig.mark('cut');
    rig.network.cut(4000);
    await rig.advance('15s');
    expect(rig.timeline).toHaveSequence(BLIP);
    expect(rig.timeline).toHaveSequence(AFTER_THE_MARK, { since: mark });
    expect(rig.timeline).toNeverHave(-1307);
    expect(rig.timeline).toHaveCount('pusher#pusher 1102', { min: 1, max: 2, since: mark });
    expect(rig.metricsSince(mark)['pusher#pusher'].reconnects).toBeGreaterThanOrEqual(1);
    expect(page.data.status).toBe('pushing');
  });

  it('sees the player stall and play on', async () => {
    await using rig = createRig({ miniprogramRoot: root });
    await rig.streams.publish('live/demo');
    await rig.loadPage('pages/play/play');
    await rig.advance('5s');
    rig.network.stall(3000);
    await rig.advance('10s');
    expect(rig.timeline).toHaveSequence(STALL);
  });
});

describe('the same story written with the real client and attachHarness', () => {
  it('sees the push page reconnect after a network loss, and the mirror is the server timeline', async () => {
    await using s = await onSim('pages/push/push');
    const { harness, mp, sim } = s;
    const page = (await mp.currentPage())!;
    await harness.advance('5s');
    const mark = await harness.mark('cut');
    await harness.network.cut({ forMs: 4000 });
    await harness.advance('15s');
    expect(harness.timeline).toHaveSequence(BLIP);
    expect(harness.timeline).toHaveSequence(AFTER_THE_MARK, { since: mark });
    expect(harness.timeline).toNeverHave(-1307);
    expect(harness.timeline).toHaveCount('pusher#pusher 1102', { min: 1, max: 2, since: mark });
    expect((await harness.metricsSince(mark))['pusher#pusher'].reconnects).toBeGreaterThanOrEqual(1);
    expect((await page.data()).status).toBe('pushing');
    // Nothing was lost or reordered on the way: what the client holds is what the server recorded, as JSON carries it.
    expect(harness.timeline.toJSON()).toEqual(JSON.parse(JSON.stringify(sim.rig.timeline.toJSON())));

    // The same story on createRig reports the same codes at the same virtual times.
    await using rig = createRig({ miniprogramRoot: root });
    await rig.loadPage('pages/push/push');
    await rig.advance('5s');
    rig.network.cut(4000);
    await rig.advance('15s');
    expect(codes(harness.timeline.entries)).toEqual(codes(rig.timeline.entries));
  });

  it('sees the player stall and play on', async () => {
    await using s = await onSim('pages/push/push');
    const { harness, mp } = s;
    await harness.streams.publish('live/demo');
    expect(await harness.streams.isLive('live/demo')).toBe(true);
    const mark = await harness.mark();
    await mp.callWxMethod('reLaunch', { url: '/pages/play/play' });
    await harness.advance('5s');
    await harness.network.stall({ forMs: 3000 });
    await harness.advance('10s');
    expect(harness.timeline).toHaveSequence(STALL, { since: mark });
  });

  it('refuses a fault the vocabulary does not have, naming the nearest, and the connection stays up', async () => {
    await using s = await onSim('pages/push/push');
    const { harness, mp } = s;
    await expect(harness.network.apply({ fault: 'stal', forMs: 1000 } as never)).rejects.toThrow(
      /\[live-harness\] Failed to apply fault .*"stal" is not a fault\. Did you mean "stall"\?/,
    );
    await expect(harness.network.stall({ forMs: -1 })).rejects.toThrow(/forMs must be a number of ms, above 0/);
    await expect(harness.device.deny('camra' as never)).rejects.toThrow(/Did you mean "camera"\?/);
    expect((await mp.currentPage())!.path).toBe('pages/push/push');
    expect(await harness.now()).toBe(0);
    expect(harness.clock).toBe('virtual-time');
  });

  it('fetches with sync() what was recorded while pushes were off, so the mirror ends complete', async () => {
    await using s = await onSim('pages/push/push');
    const { harness, sim } = s;
    await harness.send('disable');
    await harness.advance('3s');
    const held = harness.timeline.length;
    const state = await harness.sync();
    expect(state.length).toBeGreaterThan(held);
    expect(harness.timeline.length).toBe(state.length);
    expect(harness.timeline.toJSON()).toEqual(JSON.parse(JSON.stringify(sim.rig.timeline.toJSON())));
  });

  it('drives the device and live contexts as page code would', async () => {
    await using s = await onSim('pages/push/push');
    const { harness } = s;
    await harness.advance('2s');
    const mark = await harness.mark();
    await harness.hidePage();
    await harness.device.background();
    await harness.advance('2s');
    await harness.device.foreground();
    await harness.showPage();
    await harness.context('pusher#pusher', 'stop');
    expect(harness.timeline).toHaveSequence(
      [
        'page lifecycle',
        'device action',
        'pusher#pusher 5000',
        'device action',
        'page lifecycle',
        { source: 'pusher#pusher', kind: 'call', where: (d: { method: string }) => d.method === 'stop' },
      ],
      { since: mark },
    );
    expect((await harness.warnings()).problems).toEqual([]);
    expect(await harness.mediaInfo()).toMatchObject({ clock: 'virtual-time', realMedia: false });
  });
});
