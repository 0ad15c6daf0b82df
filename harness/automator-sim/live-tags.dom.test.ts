/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The live tags through the real client, on the fixture mini-program, mocked and inert.
import { join } from 'node:path';
import { current, session } from './__fixtures__/client-session';

const LIVE = join(__dirname, '../../fixtures/miniprogram');

describe('automator-sim and the live tags', () => {
  it("in live: 'inert' the live tags emit nothing, and Element.triggerEvent on one runs the page's bind handler", async () => {
    await session({ miniprogramRoot: LIVE, live: 'inert' }, async (mp, sim) => {
      await mp.callWxMethod('navigateTo', { url: '/pages/play/play' });
      await sim.rig.advance('10s');
      const page = await current(mp);
      expect(await page.data('status')).toBe('idle');
      expect(sim.rig.timeline.entries.filter((e) => e.kind === 'statechange')).toEqual([]);
      const player = (await page.$('live-player'))!;
      expect(player.tagName).toBe('live-player');
      expect((player as unknown as { nodeId: string | null }).nodeId).toBeNull();
      expect(await player.attribute('src')).toBe('http://1234.liveplay.myqcloud.com/live/demo.flv');
      await player.trigger('statechange', { code: 2004, message: 'play begin' });
      expect(await page.data()).toMatchObject({ status: 'playing', lastCode: 2004 });
      // Its context exists and does nothing: no call reaches a model, nothing is emitted, no callback runs.
      expect(await page.callMethod('stop')).toBeUndefined();
      await sim.rig.advance('5s');
      expect(sim.rig.timeline.entries.filter((e) => e.source.startsWith('player#'))).toEqual([]);
      expect(await mp.evaluate(() => Object.keys(wx.createLivePlayerContext('player')).includes('play'))).toBe(true);
    });
  });

  it("in live: 'mock' the live tags run the model and the page sees its events", async () => {
    await session({ miniprogramRoot: LIVE }, async (mp, sim) => {
      // The entry page (the anchor's) pushes live/demo; the viewer's page plays it.
      await sim.rig.advance('3s');
      await mp.callWxMethod('navigateTo', { url: '/pages/play/play' });
      await sim.rig.advance('5s');
      expect(await (await current(mp)).data('status')).toBe('playing');
    });
  });
});
