/**
 * Runs every scenario in this folder on the target that provides what it
 * needs: in virtual time here, on real media in media.test.ts. Each is one
 * test whose failure lists every broken expectation, with the aligned timeline.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runScenario, type Scenario } from '../harness/runner';

const root = join(__dirname, '../fixtures/miniprogram');
const files = readdirSync(__dirname)
  .filter((f) => f.endsWith('.scenario.ts'))
  .sort();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (f: string): Scenario => (require(join(__dirname, f)) as { default: Scenario }).default;
const virtual = files.filter((f) => !(load(f).needs ?? []).includes('real-media'));

describe('scenarios (virtual time)', () => {
  it('finds the scenarios', () => {
    expect(virtual.length).toBeGreaterThanOrEqual(18);
  });

  for (const file of virtual) {
    const scenario = load(file);
    it(scenario.name, async () => {
      const result = await runScenario(scenario, { miniprogramRoot: root });
      if (result.status !== 'passed') throw new Error(`${file}: ${result.status}\n${result.failures.map((f) => f || '(empty failure)').join('\n\n')}`);
      expect(result.status).toBe('passed');
    });
  }
});
