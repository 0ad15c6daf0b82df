import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { alive, eventually, refused } from '../../test-support/processes';
import { parseLaunchArgs } from './launch-args';

const REPO = join(__dirname, '../..');
const BIN = join(REPO, 'bin/automator-sim.js');
const PROJECT = join(REPO, 'fixtures/miniprogram');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(cmd, args, { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

/** pids of automator-sim processes whose command line has every one of `args`, read from /proc */
function simsWith(...args: string[]): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      if (cmd.some((a) => a.endsWith('automator-sim.js')) && args.every((a) => cmd.includes(a))) out.push(Number(d));
    } catch {
      /* gone between the two looks */
    }
  }
  return out;
}

describe('the automator.launch() drop-in', () => {
  it('reads the DevTools CLI arguments launch() passes, and refuses others with the usage', () => {
    expect(parseLaunchArgs(['auto', '--project', '/p', '--auto-port', '9420', '--ticket', 't', '--trust-project'])).toEqual({
      project: '/p',
      port: 9420,
      account: undefined,
      ticket: 't',
      trustProject: true,
      clock: 'virtual-time',
      seed: undefined,
      live: 'mock',
    });
    expect(() => parseLaunchArgs(['auto', '--project', '/p', '--auto-prot', '1'])).toThrow(
      '[live-harness] Failed to launch automator-sim: unknown option "--auto-prot" (did you mean "--auto-port"?). Usage: automator-sim auto',
    );
    expect(() => parseLaunchArgs(['open', '--project', '/p'])).toThrow('only "auto"');
    expect(() => parseLaunchArgs(['auto', '--project', '/p', '--auto-port', '1', '--clock', 'virtual'])).toThrow("Use 'virtual-time' or 'real-media'.");
  });

  it("runs an unmodified launch({ cliPath, projectPath }) script's live scenario, and leaves no process behind", async () => {
    const script = run('node', [join(REPO, 'fixtures/automator-launch/run.js')], { AUTOMATOR_CLI_PATH: BIN });
    const seen = new Set<number>();
    const poll = setInterval(() => simsWith('--project', PROJECT).forEach((pid) => seen.add(pid)), 200);
    const code = await script.exited.finally(() => clearInterval(poll));
    expect(script.output()).toContain('launch scenario passed: pushed, played, stopped, page shows idle');
    expect(code).toBe(0);
    expect(seen.size).toBe(1);
    // close() sent Tool.close: the launched process ends with the session.
    expect(await eventually(() => [...seen].every((pid) => !alive(pid)), 5000)).toBe(true);
  }, 90_000);

  it("stops on SIGTERM: the process exits with the signal's code and the port is refused", async () => {
    const port = await freePort();
    const sim = run('node', [BIN, 'auto', '--project', PROJECT, '--auto-port', String(port)]);
    expect(await eventuallyAsync(async () => !(await refused(port)), 30_000)).toBe(true);
    sim.child.kill('SIGTERM');
    expect(await sim.exited).toBe(143);
    expect(await refused(port)).toBe(true);
  }, 60_000);

  it('exits when the process that launched it dies without a word', async () => {
    const port = await freePort();
    // A parent that starts the drop-in (as launch() does, stdio ignored) and is then killed outright.
    const parent = run('node', [
      '-e',
      `require('child_process').spawn(process.execPath, ${JSON.stringify([BIN, 'auto', '--project', PROJECT, '--auto-port', String(port)])}, { stdio: 'ignore' }); setInterval(() => {}, 1000);`,
    ]);
    expect(await eventuallyAsync(async () => !(await refused(port)), 30_000)).toBe(true);
    const pids = simsWith('--auto-port', String(port));
    expect(pids).toHaveLength(1);
    parent.child.kill('SIGKILL');
    await parent.exited;
    expect(await eventually(() => !alive(pids[0]), 5000)).toBe(true);
    expect(await refused(port)).toBe(true);
  }, 60_000);
});

async function eventuallyAsync(pred: () => Promise<boolean>, ms: number): Promise<boolean> {
  const t0 = Date.now();
  while (!(await pred())) {
    if (Date.now() - t0 > ms) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}
