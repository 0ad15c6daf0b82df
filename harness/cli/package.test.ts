/**
 * The package as a user meets it: the built files, the jest preset in a
 * mini-program project of its own, and the command line. Runs the real
 * processes (jest, node) and asserts exit codes and output, as jest's own e2e
 * tests do. `npm test` builds dist/ first (pretest).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../..');

function node(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' }, timeout: 120_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('the package', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist/index.js'))) throw new Error('dist/ is missing: run "npm run build" (npm test does it in pretest).');
  });

  it('works with the one-line jest preset in a user project', () => {
    const r = node([join(root, 'node_modules/jest/bin/jest.js'), '--config', join(root, 'fixtures/user-project/jest.config.js'), '--ci']);
    expect(r.out).toMatch(/Tests:\s+2 passed, 2 total/);
    expect(r.code).toBe(0);
  });

  it('runs the bundled scenarios from the command line and writes a report', () => {
    const reports = mkdtempSync(join(tmpdir(), 'lh-report-'));
    try {
      const r = node([join(root, 'bin/live-harness.js'), 'run', '--seed', '5', '--report', reports]);
      expect(r.out).toMatch(/^PASS {2}push happy path {2}\(20 s virtual, \d+ ms wall\)$/m);
      expect(r.out).toMatch(/^\d+ passed, 0 failed$/m);
      expect(r.code).toBe(0);
      const [run] = readdirSync(reports);
      const json = JSON.parse(readFileSync(join(reports, run, 'results.json'), 'utf8'));
      expect(json.schemaVersion).toBe(1);
      expect(json.seed).toBe(5);
      expect(json.scenarios.length).toBeGreaterThanOrEqual(18);
      expect(json.scenarios[0].timeline.length).toBeGreaterThan(10);
    } finally {
      rmSync(reports, { recursive: true, force: true });
    }
  });

  it('names the bad input and the fix on the command line', () => {
    expect(node([join(root, 'bin/live-harness.js'), 'run', '--seed', 'x']).out).toContain('[live-harness] Failed to read the command line: --seed "x" is not a whole number. Pass e.g. --seed 7.');
    const missing = node([join(root, 'bin/live-harness.js'), 'run', 'nope.scenario.js']);
    expect(missing.code).toBe(2);
    expect(missing.out).toContain('[live-harness] Failed to load scenario file');
    expect(missing.out).toContain('nope.scenario.js: it does not exist. Check the path.');
    expect(node([join(root, 'bin/live-harness.js'), 'codes', 'player']).out).toMatch(/-2301\s+error\s+PLAY_ERR_NET_DISCONNECT/);
  });
});
