/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The real client and the server need ws's Node build; jsdom's default conditions would give them the browser stub.
/**
 * However a run on the automator-sim target ends (passed, timed out), the
 * protocol server, the media server of its own, the encoders and every port
 * are gone: checked from the outside, by signal 0 and by connecting.
 */
import { join } from 'node:path';
import { alive, refused } from '../../test-support/processes';
import { runScenario, type Scenario, type ScenarioResult } from '../runner';
import { automatorSim } from '.';

const root = join(__dirname, '../../fixtures/miniprogram');

const story = (over: Partial<Scenario> & { expect: Scenario['expect'] }): Scenario => ({
  name: 'studio on its own server, through the protocol',
  description: 'The studio pushes and watches itself on a server of its own, driven by the real client.',
  needs: ['real-media'],
  setup: { page: 'pages/studio/studio' },
  duration: '4s',
  ...over,
});

async function expectNothingLeft(r: ScenarioResult): Promise<void> {
  const opened = r.opened;
  expect(opened).toBeDefined();
  if (!opened) return;
  // its own media server and at least the pusher's encoder
  expect(opened.pids.length).toBeGreaterThanOrEqual(2);
  // the media server's RTMP and HTTP ports, the fault proxy's two (one per route), and the protocol server's
  expect(opened.ports).toHaveLength(5);
  for (const pid of opened.pids) expect(alive(pid)).toBe(false);
  for (const port of opened.ports) expect(await refused(port)).toBe(true);
}

describe('teardown of the automator-sim target on real media', () => {
  it('leaves no process and no port after a passing scenario', async () => {
    const r = await runScenario(story({ expect: { sequence: ['pusher#pusher 1002', 'player#monitor 2004'] } }), {
      miniprogramRoot: root,
      target: automatorSim,
      media: { server: 'own' },
    });
    expect(r.failures).toEqual([]);
    expect(r.target).toBe('automator-sim');
    await expectNothingLeft(r);
  }, 60_000);

  it('stops a scenario that runs out of time, on time, and leaves nothing behind', async () => {
    const t0 = Date.now();
    const r = await runScenario(story({ duration: '60s', expect: { sequence: ['pusher#pusher 1002'] } }), {
      miniprogramRoot: root,
      target: automatorSim,
      media: { server: 'own' },
      timeoutMs: 4000,
    });
    const took = Date.now() - t0;
    expect(r.status).toBe('failed');
    expect(r.failures).toContain(
      'the run timed out after 4000 ms of wall time (timeoutMs); everything it started was stopped. Raise timeoutMs, or look for a step that never ends',
    );
    // the budget, the bounded last sync, and teardown (SIGTERM, then SIGKILL after 2 s at worst)
    expect(took).toBeLessThan(4000 + 5000 + 6000);
    // what happened before the budget ran out was mirrored and kept
    expect(r.timeline.some((e) => e.source === 'pusher#pusher' && e.code === 1002)).toBe(true);
    await expectNothingLeft(r);
  }, 60_000);
});
