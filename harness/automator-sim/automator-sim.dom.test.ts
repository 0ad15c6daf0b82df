/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The real client needs ws's Node build; jsdom's default conditions would give it the browser stub.
// Protocol conformance: every method automator-sim serves, through the real miniprogram-automator client.
import { join } from 'node:path';
import automator from 'miniprogram-automator';
import { WebSocket } from 'ws';
import { refused } from '../../test-support/processes';
import { VIRTUAL_EPOCH_MS, watchRigs } from '../rig';
import { AutomatorSim } from '.';
import { current, session, type MiniProgram } from './__fixtures__/client-session';

const LIVE = join(__dirname, '../../fixtures/miniprogram');
const TABS = join(__dirname, '__fixtures__/tabs');

/** Raw frames on a socket of our own: what the client never sends. */
async function rawSocket(url: string): Promise<{ ask(text: string): Promise<Record<string, unknown>>; close(): void }> {
  const ws = new WebSocket(url);
  await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
  return {
    ask: (text) =>
      new Promise((resolve) => {
        ws.once('message', (d) => resolve(JSON.parse(String(d)) as Record<string, unknown>));
        ws.send(text);
      }),
    close: () => ws.close(),
  };
}

/** The client's MiniProgram has a send(method, params) that its typings mark private. */
const send = (mp: MiniProgram, method: string, params: Record<string, unknown>): Promise<unknown> =>
  (mp as unknown as { send(m: string, p: Record<string, unknown>): Promise<unknown> }).send(method, params);

const log = (mp: MiniProgram): Promise<string[]> => mp.evaluate(() => getApp().globalData.log.splice(0)) as Promise<string[]>;

describe('automator-sim, through the real miniprogram-automator client', () => {
  it('binds 127.0.0.1 on a dynamic port, reports the client profile as SDKVersion, and refuses the port after stop()', async () => {
    const sim = await AutomatorSim.start({ miniprogramRoot: LIVE, client: { baseLibrary: '2.30.4' } });
    const url = new URL(sim.wsEndpoint);
    expect(url.hostname).toBe('127.0.0.1');
    expect(sim.port).toBeGreaterThan(0);
    const raw = await rawSocket(sim.wsEndpoint);
    expect(await raw.ask(JSON.stringify({ id: '1', method: 'Tool.getInfo', params: {} }))).toEqual({ id: '1', result: { SDKVersion: '2.30.4' } });
    raw.close();
    await sim.stop();
    expect(await refused(sim.port)).toBe(true);
    expect(sim.rig.isDisposed).toBe(true);
  });

  it("refuses an old base library through the client's own version check", async () => {
    await using sim = await AutomatorSim.start({ miniprogramRoot: LIVE, client: { baseLibrary: '2.7.2' } });
    await expect(automator.connect({ wsEndpoint: sim.wsEndpoint })).rejects.toThrow('SDKVersion is currently 2.7.2');
  });

  it('answers an unsupported method and malformed frames with errors that say why, and the connection stays up', async () => {
    await session({ miniprogramRoot: LIVE }, async (mp, sim) => {
      await expect(send(mp, 'Tool.stopAudits', {})).rejects.toThrow('[live-harness] Failed to run Tool.stopAudits: automator-sim does not support this method');
      await expect(send(mp, 'Page.getDat', {})).rejects.toThrow('Did you mean "Page.getData"?');
      const raw = await rawSocket(sim.wsEndpoint);
      const notJson = await raw.ask('{nope');
      expect(notJson.id).toBeNull();
      expect((notJson.error as { message: string }).message).toMatch(/^\[live-harness\] Failed to read a request: the frame is malformed: it is not JSON/);
      const noMethod = await raw.ask(JSON.stringify({ id: 'x1', params: {} }));
      expect(noMethod).toEqual({
        id: 'x1',
        error: { message: expect.stringContaining('the frame is malformed: its "method" undefined is not "Domain.name"') },
      });
      const badParams = await raw.ask(JSON.stringify({ id: 'x2', method: 'App.getPageStack', params: [1] }));
      expect((badParams.error as { message: string }).message).toContain('its "params" is not an object (got an array)');
      // Both connections still work.
      expect(await raw.ask(JSON.stringify({ id: 'x3', method: 'App.getCurrentPage', params: {} }))).toMatchObject({
        id: 'x3',
        result: { path: 'pages/push/push' },
      });
      raw.close();
      expect((await current(mp)).path).toBe('pages/push/push');
    });
  });

  it("navigates with navigateTo, redirectTo, navigateBack, switchTab and reLaunch, running the page lifecycles in WeChat's order", async () => {
    await session({ miniprogramRoot: TABS }, async (mp) => {
      const home = await current(mp);
      expect(home.path).toBe('pages/home/home');
      expect(await log(mp)).toEqual(['home.onLoad', 'home.onShow']);
      expect(await mp.callWxMethod('navigateTo', { url: '/pages/detail/detail?id=7' })).toEqual({ errMsg: 'navigateTo:ok' });
      expect(await log(mp)).toEqual(['home.onHide', 'detail.onLoad', 'detail.onShow']);
      const detail = await current(mp);
      expect(detail.query).toEqual({ id: '7' });
      expect((await mp.pageStack()).map((p) => p.path)).toEqual(['pages/home/home', 'pages/detail/detail']);
      await mp.callWxMethod('redirectTo', { url: 'detail?id=8' });
      expect(await log(mp)).toEqual(['detail.onUnload', 'detail.onLoad', 'detail.onShow']);
      await mp.callWxMethod('navigateBack');
      expect(await log(mp)).toEqual(['detail.onUnload', 'home.onShow']);
      await mp.callWxMethod('switchTab', { url: '/pages/me/me' });
      expect(await log(mp)).toEqual(['home.onHide', 'me.onLoad', 'me.onShow']);
      await mp.callWxMethod('switchTab', { url: '/pages/home/home' });
      // The home tab stayed alive: shown again, not loaded again.
      expect(await log(mp)).toEqual(['me.onHide', 'home.onShow']);
      await mp.callWxMethod('reLaunch', { url: '/pages/detail/detail' });
      expect(await log(mp)).toEqual(['home.onUnload', 'me.onUnload', 'detail.onLoad', 'detail.onShow']);
      await expect(mp.callWxMethod('switchTab', { url: '/pages/detail/detail' })).rejects.toThrow('switchTab:fail can not switch to no-tabBar page');
      await expect(mp.callWxMethod('navigateTo', { url: '/pages/me/me' })).rejects.toThrow('navigateTo:fail can not navigateTo a tabbar page');
      await expect(mp.callWxMethod('navigateTo', { url: '/pages/nope/nope' })).rejects.toThrow('navigateTo:fail page "pages/nope/nope" is not found');
      await expect(mp.callWxMethod('navigateBack')).rejects.toThrow('navigateBack:fail cannot navigate back at first page.');
    });
  });

  it("lets page code navigate with wx, callbacks and promise alike, with WeChat's answers", async () => {
    await session({ miniprogramRoot: TABS, entryPage: 'pages/detail/detail' }, async (mp) => {
      const detail = await current(mp);
      expect(await detail.callMethod('goNowhere')).toBe('navigateTo:fail page "pages/detail/nowhere/nowhere" is not found');
      expect(await detail.callMethod('goMe')).toBe('switchTab:ok');
      expect((await mp.pageStack()).map((p) => p.path)).toEqual(['pages/me/me']);
    });
  });

  it('never hands out a pageId or elementId twice, across navigation', async () => {
    await session({ miniprogramRoot: TABS }, async (mp) => {
      const pageIds = new Set<number>();
      const elementIds = new Set<string>();
      for (let i = 0; i < 3; i++) {
        await mp.callWxMethod('navigateTo', { url: '/pages/detail/detail' });
        const page = await current(mp);
        const el = await page.$('#go');
        expect(pageIds.has((page as unknown as { id: number }).id)).toBe(false);
        pageIds.add((page as unknown as { id: number }).id);
        expect(el).not.toBeNull();
        expect(elementIds.has((el as unknown as { id: string }).id)).toBe(false);
        elementIds.add((el as unknown as { id: string }).id);
        // Selecting the same element again names it by the same id.
        expect(((await page.$('#go')) as unknown as { id: string }).id).toBe((el as unknown as { id: string }).id);
        await mp.callWxMethod('navigateBack');
        await expect(page.data()).rejects.toThrow(/was unloaded/);
        await expect(el!.attribute('id')).rejects.toThrow(/belongs to pages\/detail\/detail, which was unloaded/);
      }
    });
  });

  it('reads and writes page data, calls page methods (sync and async), and selects elements', async () => {
    await session({ miniprogramRoot: TABS, entryPage: 'pages/detail/detail' }, async (mp) => {
      const page = await current(mp);
      expect(await page.data('items[1].name')).toBe('b');
      await page.setData({ clicks: 5 });
      expect(await page.data('clicks')).toBe(5);
      expect(await page.callMethod('add', 2, 3)).toBe(5);
      expect(await page.callMethod('later', 'x')).toEqual({ v: 'x' });
      await expect(page.callMethod('nope')).rejects.toThrow('pages/detail/detail has no method "nope"');
      const items = await page.$$('.item');
      expect(items.map((i: { tagName: string }) => i.tagName)).toEqual(['view', 'view']);
      expect(await items[1].attribute('data-name')).toBe('b');
      expect(await (await page.$('.item:nth-child(2)'))!.text()).toBe('b');
      expect(await page.$('#missing')).toBeNull();
      expect(await page.size()).toEqual({ width: expect.any(Number), height: expect.any(Number) });
    });
  });

  it('reads an element: attributes, properties (after __propPublic), DOM properties, inner and outer WXML; taps it', async () => {
    await session({ miniprogramRoot: TABS, entryPage: 'pages/detail/detail' }, async (mp) => {
      const page = await current(mp);
      const go = (await page.$('#go'))!;
      expect(await go.attribute('class')).toBe('primary');
      expect(await go.attribute('id')).toBe('go');
      expect(await go.text()).toBe('Go');
      expect(await go.outerWxml()).toBe('<button id="go" class="primary">Go</button>');
      expect(await (await page.$('#list'))!.wxml()).toBe('<view class="item" data-name="a">a</view><view class="item" data-name="b">b</view>');
      await go.tap();
      expect(await page.data('clicks')).toBe(1);
      const counter = (await page.$('#counter'))!;
      expect(await counter.property('step')).toBe(2);
      await expect(counter.property('nope')).rejects.toThrow('counter.nope not exists');
    });
  });

  it("drives a custom component's data and methods (its reply carries a nodeId)", async () => {
    await session({ miniprogramRoot: TABS, entryPage: 'pages/detail/detail' }, async (mp) => {
      const page = await current(mp);
      const counter = (await page.$('#counter')) as unknown as {
        nodeId: string;
        data(p?: string): Promise<unknown>;
        setData(d: object): Promise<void>;
        callMethod(m: string, ...a: unknown[]): Promise<unknown>;
        wxml(): Promise<string>;
      };
      expect(counter.nodeId).toEqual(expect.any(String));
      expect(await counter.data('count')).toBe(0);
      expect(await counter.callMethod('inc')).toBe(2);
      await counter.setData({ count: 10 });
      expect(await counter.data()).toMatchObject({ count: 10, step: 2 });
      expect(await counter.wxml()).toBe('<view class="count">10</view>');
      // Selecting inside a custom component looks in its own template.
      const inner = await (counter as unknown as { $(s: string): Promise<{ text(): Promise<string> } | null> }).$('.count');
      expect(await inner!.text()).toBe('10');
      const go = (await page.$('#go')) as unknown as { nodeId: string | null };
      expect(go.nodeId).toBeNull();
    });
  });

  it('calls wx methods, and mocks them with a value, with a function (this.origin, extra args), and restores them', async () => {
    await session({ miniprogramRoot: TABS, entryPage: 'pages/detail/detail' }, async (mp) => {
      const page = await current(mp);
      const real = (await mp.callWxMethod('getSystemInfoSync')) as { platform: string };
      expect(typeof real.platform).toBe('string');
      // A callback-style API answers with what its success callback got.
      expect(await mp.callWxMethod('getSetting')).toMatchObject({ errMsg: 'getSetting:ok' });
      await mp.mockWxMethod('getSystemInfoSync', { platform: 'devtools-mock' });
      expect(await page.callMethod('readInfo')).toEqual({ platform: 'devtools-mock' });
      await mp.mockWxMethod(
        'getSystemInfoSync',
        function (this: { origin: () => Record<string, unknown> }, suffix: string) {
          return { ...this.origin(), platform: `wrapped-${suffix}` };
        },
        'x',
      );
      expect(await page.callMethod('readInfo')).toMatchObject({ platform: 'wrapped-x' });
      await mp.restoreWxMethod('getSystemInfoSync');
      expect(await page.callMethod('readInfo')).toEqual(real);
      await expect(mp.callWxMethod('noSuchApi')).rejects.toThrow('wx.noSuchApi does not exist in this client');
    });
  });

  it('evaluates functions in the app service, exposes bindings, reports the console and uncaught exceptions', async () => {
    await session({ miniprogramRoot: TABS, entryPage: 'pages/detail/detail', clockSkewMs: 3_600_000 }, async (mp, sim) => {
      const page = await current(mp);
      expect(await mp.evaluate((a: number) => getCurrentPages().length + a + (typeof wx.getSystemInfoSync === 'function' ? 1 : 0), 10)).toBe(12);
      expect(await mp.evaluate(async () => getCurrentPages()[0].route)).toBe('pages/detail/detail');
      // clockSkewMs: the app service's Date runs an hour ahead of the host's.
      // (In virtual time the host's Date is the rig's clock from its fixed epoch; the clock does not move here.)
      expect(await page.callMethod('today')).toBe(VIRTUAL_EPOCH_MS + sim.rig.now() + 3_600_000);
      const calls: unknown[][] = [];
      await mp.exposeFunction('onDetailEvent', (...args: unknown[]) => calls.push(args));
      await page.callMethod('report', { n: 1 });
      await mp.evaluate(() => (globalThis as unknown as { onDetailEvent(x: string): void }).onDetailEvent('from evaluate'));
      await waitFor(() => calls.length === 2);
      expect(calls).toEqual([[{ n: 1 }, 0], ['from evaluate']]);
      const logs: unknown[] = [];
      mp.on('console', (m: unknown) => logs.push(m));
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      try {
        await page.callMethod('say', 'hi');
        await waitFor(() => logs.length === 1);
      } finally {
        warn.mockRestore();
      }
      expect(logs).toEqual([{ type: 'warn', args: ['detail says', 'hi'] }]);
      const exceptions: Array<{ message: string; stack: string }> = [];
      mp.on('exception', (e: { message: string; stack: string }) => exceptions.push(e));
      const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        await (await page.$('#boom'))!.tap();
        await waitFor(() => exceptions.length === 1);
      } finally {
        error.mockRestore();
      }
      expect(exceptions[0].message).toBe('boom in a handler');
      expect(exceptions[0].stack).toContain('detail.js');
      // A timer of page code that throws (virtual time): reported, and the clock goes on.
      await page.callMethod('boomLater');
      await sim.rig.advance('2s');
      expect(exceptions.map((e) => e.message)).toEqual(['boom in a handler', 'boom in a timer']);
    });
  });

  it('stands in for a phone (Tool.enableRemoteDebug connects), exits the app, and answers Tool.close before the socket closes', async () => {
    await session({ miniprogramRoot: TABS }, async (mp) => {
      await mp.remote();
      await send(mp, 'App.exit', {});
      expect(await send(mp, 'App.getPageStack', {})).toEqual({ pageStack: [] });
      expect(await log(mp)).toEqual(['home.onLoad', 'home.onShow', 'home.onUnload']);
      await expect(send(mp, 'App.getCurrentPage', {})).rejects.toThrow('no page is open (the app exited)');
      // The client's own close(): App.exit, then Tool.close, answered before the socket closes (or close() throws).
      await expect(mp.close()).resolves.toBeUndefined();
    });
  });

  it('serves the domains registered on it, and sends the events it is told to', async () => {
    await session({ miniprogramRoot: LIVE }, async (mp, sim) => {
      sim.registerDomain('Extra', { echo: (p) => ({ echoed: p.value }) });
      expect(() => sim.registerDomain('Extra', {})).toThrow('[live-harness] Failed to register domain "Extra": it exists already. Pick another name.');
      expect(await send(mp, 'Extra.echo', { value: 3 })).toEqual({ echoed: 3 });
      const got = new Promise((r) => (mp as unknown as { connection: { once(m: string, f: (p: unknown) => void): void } }).connection.once('Extra.tick', r));
      sim.emit('Extra.tick', { n: 1 });
      expect(await got).toEqual({ n: 1 });
    });
  });

  it('selects inside an element', async () => {
    await session({ miniprogramRoot: TABS, entryPage: 'pages/detail/detail' }, async (mp) => {
      const list = (await (await current(mp)).$('#list'))!;
      const items = await list.$$('.item');
      expect(await Promise.all(items.map((i: { text(): Promise<string> }) => i.text()))).toEqual(['a', 'b']);
      expect(await list.$('.nope')).toBeNull();
    });
  });

  it('closes everything it opened when it cannot start: a port in use leaves no rig and no server', async () => {
    await using first = await AutomatorSim.start({ miniprogramRoot: TABS });
    const open = new Set<unknown>();
    const stopWatching = watchRigs({ opened: (r) => open.add(r), closed: (r) => open.delete(r) });
    try {
      await expect(AutomatorSim.start({ miniprogramRoot: TABS, port: first.port })).rejects.toThrow(
        `[live-harness] Failed to start automator-sim on 127.0.0.1:${first.port}: listen EADDRINUSE`,
      );
      expect(open.size).toBe(0);
    } finally {
      stopWatching();
    }
  });

  it('closes everything it opened when the mini-program cannot start', async () => {
    await expect(AutomatorSim.start({ miniprogramRoot: join(__dirname, 'no-such-app') })).rejects.toThrow(/app\.json not found/);
    await expect(AutomatorSim.start({ miniprogramRoot: LIVE, clock: 'virtual' as never })).rejects.toThrow("Use 'virtual-time' or 'real-media'.");
  });
});

async function waitFor(pred: () => boolean, ms = 5000): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
