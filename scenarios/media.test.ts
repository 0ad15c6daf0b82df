/**
 * The scenarios that need real media — and those that need no particular
 * target (`needs: []`), which also run in virtual time — on real media: the
 * embedded RTMP/HTTP-FLV server (one per jest worker), real ffmpeg encoders,
 * real sockets. They run in real time, so each gets its duration plus a minute.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseDuration } from '../harness/assert';
import { runScenario, type Scenario } from '../harness/runner';

const root = join(__dirname, '../fixtures/miniprogram');
const files = readdirSync(__dirname)
  .filter((f) => f.endsWith('.scenario.ts'))
  .sort();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (f: string): Scenario => (require(join(__dirname, f)) as { default: Scenario }).default;
const media = files.filter((f) => {
  const needs = load(f).needs;
  return needs !== undefined && (needs.length === 0 || needs.includes('real-media'));
});

describe('scenarios (real media)', () => {
  it('finds the real-media scenarios', () => {
    expect(media.length).toBeGreaterThanOrEqual(7);
  });

  for (const file of media) {
    const scenario = load(file);
    it(
      scenario.name,
      async () => {
        const result = await runScenario(scenario, { miniprogramRoot: root, media: 'local' });
        if (result.status !== 'passed') throw new Error(`${file}: ${result.status}\n${result.failures.map((f) => f || '(empty failure)').join('\n\n')}`);
        expect(result.clock).toBe('real');
        expect(result.status).toBe('passed');
      },
      parseDuration(scenario.duration) + 60_000,
    );
  }
});
