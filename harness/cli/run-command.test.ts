/**
 * `live-harness run` in process: selection (shard, grep, repeat, bail, list),
 * the reports it writes and the paths it prints, on the bundled scenarios and
 * on fixtures. Spawning the command line is package.test.ts's job.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './main';
import { runCommand } from './run-command';
import { parseRun } from './run-options';

const root = join(__dirname, '../..');
const good = join(root, 'harness/runner/__fixtures__/scenarios/good');
const broken = join(root, 'fixtures/broken-scenarios/broken.scenario.ts');

let tmp = '';
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'lh-run-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[], cwd = root): Promise<{ code: number; out: string; lines: string[] }> {
  const lines: string[] = [];
  const args = parseRun(argv);
  if (!args) throw new Error('--help');
  let code: number;
  try {
    code = await runCommand(args, { print: (s) => lines.push(s), cwd });
  } catch (e) {
    lines.push(e instanceof Error ? e.message : String(e));
    code = 2;
  }
  return { code, out: lines.join('\n'), lines };
}

const latest = (reports: string) => JSON.parse(readFileSync(join(reports, 'latest', 'results.json'), 'utf8'));

describe('run: which scenarios', () => {
  it('runs every bundled scenario exactly once across --shard 1/2 and --shard 2/2', async () => {
    const listed = await run(['--list', '--clock', 'virtual']);
    expect(listed.code).toBe(0);
    const all = listed.lines.slice(0, -1).map((l) => l.replace(/ {2}\(.*\)$/, ''));
    expect(listed.lines.at(-1)).toMatch(new RegExp(`^${all.length} scenarios, on ${join(root, 'fixtures/miniprogram')}$`));
    expect(all.length).toBeGreaterThan(40);
    const ran: string[] = [];
    for (const shard of ['1/2', '2/2']) {
      const reports = join(tmp, shard.replace('/', '-'));
      const r = await run(['--shard', shard, '--clock', 'virtual', '--reporter', 'json', '--report', reports, '--seed', '5']);
      expect([shard, r.code]).toEqual([shard, 0]);
      ran.push(...latest(reports).scenarios.map((s: { name: string }) => s.name));
    }
    expect(ran.sort()).toEqual([...all].sort());
    expect(new Set(ran).size).toBe(ran.length);
  }, 120_000);

  it('lists what would run with file and clock, by --grep, and runs nothing', async () => {
    const r = await run(['--list', '--grep', '^(push happy path|real media: an audio-only push)$']);
    expect(r.lines).toEqual([
      'real media: an audio-only push  (scenarios/media-audio-only-push.scenario.ts, real media)',
      'push happy path  (scenarios/push-happy-path.scenario.ts, virtual)',
      `2 scenarios, on ${join(root, 'fixtures/miniprogram')}`,
    ]);
    expect(r.code).toBe(0);
    const none = await run(['--grep', 'no such story']);
    expect(none.code).toBe(2);
    expect(none.out).toContain('[live-harness] Failed to run scenarios: --grep no such story selects none of the');
  });

  it('takes folders and quoted globs, and names a path or pattern that finds nothing', async () => {
    const r = await run(['--list', 'harness/runner/__fixtures__/scenarios/good/**/*.scenario.{ts,js}', good]);
    expect(r.lines.at(-1)).toMatch(/^2 scenarios, on /);
    const missing = await run(['no/such/folder']);
    expect(missing.code).toBe(2);
    expect(missing.out).toContain(`[live-harness] Failed to load scenario file ${join(root, 'no/such/folder')}: it does not exist. Check the path.`);
    const pattern = await run(['no/such/*.scenario.ts']);
    expect(pattern.code).toBe(2);
    expect(pattern.out).toContain('[live-harness] Failed to find scenarios: the pattern "no/such/*.scenario.ts" matches no file under');
  });
});

describe('run: how it ends', () => {
  it('reports per-scenario pass counts with --repeat 5 and writes them to results.json', async () => {
    const reports = join(tmp, 'reports');
    const r = await run([good, '--repeat', '5', '--report', reports]);
    expect(r.code).toBe(0);
    expect(r.lines.filter((l) => /^✓ fixture: .* \(attempt [1-5]\/5\) {2}\(/.test(l))).toHaveLength(10);
    expect(r.lines).toContain('fixture: the play page starts playing: passed 5/5');
    expect(r.lines).toContain('fixture: the push page starts pushing: passed 5/5');
    expect(r.out).toMatch(/^10 passed, 0 failed, 0 flaky /m);
    const json = latest(reports);
    expect(json.repeat).toBe(5);
    expect(
      json.summary.repeats.map((c: { name: string; passed: number; attempts: number; flaky: boolean }) => [c.name, c.passed, c.attempts, c.flaky]),
    ).toEqual([
      ['fixture: the play page starts playing', 5, 5, false],
      ['fixture: the push page starts pushing', 5, 5, false],
    ]);
    expect(json.scenarios.map((s: { attempt: number }) => s.attempt)).toEqual([1, 2, 3, 4, 5, 1, 2, 3, 4, 5]);
  });

  it('exits 1 on the broken fixture with its whole diff, and writes results.json, junit.xml and index.html, printing their paths', async () => {
    const reports = join(tmp, 'reports');
    const r = await run([broken, '--report', reports]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^✗ deliberately broken: the player is expected to recover from a cut that never ends {2}\(/m);
    expect(r.out).toContain('3. player#player 2004 within 10s');
    // Every line of the failure text is printed (none cut): the same lines as results.json holds.
    const failure = latest(reports).scenarios[0].failures.join('\n\n').split('\n');
    expect(failure.length).toBeGreaterThan(40);
    for (const line of failure) expect(r.lines).toContain(`    ${line}`);
    const dir = join(reports, readdirSync(reports).find((n) => n !== 'latest') as string);
    expect(r.lines).toContain(`report: ${join(dir, 'results.json')}`);
    expect(r.lines).toContain(`report: ${join(dir, 'junit.xml')}`);
    // index.html last: the one a person opens
    expect(r.lines.at(-1)).toBe(`report: ${join(dir, 'index.html')}`);
    expect(latest(reports).summary).toMatchObject({ passed: 0, failed: 1 });
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain('deliberately broken');
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('deliberately broken');
  });

  it('stops at the first failure with --bail and names the scenarios it did not run', async () => {
    const reports = join(tmp, 'reports');
    const r = await run([broken, good, '--bail', '--report', reports]);
    expect(r.code).toBe(1);
    expect(r.lines).toContain('stopped after 1 failure (--bail 1), 2 not run: fixture: the play page starts playing, fixture: the push page starts pushing');
    expect(latest(reports).summary).toMatchObject({ failed: 1, notRun: 2 });
  });

  it('keeps the last --keep run folders', async () => {
    const reports = join(tmp, 'reports');
    for (let k = 0; k < 3; k++)
      expect((await run([join(good, 'push-starts.scenario.ts'), '--reporter', 'json', '--keep', '2', '--report', reports])).code).toBe(0);
    expect(readdirSync(reports).filter((n) => n !== 'latest')).toHaveLength(2);
  });

  it('shows the warnings of a passing scenario', async () => {
    const r = await run([join(root, 'scenarios/context-onload-vs-onready.scenario.ts'), '--reporter', 'line', '--report', tmp]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^✓ /m);
    expect(r.out).toMatch(/^ {4}warning \S+ at \d+ ms: /m);
  });
});

describe('run in a project of its own', () => {
  it("plays the project's scenarios on its own mini-program, and says when it has none", async () => {
    const project = join(tmp, 'app');
    cpSync(join(root, 'fixtures/init-project'), project, { recursive: true });
    const none = await run([], project);
    expect(none.code).toBe(2);
    expect(none.out).toBe(
      `[live-harness] Failed to find scenarios: your project ${project} (mini-program ${join(project, 'miniprogram')}) has no scenarios/ folder with scenarios/**/*.scenario.{ts,js}. Run "npx live-harness init" to add one with an example scenario, or pass scenario files.`,
    );
    // The bundled scenarios, named, still play on the bundled sample, never on the user's app.
    const bundled = await run([join(root, 'scenarios/push-happy-path.scenario.ts'), '--reporter', 'json', '--report', join(tmp, 'r')], project);
    expect(bundled.code).toBe(0);
    expect(latest(join(tmp, 'r')).miniprogramRoot).toBe(join(root, 'fixtures/miniprogram'));
  });

  it('names what it looked for, and --root, where there is no mini-program', async () => {
    const r = await run([], tmp);
    expect(r.code).toBe(2);
    expect(r.out).toBe(
      `[live-harness] Failed to find the mini-program: ${tmp} has no project.config.json's miniprogramRoot, no app.json, no miniprogram/app.json. Run live-harness in your mini-program project, or pass --root <folder with app.json>.`,
    );
  });

  it('sets up a project with init, and run then plays its example scenario and passes', async () => {
    const project = join(tmp, 'app');
    cpSync(join(root, 'fixtures/init-project'), project, { recursive: true });
    const lines: string[] = [];
    const cwd = process.cwd();
    try {
      process.chdir(project);
      expect(await main(['init'], (s) => lines.push(s))).toBe(0);
    } finally {
      process.chdir(cwd);
    }
    expect(lines).toContain('created scenarios/example.scenario.js: plays your page pages/live/live (its <live-pusher id="anchor">)');
    expect(JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'))).toMatchObject({
      scripts: { test: 'jest', 'test:live': 'live-harness run' },
      jest: { preset: 'live-harness', testTimeout: 10000 },
    });
    const r = await run(['--report', join(project, 'reports')], project);
    expect(r.out).toMatch(/^✓ example: pages\/live\/live goes live {2}\(\d+ ms; 10\.0 s virtual\)$/m);
    expect(r.code).toBe(0);
    expect(existsSync(join(project, 'reports/latest/junit.xml'))).toBe(true);
  });
});
