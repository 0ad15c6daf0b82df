/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The real client and the server need ws's Node build; jsdom's default conditions would give them the browser stub.
/**
 * The real-media scenarios (and those that need no particular clock) on
 * simulate and on automator-sim, on local media: the embedded RTMP/HTTP-FLV
 * server, real ffmpeg encoders, real sockets, the real
 * miniprogram-automator client. They must agree on pass/fail, scenario by
 * scenario, and both pass the fixture mini-program's scenarios.
 */
import { basename, join } from 'node:path';
import { parseDuration } from '../assert';
import { loadScenarios, runScenario } from '../runner';
import { automatorSim, simulate } from '.';

const root = join(__dirname, '../../fixtures/miniprogram');
// Parity is for the stories both targets can run: one that needs more (an audience) is not applicable on automator-sim.
const media = loadScenarios(join(__dirname, '../../scenarios')).filter(
  ({ scenario: { needs } }) =>
    needs !== undefined &&
    (needs.length === 0 || needs.includes('real-media')) &&
    needs.every((n) => n === 'real-media' || automatorSim.capabilities.includes(n)),
);

describe('simulate and automator-sim (real media)', () => {
  it('find the real-media scenarios', () => {
    expect(media.length).toBeGreaterThanOrEqual(7);
  });

  for (const { file, scenario } of media) {
    it(
      `agree on "${scenario.name}"`,
      async () => {
        const local = await runScenario(scenario, { miniprogramRoot: root, target: simulate, media: 'local' });
        const remote = await runScenario(scenario, { miniprogramRoot: root, target: automatorSim, media: 'local' });
        expect([local.target, remote.target]).toEqual(['simulate', 'automator-sim']);
        expect([local.clock, remote.clock]).toEqual(['real', 'real']);
        const say = (r: typeof remote): string => `${basename(file)} on ${r.target}: ${r.status}\n${r.failures.join('\n\n')}`;
        if (remote.status !== local.status) throw new Error(`the targets disagree\n${say(local)}\n\n${say(remote)}`);
        if (remote.status !== 'passed') throw new Error(say(remote));
        expect(remote.status).toBe('passed');
        // The session's own port (the protocol server) is reported with what its rig opened, all closed again.
        expect(remote.opened?.ports.length).toBeGreaterThan(0);
      },
      2 * parseDuration(scenario.duration) + 90_000,
    );
  }
});
