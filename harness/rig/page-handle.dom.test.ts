/**
 * The page handle on the sample mini-program, through a rig: the live tags are
 * found by their WXML names though the rig renders them under ids of its own,
 * and a button is tapped by its tag.
 */
import { join } from 'node:path';
import { createRig } from './rig';

const sample = join(__dirname, '../../fixtures/miniprogram');

describe('page handle on the sample mini-program', () => {
  it('selects <live-pusher> and <live-player> by tag and attribute, and taps the button by its tag', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    const page = await rig.loadPage('pages/studio/studio');
    await rig.advance('3s');
    expect(page.querySelectorAll('live-pusher, live-player')).toHaveLength(2);
    expect(page.querySelector('live-player[mode="live"]')?.dom).toBe(page.querySelector('#monitor')?.dom);
    expect(page.querySelector('live-pusher[max-bitrate="900"]')?.dom).toBe(page.querySelector('#pusher')?.dom);
    expect(page.text('.studio > view:nth-of-type(1)')).toBe('pushing');
    await page.tap('button');
    await rig.advance('1s');
    expect(rig.timeline).toHaveSequence([
      'pusher#pusher 1002',
      { source: 'pusher#pusher', kind: 'call', where: (d: { method: string }) => d.method === 'stop' },
    ]);
  });

  it('refuses a route that exists on disk but not in app.json', async () => {
    await using rig = createRig({ miniprogramRoot: join(__dirname, '../page/__fixtures__') });
    await expect(rig.loadPage('pages/unlisted/unlisted')).rejects.toThrow(
      '[live-harness] Failed to load page "pages/unlisted/unlisted": it is not listed in app.json "pages". Add it there (the WeChat client refuses routes it does not list).',
    );
  });
});
