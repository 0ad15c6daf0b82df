/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The real client needs ws's Node build; jsdom's default conditions would give it the browser stub.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutomatorSim } from '../automator-sim';

const ROOT = join(__dirname, '../../fixtures/miniprogram');

describe('live-harness run --target devtools', () => {
  it('runs scenarios in the runtime at --ws-endpoint (automator-sim with inert live tags standing in for DevTools), the harness supplying the live tags', async () => {
    await using sim = await AutomatorSim.start({ miniprogramRoot: ROOT, live: 'inert' });
    const reports = mkdtempSync(join(tmpdir(), 'lh-cli-devtools-'));
    try {
      const files = ['play-happy-path.scenario.ts', 'push-network-gone.scenario.ts'].map((f) => join(__dirname, '../../scenarios', f));
      // The command line runs in a process of its own (it installs its own DOM); the stand-in serves it from this one, so the wait is asynchronous.
      const run = await new Promise<{ code: number; out: string }>((resolve) => {
        execFile(
          process.execPath,
          [
            join(__dirname, '../../bin/live-harness.js'),
            'run',
            ...files,
            '--root',
            ROOT,
            '--target',
            'devtools',
            '--ws-endpoint',
            sim.wsEndpoint,
            '--report',
            reports,
          ],
          { timeout: 50_000 },
          (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, out: stdout + stderr }),
        );
      });
      if (run.code !== 0) throw new Error(run.out);
      expect(run.out).toMatch(/^PASS {2}play happy path in live mode {2}\(\d+ s virtual, \d+ ms wall\)$/m);
      expect(run.out).toMatch(/^PASS {2}push gives up after three reconnects and the page restarts it {2}\(\d+ s virtual, \d+ ms wall\)$/m);
      const dir = 'latest'; // reports/latest points at the run's folder
      const json = JSON.parse(readFileSync(join(reports, dir, 'results.json'), 'utf8')) as { target: string };
      expect(json.target).toBe('devtools');
    } finally {
      rmSync(reports, { recursive: true, force: true });
    }
  }, 60_000);
});
