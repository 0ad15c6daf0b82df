/**
 * The scenarios with browser viewers, on real media with a real Chromium:
 * `npm run test:e2e` runs them, `npm test` never does (it needs no browser).
 * They live in their own folder, which the other scenario suites do not read.
 */
import { basename, join } from 'node:path';
import { parseDuration } from '../../harness/assert';
import { installDom, loadScenarios, runScenario } from '../../harness/runner';

const root = join(__dirname, '../../fixtures/miniprogram');
const browser = loadScenarios(__dirname);

// The rig renders pages through miniprogram-simulate; playwright-core does not load in jsdom's realm.
let removeDom: () => void;
beforeAll(() => {
  removeDom = installDom();
});
afterAll(() => removeDom());

describe('scenarios (browser viewers, real media)', () => {
  it('finds the browser scenarios, each needing a browser', () => {
    expect(browser.length).toBeGreaterThanOrEqual(1);
    for (const { scenario } of browser) expect(scenario.needs).toEqual(expect.arrayContaining(['real-media', 'browser']));
  });

  for (const { file, scenario } of browser) {
    it(
      scenario.name,
      async () => {
        const result = await runScenario(scenario, { miniprogramRoot: root, media: 'local' });
        if (result.status !== 'passed') {
          const web = result.timeline.filter((e) => e.source.startsWith('browser#')).map((e) => `${Math.round(e.t)} ${e.kind} ${JSON.stringify(e.detail)}`);
          throw new Error(
            `${basename(file)}: ${result.status}\n${result.failures.map((f) => f || '(empty failure)').join('\n\n')}\n\nbrowser entries:\n${web.join('\n')}`,
          );
        }
        const web = result.timeline.filter((e) => e.source.startsWith('browser#'));
        console.log(
          `${basename(file)}: ${web
            .filter((e) => e.kind !== 'metric')
            .map((e) => `${Math.round(e.t)} ms ${e.source} ${e.kind === 'error' ? 'error' : (e.detail as { action: string }).action}`)
            .join('; ')}`,
        );
        expect(result.clock).toBe('real');
      },
      parseDuration(scenario.duration) + 60_000,
    );
  }
});
