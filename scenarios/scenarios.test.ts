/**
 * Runs every scenario in this folder on the target that provides what it
 * needs: in virtual time here, on real media in media.test.ts. Each is one
 * test whose failure lists every broken expectation, with the aligned timeline.
 */
import { basename, join } from 'node:path';
import { loadScenarios, runScenario } from '../harness/runner';

const root = join(__dirname, '../fixtures/miniprogram');
const virtual = loadScenarios(__dirname).filter(({ scenario }) => !(scenario.needs ?? []).includes('real-media'));

describe('scenarios (virtual time)', () => {
  it('finds the scenarios', () => {
    expect(virtual.length).toBeGreaterThanOrEqual(18);
  });

  for (const { file, scenario } of virtual) {
    it(scenario.name, async () => {
      const result = await runScenario(scenario, { miniprogramRoot: root });
      if (result.status !== 'passed')
        throw new Error(`${basename(file)}: ${result.status}\n${result.failures.map((f) => f || '(empty failure)').join('\n\n')}`);
      expect(result.status).toBe('passed');
    });
  }
});
