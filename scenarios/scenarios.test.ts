/**
 * Runs every scenario in this folder in virtual time. Each is one test whose
 * failure message lists every broken expectation, with the aligned timeline.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runScenario, type Scenario } from '../harness/runner';

const root = join(__dirname, '../fixtures/miniprogram');
const files = readdirSync(__dirname).filter((f) => f.endsWith('.scenario.ts')).sort();

describe('scenarios (virtual time)', () => {
  it('finds the scenarios', () => {
    expect(files.length).toBeGreaterThanOrEqual(16);
  });

  for (const file of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const scenario = (require(join(__dirname, file)) as { default: Scenario }).default;
    it(scenario.name, async () => {
      const result = await runScenario(scenario, { miniprogramRoot: root });
      if (result.status !== 'passed') throw new Error(`${file}: ${result.status}\n${result.failures.map((f) => f || "(empty failure)").join("\n\n")}`);
      expect(result.status).toBe('passed');
    });
  }
});
