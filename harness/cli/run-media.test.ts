/**
 * `run` on real media, in process: a short real-media scenario on the
 * embedded server writes the same three reports as a virtual run
 * (results.json, junit.xml, index.html), and results.json says it ran on
 * real media.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from './run-command';
import { parseRun } from './run-options';

const root = join(__dirname, '../..');

describe('run on real media', () => {
  it('writes results.json, junit.xml and index.html for a real-media scenario and prints their paths', async () => {
    const reports = mkdtempSync(join(tmpdir(), 'lh-run-media-'));
    try {
      const lines: string[] = [];
      const args = parseRun([join(root, 'scenarios/media-unknown-host.scenario.ts'), '--report', reports]);
      expect(await runCommand(args!, { print: (s) => lines.push(s), cwd: root })).toBe(0);
      const dir = join(reports, 'latest');
      for (const f of ['results.json', 'junit.xml', 'index.html']) expect([f, existsSync(join(dir, f))]).toEqual([f, true]);
      const json = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
      expect(json.scenarios.map((s: { clock: string; status: string; target: string }) => [s.clock, s.status, s.target])).toEqual([
        ['real', 'passed', 'simulate'],
      ]);
      expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain('<property name="clock" value="real"/>');
      expect(lines.filter((l) => l.startsWith('report: ')).map((l) => l.replace(/^report: .*\//, ''))).toEqual(['results.json', 'junit.xml', 'index.html']);
    } finally {
      rmSync(reports, { recursive: true, force: true });
    }
  }, 90_000);
});
