/**
 * The package as a user meets it: the built files, the jest preset in a
 * mini-program project of its own, and the command line. Runs the real
 * processes (jest, node) and asserts exit codes and output, as jest's own e2e
 * tests do. `npm test` builds dist/ first (pretest). In this clone the command
 * line runs the TypeScript sources (bin/live-harness.js); install.test.ts
 * installs the packed package and runs its built one.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function node(args: string[], cwd = root, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', ...env }, timeout: 120_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('the package', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist/index.js'))) throw new Error('dist/ is missing: run "npm run build" (npm test does it in pretest).');
  });

  // fixtures/user-project with the preset of this clone: its jest config with the
  // preset named by path, and live-harness mapped to dist/ (install.test.ts
  // installs the package there for real).
  const userProject = join(root, 'fixtures/user-project');
  const presetConfig = (extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      rootDir: userProject,
      preset: join(root, 'jest-preset.js'),
      moduleNameMapper: { '^live-harness$': join(root, 'dist/index.js') },
      ...extra,
    });

  it('runs TypeScript and modern JavaScript tests with the one-line preset, await using included', () => {
    const r = node(
      [join(root, 'node_modules/jest/bin/jest.js'), '--config', presetConfig(), '--ci', '--testPathIgnorePatterns', '/test/media\\.test\\.ts$'],
      userProject,
    );
    expect(r.out).toMatch(/^PASS test\/anchor\.test\.ts$/m);
    expect(r.out).toMatch(/^PASS test\/viewer\.test\.ts$/m);
    expect(r.out).toMatch(/^PASS test\/viewer\.test\.js$/m);
    expect(r.out).toMatch(/^PASS test\/anchor\.test\.mjs$/m);
    expect(r.out).toMatch(/Tests:\s+6 passed, 6 total/);
    expect(r.code).toBe(0);
  });

  it("lets the user's own transform win over the preset's", () => {
    const mine = { '^.+\\.ts$': 'babel-jest' };
    const r = node([join(root, 'node_modules/jest/bin/jest.js'), '--config', presetConfig({ transform: mine }), '--showConfig']);
    expect(r.code).toBe(0);
    const transform: Array<[string, string]> = JSON.parse(r.out).configs[0].transform;
    // jest takes the first pattern that matches a file: the user's comes first, the preset's stay for the rest.
    expect(transform.map(([pattern, path]) => [pattern, path.split('/node_modules/').pop()])).toEqual([
      ['^.+\\.ts$', 'babel-jest/build/index.js'],
      ['^.+\\.[cm]?ts$', '@swc/jest/index.js'],
      ['^.+\\.tsx$', '@swc/jest/index.js'],
      ['^.+\\.[cm]?js$', '@swc/jest/index.js'],
    ]);
  });

  it('runs the bundled virtual-time scenarios from the command line and writes a report', () => {
    const reports = mkdtempSync(join(tmpdir(), 'lh-report-'));
    try {
      const r = node([join(root, 'bin/live-harness.js'), 'run', '--seed', '5', '--report', reports, '--target', 'virtual']);
      expect(r.out).toMatch(/^✓ push happy path {2}\(\d+(\.\d)? m?s; 20\.0 s virtual\)$/m);
      // real-media scenarios are not applicable to the virtual target, and say why
      expect(r.out).toMatch(/^- real media: an audio-only push {2}\(not applicable: needs real-media, which this target cannot provide\)$/m);
      expect(r.out).toMatch(/^\d+ passed, 0 failed, \d+ not applicable \(.+\)$/m);
      expect(r.code).toBe(0);
      const run = 'latest'; // reports/latest points at the run's folder
      const json = JSON.parse(readFileSync(join(reports, run, 'results.json'), 'utf8'));
      expect(json.schemaVersion).toBe(4);
      expect(json.seed).toBe(5);
      expect(json.interrupted).toBe(false);
      const virtual = json.scenarios.filter((s: { status: string }) => s.status !== 'not-applicable');
      expect(virtual.length).toBeGreaterThanOrEqual(18);
      expect(virtual.every((s: { clock: string; status: string }) => s.clock === 'virtual' && s.status === 'passed')).toBe(true);
      expect(json.summary).toEqual({ passed: virtual.length, failed: 0, notApplicable: json.scenarios.length - virtual.length, interrupted: 0, notRun: 0 });
      // A clone runs its sources, so `npx live-harness run` needs no dist/ (scenarios/browser/ sorts first, so find it by file).
      const call = json.scenarios.find((s: { file?: string }) => s.file === join(root, 'scenarios/call-two-way.scenario.ts'));
      expect(call?.timeline.length).toBeGreaterThan(10);
      // every expectation judged is there as data, passed ones included
      const kinds = new Set(virtual.flatMap((s: { expectations: Array<{ kind: string; pass: boolean }> }) => s.expectations.map((x) => x.kind)));
      expect([...kinds].sort()).toEqual(expect.arrayContaining(['count', 'every', 'never', 'page', 'sequence', 'warnings']));
    } finally {
      rmSync(reports, { recursive: true, force: true });
    }
  });

  it('runs a real-media scenario from the command line on the embedded server', () => {
    const reports = mkdtempSync(join(tmpdir(), 'lh-report-'));
    try {
      const r = node([join(root, 'bin/live-harness.js'), 'run', join(root, 'scenarios/media-push-play-rtc.scenario.ts'), '--report', reports]);
      expect(r.out).toMatch(/^✓ real media: push and watch it back in RTC mode {2}\(\d+(\.\d)? m?s; \d+\.\d s real media\)$/m);
      expect(r.code).toBe(0);
      const run = 'latest'; // reports/latest points at the run's folder
      const [s] = JSON.parse(readFileSync(join(reports, run, 'results.json'), 'utf8')).scenarios;
      expect(s.clock).toBe('real');
      expect(s.opened.server).toMatch(/^the embedded node-media-server 2\.7\.4 \(pid \d+, RTMP 127\.0\.0\.1:\d+, HTTP 127\.0\.0\.1:\d+\)$/);
      expect(s.metrics['player#monitor'].latencyMs.p50).toBeLessThan(500);
    } finally {
      rmSync(reports, { recursive: true, force: true });
    }
  }, 90_000);

  it('runs a folder of TypeScript and JavaScript scenarios, and names a file that exports no scenario', () => {
    const reports = mkdtempSync(join(tmpdir(), 'lh-report-'));
    try {
      const folder = join(root, 'harness/runner/__fixtures__/scenarios/good');
      const r = node([join(root, 'bin/live-harness.js'), 'run', folder, '--report', reports]);
      expect(r.out).toMatch(/^✓ fixture: the play page starts playing {2}\(\d+(\.\d)? m?s; 5\.0 s virtual\)$/m);
      expect(r.out).toMatch(/^✓ fixture: the push page starts pushing {2}\(\d+(\.\d)? m?s; 5\.0 s virtual\)$/m);
      expect(r.out).toMatch(/^2 passed, 0 failed \(.+\)$/m);
      expect(r.code).toBe(0);

      const broken = node([join(root, 'bin/live-harness.js'), 'run', join(root, 'harness/runner/__fixtures__/scenarios/not-a-scenario')]);
      expect(broken.code).toBe(2);
      expect(broken.out).toContain('exports-a-function.scenario.ts: it exports no scenario (its default export is a function (makeScenario)).');
    } finally {
      rmSync(reports, { recursive: true, force: true });
    }
  });

  it('validates every file before anything runs, names each bad one with its line or key path, and runs the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lh-scenarios-'));
    const reports = mkdtempSync(join(tmpdir(), 'lh-report-'));
    try {
      const fixtures = join(root, 'harness/runner/__fixtures__/scenarios');
      copyFileSync(join(fixtures, 'good/nested/play-starts.scenario.js'), join(dir, 'a-good.scenario.js'));
      copyFileSync(join(fixtures, 'typos/misspelt-keys.scenario.js'), join(dir, 'b-typos.scenario.js'));
      // A .ts file goes through tsx (esbuild) under plain Node; a .js file through Node itself.
      writeFileSync(join(dir, 'c-broken.scenario.ts'), "export default {\n  name: 'broken',\n  setup: { page: 'pages/push/push' },,\n};\n");
      writeFileSync(join(dir, 'd-broken.scenario.js'), "module.exports = {\n  name: 'broken',\n  expect: { sequence: [1002,\n");
      const r = node([join(root, 'bin/live-harness.js'), 'run', dir, '--report', reports]);
      const lines = r.out.split('\n');
      const at = (text: string): number => lines.findIndex((l) => l.includes(text));
      expect(lines).toContain(
        `[live-harness] Failed to load scenario "misspelt keys" from ${join(dir, 'b-typos.scenario.js')}: expect.nevr is not a key of expect. Did you mean "never"? Use one of sequence, sequences, never, counts, every, page, metrics, faults, noStorm, warnings, audience (docs/scenarios.md#expect).`,
      );
      expect(lines).toContain(
        `[live-harness] Failed to load scenario file ${join(dir, 'c-broken.scenario.ts')}: it does not parse at line 3, column 38: Expected identifier but found "," ("setup: { page: 'pages/push/push' },,"). Fix the syntax at ${join(dir, 'c-broken.scenario.ts')}:3:38.`,
      );
      // Which parser words it depends on who loads .js: Node ("end of input"), or tsx's esbuild in a clone ("end of file").
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^${escape(`[live-harness] Failed to load scenario file ${join(dir, 'd-broken.scenario.js')}: it does not parse at line 4, column 1: Unexpected end of `)}(input|file)${escape(`. Fix the syntax at ${join(dir, 'd-broken.scenario.js')}:4:1.`)}$`,
          ),
        ),
      );
      // Every problem is printed before the first scenario runs; the good one still runs.
      const firstRun = lines.findIndex((l) => /^[✓✗] /.test(l));
      expect(Math.max(at('b-typos.scenario.js'), at('c-broken.scenario.ts'), at('d-broken.scenario.js'))).toBeLessThan(firstRun);
      expect(lines[firstRun]).toMatch(/^✓ fixture: the play page starts playing {2}\(\d+(\.\d)? m?s; 5\.0 s virtual\)$/);
      expect(r.out).toMatch(/^1 passed, 0 failed \(.+\)$/m);
      expect(r.out).toMatch(/^3 files not loaded: \S+b-typos\.scenario\.js, \S+c-broken\.scenario\.ts, \S+d-broken\.scenario\.js$/m);
      expect(r.code).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(reports, { recursive: true, force: true });
    }
  });

  it('exits non-zero when nothing ran: every file bad, no scenario found, or none the target can run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lh-scenarios-'));
    try {
      const allBad = node([join(root, 'bin/live-harness.js'), 'run', join(root, 'harness/runner/__fixtures__/scenarios/typos')]);
      expect(allBad.out).toContain('[live-harness] Failed to load scenario "misspelt keys" from ');
      expect(allBad.out).toContain(
        '[live-harness] Failed to run scenarios: no scenario loaded (1 problem above), so nothing ran. Fix the files or paths named above.',
      );
      expect(allBad.code).toBe(2);

      const none = node([join(root, 'bin/live-harness.js'), 'run', dir]);
      expect(none.out).toContain(`[live-harness] Failed to load scenarios from ${dir}: the folder holds no *.scenario.ts or *.scenario.js file.`);
      expect(none.out).toContain('[live-harness] Failed to run scenarios: no scenario loaded (1 problem above), so nothing ran.');
      expect(none.code).toBe(2);

      const notApplicable = node([
        join(root, 'bin/live-harness.js'),
        'run',
        join(root, 'dist/scenarios/media-push-play-rtc.scenario.js'),
        '--target',
        'virtual',
        '--report',
        dir,
      ]);
      expect(notApplicable.out).toMatch(/^- real media: push and watch it back in RTC mode/m);
      expect(notApplicable.out).toContain(
        '[live-harness] Failed to run scenarios: all 1 are not applicable on --target virtual, so nothing ran. Run them with --target auto, or pass scenarios this target can run.',
      );
      expect(notApplicable.code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints a failed scenario with its aligned timeline and writes its expectations as data', () => {
    const reports = mkdtempSync(join(tmpdir(), 'lh-report-'));
    try {
      const file = join(root, 'harness/runner/__fixtures__/scenarios/failing/push-gives-up.scenario.ts');
      const r = node([join(root, 'bin/live-harness.js'), 'run', file, '--report', reports]);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/^✗ fixture: the push page is wrongly expected to give up {2}\(\d+(\.\d)? m?s; 4\.0 s virtual\)$/m);
      expect(r.out).toContain('    sequence not observed:\n    Expected sequence — not observed:\n       1. pusher#pusher 1002\n');
      expect(r.out).toContain('       2. -1307\n          ✗ not found after step 1');
      expect(r.out).toMatch(/^0 passed, 1 failed \(.+\)$/m);
      const run = 'latest'; // reports/latest points at the run's folder
      const json = JSON.parse(readFileSync(join(reports, run, 'results.json'), 'utf8'));
      expect(json.summary).toEqual({ passed: 0, failed: 1, notApplicable: 0, interrupted: 0, notRun: 0 });
      const [s] = json.scenarios;
      expect(s.file).toBe(file);
      expect(s.expectations).toHaveLength(1);
      expect(s.expectations[0]).toMatchObject({
        kind: 'sequence',
        pass: false,
        expected: { steps: [{ text: 'pusher#pusher 1002' }, { text: '-1307', code: -1307 }] },
        observed: { matchedSteps: 1 },
        alignment: { steps: [{ status: 'matched' }, { status: 'missing', afterStep: 1, nearMisses: [], seenEarlier: [] }] },
      });
    } finally {
      rmSync(reports, { recursive: true, force: true });
    }
  });

  it('tells with doctor which ffmpeg and automator client it uses and that real media works here', () => {
    const r = node([join(root, 'bin/live-harness.js'), 'doctor'], root, { FFMPEG_PATH: '/nonexistent/ffmpeg' });
    expect(r.out).toMatch(/^ok {4}ffmpeg\n {6}\S+ffmpeg \(from @ffmpeg-installer\/ffmpeg\)\n {6}version \S+; libx264 yes; aac yes$/m);
    expect(r.out).toContain('passed over FFMPEG_PATH: /nonexistent/ffmpeg is missing or not executable');
    expect(r.out).toMatch(/^ok {4}media server\n {6}node-media-server 2\.7\.4 ready in \d+ ms on RTMP 127\.0\.0\.1:\d+ and HTTP 127\.0\.0\.1:\d+$/m);
    expect(r.out).toMatch(/^ok {4}encode\n {6}SD test pattern \+ tone \(360×640, H\.264\/AAC\): first video frame after \d+ ms$/m);
    // The installed package's own client, found from where a user's script runs.
    expect(r.out).toMatch(/^ok {4}automator client\n {6}miniprogram-automator 0\.12\.1 at \S+miniprogram-automator$/m);
    expect(r.out).toContain('everything checked is ready on this machine');
    expect(r.code).toBe(0);
  }, 60_000);

  it('names a bad external server and the fix in doctor', () => {
    const r = node([join(root, 'bin/live-harness.js'), 'doctor'], root, { LIVE_HARNESS_SERVER: 'http://not-rtmp' });
    expect(r.out).toContain(
      '[live-harness] Failed to use the external server: LIVE_HARNESS_SERVER="http://not-rtmp" is not rtmp://host[:port]. Set it like rtmp://192.168.1.20:1935, or unset it to use the embedded server.',
    );
    expect(r.code).toBe(1);
  }, 60_000);

  it('names the bad input and the fix on the command line', () => {
    expect(node([join(root, 'bin/live-harness.js'), 'run', '--seed', 'x']).out).toContain(
      '[live-harness] Failed to read the command line: --seed "x" is not a whole number. Pass e.g. --seed 7.',
    );
    const missing = node([join(root, 'bin/live-harness.js'), 'run', 'nope.scenario.js']);
    expect(missing.code).toBe(2);
    expect(missing.out).toContain('[live-harness] Failed to load scenario file');
    expect(missing.out).toContain('nope.scenario.js: it does not exist. Check the path.');
    expect(node([join(root, 'bin/live-harness.js'), 'codes', 'player']).out).toMatch(/-2301\s+error\s+PLAY_ERR_NET_DISCONNECT/);
    expect(node([join(root, 'bin/live-harness.js'), 'run', '--target', 'phone']).out).toContain(
      '[live-harness] Failed to read the command line: --target "phone" is not a target. Use simulate, automator-sim, devtools, device (or a clock: auto, virtual, media).',
    );
    expect(node([join(root, 'bin/live-harness.js'), 'run', '--target', 'automator']).out).toContain(
      '[live-harness] Failed to read the command line: --target "automator" is not a target. Did you mean "automator-sim"? Use simulate, automator-sim, devtools, device (or a clock: auto, virtual, media).',
    );
    expect(node([join(root, 'bin/live-harness.js'), 'run', '--target', 'devtools']).out).toContain(
      "[live-harness] Failed to read the command line: --target devtools needs --ws-endpoint, the runtime's automation port.",
    );
    expect(node([join(root, 'bin/live-harness.js'), 'run', '--ws-endpoint', 'ws://127.0.0.1:9420']).out).toContain(
      '[live-harness] Failed to read the command line: --ws-endpoint is for --target devtools or device, not simulate.',
    );
    expect(node([join(root, 'bin/live-harness.js'), 'run', '--clock', 'real']).out).toContain(
      '[live-harness] Failed to read the command line: --clock "real" is not a clock. Use auto, virtual, media.',
    );
  });

  it('runs scenarios through the real automator client against automator-sim with --target automator-sim, in virtual time and on real media', () => {
    const reports = mkdtempSync(join(tmpdir(), 'lh-report-'));
    try {
      const files = ['push-network-blip', 'media-unknown-host'].map((n) => join(root, `scenarios/${n}.scenario.ts`));
      const r = node([join(root, 'bin/live-harness.js'), 'run', ...files, '--target', 'automator-sim', '--report', reports]);
      expect(r.out).toMatch(/^✓ push survives a short network loss {2}\(\d+(\.\d)? m?s; 25\.0 s virtual\)$/m);
      expect(r.out).toMatch(/^✓ real media: a push URL whose host is not in the host map fails as DNS does {2}\(\d+(\.\d)? m?s; \d+\.\d s real media\)$/m);
      expect(r.code).toBe(0);
      const run = 'latest'; // reports/latest points at the run's folder
      const json = JSON.parse(readFileSync(join(reports, run, 'results.json'), 'utf8'));
      // The run and each result name the target that really ran.
      expect(json.target).toBe('automator-sim');
      expect(json.scenarios.map((s: { target: string; clock: string }) => [s.target, s.clock])).toEqual([
        ['automator-sim', 'virtual'],
        ['automator-sim', 'real'],
      ]);
    } finally {
      rmSync(reports, { recursive: true, force: true });
    }
  }, 90_000);
});
