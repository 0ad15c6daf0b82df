/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The real client and the server need ws's Node build; jsdom's default conditions would give them the browser stub.
/**
 * Every scenario that both targets can run in virtual time, on simulate and
 * on automator-sim (the real miniprogram-automator client over the
 * protocol): they must agree on pass/fail, scenario by scenario. The fixture
 * mini-program's scenarios all pass, so both must pass them.
 */
import { basename, join } from 'node:path';
import { loadScenarios, runScenario } from '../runner';
import { automatorSim, simulate } from '.';

const root = join(__dirname, '../../fixtures/miniprogram');
const scenarios = join(__dirname, '../../scenarios');
const virtual = loadScenarios(scenarios).filter(({ scenario }) => !(scenario.needs ?? []).includes('real-media'));

describe('simulate and automator-sim (virtual time)', () => {
  it('find the scenarios both can run', () => {
    expect(automatorSim.capabilities).toEqual(expect.arrayContaining(['virtual-time', 'real-media']));
    expect(virtual.length).toBeGreaterThanOrEqual(18);
  });

  for (const { file, scenario } of virtual) {
    it(`agree on "${scenario.name}"`, async () => {
      const local = await runScenario(scenario, { miniprogramRoot: root, target: simulate });
      const remote = await runScenario(scenario, { miniprogramRoot: root, target: automatorSim });
      expect(remote.target).toBe('automator-sim');
      expect(local.target).toBe('simulate');
      const say = (r: typeof remote): string => `${basename(file)} on ${r.target}: ${r.status}\n${r.failures.join('\n\n')}`;
      if (remote.status !== local.status) throw new Error(`the targets disagree\n${say(local)}\n\n${say(remote)}`);
      if (remote.status !== 'passed') throw new Error(say(remote));
      expect(remote.status).toBe('passed');
      // Same seed, same model: the live components report the same codes in the same order through the protocol.
      const codes = (r: typeof remote): string[] => r.timeline.filter((e) => e.code !== undefined).map((e) => `${e.t} ${e.source} ${e.code}`);
      expect(codes(remote).length).toBeGreaterThan(0);
      expect(codes(remote)).toEqual(codes(local));
    });
  }
});
