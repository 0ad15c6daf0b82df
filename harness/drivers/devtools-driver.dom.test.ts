/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The real client needs ws's Node build; jsdom's default conditions would give it the browser stub.
import { join } from 'node:path';
import automator from 'miniprogram-automator';
import { AutomatorSim } from '../automator-sim';
import type { AutomatorMiniProgram } from './automator-client';
import { DevtoolsDriver } from './devtools-driver';

const ROOT = join(__dirname, '../../fixtures/miniprogram');

/** automator-sim with inert live tags: WeChat DevTools as the driver sees it (tags render, emit nothing, contexts do nothing). */
async function devtoolsStandIn(): Promise<{ sim: AutomatorSim; mp: AutomatorMiniProgram; driver: DevtoolsDriver; [Symbol.asyncDispose](): Promise<void> }> {
  const sim = await AutomatorSim.start({ miniprogramRoot: ROOT, live: 'inert' });
  const mp = (await automator.connect({ wsEndpoint: sim.wsEndpoint })) as unknown as AutomatorMiniProgram;
  const driver = new DevtoolsDriver(mp, { seed: 1 });
  await driver.start();
  return {
    sim,
    mp,
    driver,
    async [Symbol.asyncDispose]() {
      await driver.stop();
      mp.disconnect();
      await sim.stop();
    },
  };
}

async function open(s: { mp: AutomatorMiniProgram; driver: DevtoolsDriver }, url: string): Promise<void> {
  await s.mp.callWxMethod('reLaunch', { url });
  await s.driver.sync();
  await s.driver.settle();
}

const data = async (mp: AutomatorMiniProgram): Promise<Record<string, unknown>> => (await (await mp.currentPage())!.data()) as Record<string, unknown>;

describe('the devtools driver, against automator-sim standing in for WeChat DevTools', () => {
  it("intercepts the page's live context: start() runs on the model in Node, and the model's events reach the page's handlers in the runtime", async () => {
    await using s = await devtoolsStandIn();
    await open(s, '/pages/push/push');
    await s.driver.advance(5000);
    const t = s.driver.host.timeline;
    // The page's own ctx.start() in onReady crossed the binding and ran on the model.
    expect(
      t.filter((e) => e.kind === 'call').map((e) => [e.source, (e.detail as { method: string; ok: boolean }).method, (e.detail as { ok: boolean }).ok]),
    ).toEqual([['pusher#pusher', 'start', true]]);
    expect(t).toHaveSequence(['pusher#pusher 1001', 'pusher#pusher 1002']);
    // The page's bindstatechange handler ran in the runtime with the model's events.
    expect(await data(s.mp)).toMatchObject({ status: 'pushing', lastCode: 1002 });
    // The stand-in emitted nothing itself: every statechange the runtime saw came from the driver.
    expect(s.sim.rig.timeline.filter((e) => e.kind === 'statechange')).toEqual([]);
    expect(s.driver.problems).toEqual([]);
  });

  it("answers an intercepted call's fail callback in the page, with the model's errMsg", async () => {
    await using s = await devtoolsStandIn();
    await open(s, '/pages/push/push');
    await s.mp.evaluate(`function () {
      var page = getCurrentPages()[0];
      wx.createLivePlayerContext('absent', page).play({ fail: function (e) { page.setData({ errorText: e.errMsg }); } });
    }`);
    await s.driver.settle();
    expect((await data(s.mp)).errorText).toBe('operateLivePlayer:fail no <live-player id="absent"> is on the page that created the context');
    expect(s.driver.host.timeline.filter((e) => e.kind === 'call' && e.source === 'player#absent').map((e) => (e.detail as { ok: boolean }).ok)).toEqual([
      false,
    ]);
  });

  it("reads the live tag's attributes through the protocol, at insert and on every change", async () => {
    await using s = await devtoolsStandIn();
    await open(s, '/pages/push/push?mode=HD');
    const [handle] = s.driver.host.components.registry.handles();
    expect(handle.source).toBe('pusher#pusher');
    expect(handle.model.attrs).toMatchObject({
      url: 'rtmp://1234.livepush.myqcloud.com/live/demo?txSecret=abc&txTime=FFFFFFFF',
      mode: 'HD',
      minBitrate: 300,
      maxBitrate: 800,
    });
    // device-position applies only at insert (Q6): the model warns, as it does on simulate, once the change is read.
    await (await s.mp.currentPage())!.setData({ devicePosition: 'back' });
    await s.driver.sync();
    const warnings = s.driver.host.timeline.filter((e) => e.kind === 'warning').map((e) => (e.detail as { message: string }).message);
    expect(warnings).toEqual([expect.stringContaining('device-position changed to "back" after insert; the real component ignores it')]);
  });

  it('lets the page react in the runtime: after -1307 its handler stops and starts the context again, and those calls reach the model', async () => {
    await using s = await devtoolsStandIn();
    await open(s, '/pages/push/push');
    await s.driver.advance(2000);
    s.driver.host.network.cut();
    await s.driver.advance(60_000);
    const t = s.driver.host.timeline;
    expect(t).toHaveSequence(['pusher#pusher 1102', 'pusher#pusher -1307']);
    const afterGiveUp = t.entries.slice(t.entries.findIndex((e) => e.code === -1307));
    expect(
      afterGiveUp
        .filter((e) => e.kind === 'call')
        .map((e) => (e.detail as { method: string }).method)
        .slice(0, 2),
    ).toEqual(['stop', 'start']);
    expect((await data(s.mp)).restarts).toBeGreaterThanOrEqual(1);
    expect(s.driver.problems).toEqual([]);
  });

  it("takes the interception out when it stops: page code gets the runtime's own contexts again, and nothing more crosses the binding", async () => {
    await using s = await devtoolsStandIn();
    await open(s, '/pages/push/push');
    const bindingCalls: unknown[] = [];
    (s.mp as unknown as { connection: { on(e: string, f: (p: unknown) => void): void } }).connection.on('App.bindingCalled', (p) => bindingCalls.push(p));
    await s.mp.evaluate(`function () { wx.createLivePusherContext('pusher', getCurrentPages()[0]).stop({}); }`);
    await s.driver.settle();
    expect(bindingCalls.length).toBe(2); // create, then the call
    await s.driver.stop();
    await s.mp.evaluate(`function () { wx.createLivePusherContext('pusher', getCurrentPages()[0]).stop({}); }`);
    expect(bindingCalls.length).toBe(2);
  });
});
