import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import automator from 'miniprogram-automator';
import { alive, eventually, refused } from '../../test-support/processes';

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

/** Every process below `pid`, read from /proc. */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      // pid (comm) state ppid …: comm may hold spaces, so split after its closing parenthesis.
      const stat = readFileSync(`/proc/${d}/stat`, 'latin1');
      parentOf.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* gone between the two looks */
    }
  }
  const out: number[] = [];
  const walk = (p: number): void => {
    for (const [child, parent] of parentOf) {
      if (parent !== p) continue;
      out.push(child);
      walk(child);
    }
  };
  walk(pid);
  return out;
}

async function until(pred: () => Promise<boolean>, ms: number): Promise<boolean> {
  const t0 = Date.now();
  while (!(await pred())) {
    if (Date.now() - t0 > ms) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

describe('the automator.launch() drop-in on real media', () => {
  it('serves the fixture with a real server and encoder, and SIGTERM leaves no process and no port', async () => {
    const port = await freePort();
    const sim = spawn(process.execPath, [BIN, 'auto', '--project', PROJECT, '--auto-port', String(port), '--clock', 'real-media'], { stdio: 'ignore' });
    const exited = new Promise<number | null>((r) => sim.once('exit', (code) => r(code)));
    try {
      expect(await until(async () => !(await refused(port)), 30_000)).toBe(true);
      const mp = await automator.connect({ wsEndpoint: `ws://127.0.0.1:${port}` });
      try {
        const page = (await mp.currentPage())!;
        // The anchor's page pushes to the real server through a real encoder.
        expect(await until(async () => (await page.data('status')) === 'pushing', 20_000)).toBe(true);
      } finally {
        mp.disconnect();
      }
      const children = descendants(sim.pid!);
      const names = children.map((c) => readFileSync(`/proc/${c}/cmdline`, 'latin1'));
      expect(names.some((n) => n.includes('ffmpeg'))).toBe(true);
      expect(names.some((n) => n.includes('nms-entry'))).toBe(true);
      sim.kill('SIGTERM');
      expect(await exited).toBe(143);
      expect(await eventually(() => children.every((c) => !alive(c)), 5000)).toBe(true);
      expect(await refused(port)).toBe(true);
    } finally {
      if (sim.exitCode === null && sim.signalCode === null) sim.kill('SIGKILL');
    }
  }, 90_000);
});
