/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The real client needs ws's Node build; jsdom's default conditions would give it the browser stub.
import { join } from 'node:path';
import automator from 'miniprogram-automator';
import { AutomatorSim } from '.';

const ROOT = join(__dirname, '../../fixtures/miniprogram');

describe('automator-sim', () => {
  it('answers the real client: version, current page, data', async () => {
    await using sim = await AutomatorSim.start({ miniprogramRoot: ROOT });
    const mp = await automator.connect({ wsEndpoint: sim.wsEndpoint });
    try {
      const page = (await mp.currentPage())!;
      expect(page.path).toBe('pages/push/push');
      const data = await page.data();
      expect(typeof data).toBe('object');
      await mp.callWxMethod('navigateTo', { url: '/pages/play/play' });
      const play = (await mp.currentPage())!;
      expect(play.path).toBe('pages/play/play');
      const el = await play.$('live-player');
      expect(el?.tagName).toBe('live-player');
      expect(await el!.attribute('src')).toContain('demo.flv');
      console.log(await el!.outerWxml(), await (await play.$('#status'))!.text());
    } finally {
      mp.disconnect();
    }
  });
});
