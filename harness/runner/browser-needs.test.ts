/**
 * A scenario with browser viewers on a machine without a browser: not
 * applicable, with the way to get one, never passed and never started (so
 * this test opens no server and launches nothing).
 */
import { join } from 'node:path';
import { runScenario } from './run-scenario';
import { defineScenario } from './scenario';

const scenario = defineScenario({
  name: 'a browser watches',
  description: 'A browser viewer watches the studio stream.',
  needs: ['real-media'],
  setup: { page: 'pages/studio/studio', browserViewers: [{ id: 'web', stream: 'live/studio' }] },
  duration: '5s',
  expect: { sequence: ['pusher#pusher 1002'] },
});
const root = join(__dirname, '../../fixtures/miniprogram');

let saved: string | undefined;
beforeEach(() => {
  saved = process.env.LIVE_HARNESS_CHROMIUM;
  // Set but wrong: findBrowser says so rather than looking further, whatever this machine has.
  process.env.LIVE_HARNESS_CHROMIUM = join(__dirname, 'no-such-chromium');
});
afterEach(() => {
  if (saved === undefined) delete process.env.LIVE_HARNESS_CHROMIUM;
  else process.env.LIVE_HARNESS_CHROMIUM = saved;
});

describe('a scenario with browser viewers', () => {
  it('is not applicable on real media without a browser, and says how to get one', async () => {
    const r = await runScenario(scenario, { miniprogramRoot: root, media: 'local' });
    expect(r.status).toBe('not-applicable');
    expect(r.timeline).toEqual([]);
    expect(r.expectations[0]).toMatchObject({
      kind: 'needs',
      expected: { capabilities: ['real-media', 'browser'] },
      observed: { missing: ['browser'] },
    });
    expect(r.failures[0]).toContain('needs browser, which this machine cannot provide: [live-harness] Failed to find a Chromium: LIVE_HARNESS_CHROMIUM=');
    expect(r.failures[0]).toContain('apt-get install -y chromium-headless-shell');
  });

  it('is not applicable in virtual time, where there is no stream for a browser to watch', async () => {
    const r = await runScenario(scenario, { miniprogramRoot: root });
    expect(r.status).toBe('not-applicable');
    expect(r.expectations[0]).toMatchObject({ observed: { missing: ['real-media', 'browser'] } });
  });
});
