/**
 * The scenarios that need real media — and those that need no particular
 * target (`needs: []`), which also run in virtual time — on real media: the
 * embedded RTMP/HTTP-FLV server (one per jest worker), real ffmpeg encoders,
 * real sockets. They run in real time, so each gets its duration plus a minute.
 */
import { basename, join } from 'node:path';
import { parseDuration } from '../harness/assert';
import { loadScenarios, runScenario } from '../harness/runner';

const root = join(__dirname, '../fixtures/miniprogram');
// Scenarios with browser viewers live in scenarios/browser/, which npm run test:e2e runs (this folder's files only are read here).
const media = loadScenarios(__dirname).filter(
  ({ scenario: { needs } }) => needs !== undefined && (needs.length === 0 || needs.includes('real-media')) && !needs.includes('browser'),
);

describe('scenarios (real media)', () => {
  it('finds the real-media scenarios', () => {
    expect(media.length).toBeGreaterThanOrEqual(7);
  });

  for (const { file, scenario } of media) {
    it(
      scenario.name,
      async () => {
        const result = await runScenario(scenario, { miniprogramRoot: root, media: 'local' });
        if (result.status !== 'passed')
          throw new Error(`${basename(file)}: ${result.status}\n${result.failures.map((f) => f || '(empty failure)').join('\n\n')}`);
        expect(result.clock).toBe('real');
        expect(result.status).toBe('passed');
      },
      parseDuration(scenario.duration) + 60_000,
    );
  }
});
