/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The real client needs ws's Node build; jsdom's default conditions would give it the browser stub.
// The devtools target on local media: the model's connections are real sockets to the embedded server, with
// real encoders, while the page runs in the DevTools stand-in (automator-sim with inert live tags).
import { join } from 'node:path';
import { AutomatorSim } from '../automator-sim';
import { loadScenarioFile, runScenario } from '../runner';
import { devtools } from '.';

const ROOT = join(__dirname, '../../fixtures/miniprogram');

describe('the devtools target on local media', () => {
  it('pushes and plays back over real RTMP/HTTP-FLV from the model in Node, with the page in the stand-in: the studio scenario passes', async () => {
    await using sim = await AutomatorSim.start({ miniprogramRoot: ROOT, live: 'inert' });
    const { scenario } = loadScenarioFile(join(__dirname, '../../scenarios/media-push-play-live.scenario.ts'));
    const result = await runScenario(scenario, { miniprogramRoot: ROOT, target: devtools({ wsEndpoint: sim.wsEndpoint }), media: 'local' });
    if (result.status !== 'passed') throw new Error(result.failures.join('\n\n'));
    expect(result.clock).toBe('real');
    // The server the model's sockets reached saw the publish and the play.
    expect(result.timeline.filter((e) => e.kind === 'server').map((e) => (e.detail as { event: string }).event)).toEqual(
      expect.arrayContaining(['publish', 'play']),
    );
    expect(sim.rig.timeline.filter((e) => e.kind === 'statechange')).toEqual([]);
  }, 120_000);
});
