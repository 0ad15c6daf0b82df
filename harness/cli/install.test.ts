/**
 * The package as npm delivers it. A clean copy of this repository is packed
 * (`npm pack`: prepack builds dist/), the tarball is installed with npm into a
 * copy of fixtures/user-project — a mini-program project of its own, whose jest
 * config is the one line `{ preset: 'live-harness' }` — and that project's
 * `npm test` runs: tsc over its TypeScript tests, then jest over its
 * TypeScript and JavaScript tests, in virtual time and on real media.
 *
 * One pack and one install per run, in beforeAll: this is the slow test of the
 * suite (about half a minute here). npm takes dependencies from its cache
 * first (--prefer-offline) and from the registry for what is missing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const root = join(__dirname, '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const STEP_TIMEOUT_MS = 300_000;

// Every process the steps start carries this variable: after the run, /proc
// tells whether any of them (jest, the media server, ffmpeg) is still there.
const mark = `LH_INSTALL_TEST=${randomUUID()}`;

/** The environment of a user's shell: nothing of the npm and jest processes running this test. */
function userEnv(): NodeJS.ProcessEnv {
  const keep = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig']);
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('npm_') && !keep.has(k)) continue;
    if (k === 'INIT_CWD' || k === 'JEST_WORKER_ID' || k === 'NODE_OPTIONS') continue;
    env[k] = v;
  }
  const [k, v] = mark.split('=');
  return { ...env, [k]: v, FORCE_COLOR: '0', CI: 'true', npm_config_update_notifier: 'false' };
}

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly out: string;
}

/** Runs a command in its own process group; past the budget, the whole group is killed and the step fails. */
function run(cmd: string, args: readonly string[], cwd: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(cmd, args, { cwd, env: userEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c;
      out += c;
    });
    child.stderr!.on('data', (c: Buffer) => (out += c));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* the group is gone already */
      }
      reject(new Error(`${cmd} ${args.join(' ')} in ${cwd} took over ${STEP_TIMEOUT_MS} ms; it said:\n${out}`));
    }, STEP_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, out });
    });
  });
}

function marked(): string[] {
  const out: string[] = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').includes(mark))
        out.push(`${pid}: ${readFileSync(`/proc/${pid}/cmdline`, 'latin1').replace(/\0/g, ' ')}`);
    } catch {
      /* gone, or not ours to read */
    }
  }
  return out;
}

interface PackedFile {
  readonly path: string;
}

describe('the package installed from its tarball into a user project', () => {
  let tmp = '';
  let packed: { filename: string; files: PackedFile[] };
  let packageJson: { scripts?: Record<string, string> };
  let install: Ran;
  let test: Ran;
  let cli: Ran;
  let project = '';
  let reports = '';

  beforeAll(async () => {
    expect(existsSync('/proc/self/environ')).toBe(true); // Linux: where the leftover check can see processes
    tmp = mkdtempSync(join(tmpdir(), 'lh-install-'));
    // Pack from a copy without dist/: the tarball must build its own (prepack),
    // and a build here must not rewrite the dist/ that other tests are reading.
    const source = join(tmp, 'live-harness');
    const skip = new Set(['node_modules', 'dist', 'reports', 'coverage', '.git']);
    cpSync(root, source, { recursive: true, filter: (p) => !skip.has(basename(p)) });
    symlinkSync(join(root, 'node_modules'), join(source, 'node_modules'), 'dir');
    const pack = await run(npm, ['pack', '--json', '--pack-destination', tmp], source);
    if (pack.code !== 0) throw new Error(`npm pack failed (exit ${pack.code}):\n${pack.out}`);
    [packed] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('[')));
    packageJson = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8'));

    project = join(tmp, 'project');
    cpSync(join(root, 'fixtures/user-project'), project, { recursive: true });
    install = await run(npm, ['install', '--save-dev', join(tmp, packed.filename), '--prefer-offline', '--no-audit', '--no-fund'], project);
    if (install.code !== 0) throw new Error(`npm install of the tarball failed (exit ${install.code}):\n${install.out}`);
    test = await run(npm, ['test'], project);
    reports = join(tmp, 'reports');
    // In a user's project a bare `run` plays the project's own scenarios; the bundled ones are named, and play on the bundled sample.
    cli = await run(
      npm,
      ['exec', '--no', '--', 'live-harness', 'run', 'node_modules/live-harness/dist/scenarios', '--target', 'virtual', '--seed', '5', '--report', reports],
      project,
    );
  }, 3 * STEP_TIMEOUT_MS);

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('packs the built dist/ and no sources or tests, and has no install script', () => {
    const files = packed.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'jest-preset.js',
        'bin/live-harness.js',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/jest/setup.js',
        'dist/harness/cli/main.js',
        'dist/harness/media/nms-entry.cjs',
        'fixtures/miniprogram/app.json',
      ]),
    );
    expect(files.filter((f) => /\.test\.|(?<!\.d)\.ts$/.test(f))).toEqual([]);
    const scripts = packageJson.scripts ?? {};
    expect(['preinstall', 'install', 'postinstall', 'prepare'].filter((s) => s in scripts)).toEqual([]);
  });

  it('installs with npm, which lists no install script of live-harness', () => {
    // npm 11 warns, one line per package, about install scripts that no allowScripts entry covers.
    const listed = install.out.split('\n').filter((l) => l.includes('install-scripts') && /\S+@\d+\.\d+\.\d+ \(/.test(l));
    expect(listed.filter((l) => /\blive-harness@/.test(l))).toEqual([]);
    expect(existsSync(join(project, 'node_modules/live-harness/dist/index.js'))).toBe(true);
  });

  it("passes the project's npm test: tsc, then jest with the one-line preset over TypeScript and JS, virtual and real media", () => {
    expect(readFileSync(join(project, 'jest.config.js'), 'utf8')).toMatch(/^module\.exports = \{ preset: 'live-harness' \};$/m);
    expect(test.out).toMatch(/^PASS test\/anchor\.test\.ts$/m); // TypeScript, global expect, await using
    expect(test.out).toMatch(/^PASS test\/viewer\.test\.ts$/m); // TypeScript, expect from @jest/globals
    expect(test.out).toMatch(/^PASS test\/viewer\.test\.js$/m); // JavaScript: await using, and try/finally
    expect(test.out).toMatch(/^PASS test\/anchor\.test\.mjs$/m); // an ES module: import, import.meta, await using
    expect(test.out).toMatch(/^PASS test\/media\.test\.ts$/m); // real media: ffmpeg, the embedded server
    expect(test.out).toMatch(/^Test Suites:\s+5 passed, 5 total$/m);
    expect(test.out).toMatch(/^Tests:\s+7 passed, 7 total$/m);
    expect(test.code).toBe(0);
  });

  it('runs the installed command line from dist/', () => {
    expect(cli.out).toMatch(/^\d+ passed, 0 failed, \d+ not applicable \(.+\)$/m);
    expect(cli.code).toBe(0);
    const runDir = 'latest'; // reports/latest points at the run's folder
    const report = JSON.parse(readFileSync(join(reports, runDir, 'results.json'), 'utf8'));
    // the bundled scenarios, from dist/ (subfolders too: scenarios/browser/ sorts first)
    const files = report.scenarios.map((s: { file?: string }) => s.file);
    expect(files).toContain(join(project, 'node_modules/live-harness/dist/scenarios/call-two-way.scenario.js'));
    expect(files).toContain(join(project, 'node_modules/live-harness/dist/scenarios/browser/media-browser-viewer.scenario.js'));
  });

  it('leaves no process of the run behind', () => {
    expect(marked()).toEqual([]);
  });
});
