import { join } from 'node:path';
import { runScenario, type Scenario } from '../runner';
import { ConsoleReporter } from '.';

const root = join(__dirname, '../../fixtures/miniprogram');
const story: Scenario = {
  name: 'push page',
  description: 'The push page pushes.',
  setup: { page: 'pages/push/push' },
  duration: '3s',
  expect: { sequence: ['pusher#pusher 1002'] },
};

describe('ConsoleReporter', () => {
  it('prints a line per scenario, the failures of a failed one (a cut says so), and a summary', async () => {
    const lines: string[] = [];
    const reporter = new ConsoleReporter({ print: (l) => lines.push(l), failureLines: 3 });
    const passed = await runScenario(story, { miniprogramRoot: root });
    const failed = await runScenario({ ...story, name: 'push page gives up', expect: { sequence: [-1307] } }, { miniprogramRoot: root });
    const na = await runScenario({ ...story, name: 'push on real media', needs: ['real-media'] }, { miniprogramRoot: root });
    for (const r of [passed, failed, na]) reporter.onScenarioEnd(r);
    reporter.onRunEnd({ finishedAt: new Date(), interrupted: false, results: [passed, failed, na] });
    expect(lines).toHaveLength(1 + 1 + 3 + 1 + 1 + 1);
    expect(lines[0]).toMatch(/^PASS {2}push page {2}\(3 s virtual, \d+ ms wall\)$/);
    expect(lines[1]).toMatch(/^FAIL {2}push page gives up {2}\(3 s virtual, \d+ ms wall\)$/);
    expect(lines.slice(2, 5)).toEqual(['      sequence not observed:', '      Expected sequence — not observed:', '         1. -1307']);
    const cut = failed.failures.join('\n').split('\n').length - 3;
    expect(lines[5]).toBe(`      … ${cut} more lines not shown: the full text is in results.json (scenarios[].failures)`);
    expect(lines[6]).toBe('N/A   push on real media  (needs real-media, which this target cannot provide)');
    expect(lines[7]).toBe('1 passed, 1 failed, 1 not applicable');
  });

  it('prints the whole failure text unless told to cut it', async () => {
    const lines: string[] = [];
    const failed = await runScenario({ ...story, name: 'push page gives up', expect: { sequence: [-1307] } }, { miniprogramRoot: root });
    new ConsoleReporter({ print: (l) => lines.push(l) }).onScenarioEnd(failed);
    const text = failed.failures.join('\n').split('\n');
    expect(text.length).toBeGreaterThan(3);
    expect(lines.slice(1)).toEqual(text.map((l) => `      ${l}`));
  });
});
