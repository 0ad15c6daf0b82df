/**
 * What teardown tests look at from the outside: whether a process still runs
 * and whether a port still accepts. One definition, so that every test means
 * the same by "nothing left".
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';

/** Whether `pid` runs: signal 0 reaches it, and it is not a zombie (exited, waiting to be reaped). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'latin1'));
  } catch {
    return false; // gone between the two looks
  }
}

/** Whether a loopback port refuses connections (nothing listens on it any more). */
export function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), resolve(false)));
    s.once('error', () => resolve(true));
  });
}

/** Poll `pred` every 100 ms until it holds (true) or `ms` ran out (false). */
export async function eventually(pred: () => boolean, ms: number): Promise<boolean> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}
