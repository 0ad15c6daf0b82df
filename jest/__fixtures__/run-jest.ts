/**
 * Runs jest on the fixture project as a user's shell would (a child process,
 * the one-line preset, the built package) and watches from the outside what it
 * leaves: its processes by an environment mark that every descendant inherits,
 * temp folders by a TMPDIR of its own, ports by connecting.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export { alive, eventually, refused } from '../../test-support/processes';

export const repoRoot = join(__dirname, '../..');
const config = join(__dirname, 'project/jest.config.js');
// A cache of its own, outside the run's TMPDIR: warm across runs, so jest's start stays short.
const cacheDirectory = join(tmpdir(), 'lh-fixture-jest-cache');

/** Live processes whose environment carries `mark`, with their command lines. */
export function marked(mark: string): Array<{ pid: number; cmd: string }> {
  const out: Array<{ pid: number; cmd: string }> = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (!readFileSync(`/proc/${d}/environ`, 'latin1').includes(mark)) continue;
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'latin1').replace(/\0/g, ' ');
      // A zombie (exited, not yet reaped) has an empty command line: it runs nothing.
      if (cmd) out.push({ pid: Number(d), cmd });
    } catch {
      /* gone meanwhile, or not ours to read */
    }
  }
  return out;
}

export const isServer = (p: { cmd: string }): boolean => p.cmd.includes('nms-entry.cjs');
export const isEncoder = (p: { cmd: string }): boolean => /ffmpeg/.test(p.cmd.split(' ')[0]);

export interface JestRun {
  readonly child: ChildProcess;
  readonly mark: string;
  /** the run's own TMPDIR */
  readonly tmp: string;
  output(): string;
  /** resolves when jest has exited (by itself or by a signal), with how long it ran */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  /** the most media servers seen running at once (sampled every 100 ms until exit) */
  maxServers(): number;
  /** temp folders of ours left in the run's TMPDIR */
  leftTempFolders(): string[];
  /** what a fixture test wrote about its rig (rig.opened and the server's endpoints), by fixture name */
  opened(name: string): { opened: { pids: number[]; ports: number[] }; endpoints: { rtmp: string; httpFlv: string } } | undefined;
  /** kill whatever is left (the test failed) and remove the TMPDIR */
  cleanup(): void;
}

export function runJest(args: readonly string[], env: NodeJS.ProcessEnv = {}, opts: { detached?: boolean } = {}): JestRun {
  if (!existsSync(join(repoRoot, 'dist/jest/environment.js')))
    throw new Error('dist/ is missing the preset: run "npm run build" (npm test does it in pretest).');
  const mark = `LH_RUN_MARK_${randomUUID().replace(/-/g, '')}`;
  const tmp = mkdtempSync(join(tmpdir(), 'lh-jest-run-'));
  const t0 = Date.now();
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'node_modules/jest/bin/jest.js'), '--config', config, '--ci', '--cacheDirectory', cacheDirectory, ...args],
    {
      cwd: join(__dirname, 'project'),
      env: { ...process.env, FORCE_COLOR: '0', LIVE_HARNESS_VERBOSE: '', ...env, TMPDIR: tmp, [mark]: '1', LH_OPENED_FILE: join(tmp, 'opened') },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: opts.detached === true,
    },
  );
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  let most = 0;
  const sampler = setInterval(() => {
    most = Math.max(most, marked(mark).filter(isServer).length);
  }, 100);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) =>
    child.once('exit', (code, signal) => {
      clearInterval(sampler);
      resolve({ code, signal, ms: Date.now() - t0 });
    }),
  );
  return {
    child,
    mark,
    tmp,
    output: () => out,
    exited,
    maxServers: () => most,
    leftTempFolders: () => readdirSync(tmp).filter((f) => f.startsWith('live-harness')),
    opened: (name) => {
      const f = join(tmp, `opened.${name}`);
      return existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : undefined;
    },
    cleanup: () => {
      clearInterval(sampler);
      for (const p of marked(mark)) {
        try {
          process.kill(p.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** The port of an rtmp:// or http:// base URL. */
export function portOf(url: string): number {
  return Number(new URL(url).port);
}
