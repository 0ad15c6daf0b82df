/**
 * Every process the rig starts is registered here and killed — whole process
 * group — on stop, and when this process exits or is interrupted, whatever
 * happened. One registry per OS process, shared by every jest module registry.
 */
import type { ChildProcess } from 'node:child_process';

interface Registry {
  readonly children: Set<ChildProcess>;
  hooked: boolean;
}

const KEY = Symbol.for('live-harness.processes');

function registry(): Registry {
  const p = process as unknown as Record<symbol, Registry | undefined>;
  let r = p[KEY];
  if (!r) {
    r = { children: new Set(), hooked: false };
    p[KEY] = r;
  }
  return r;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal); // detached: the child leads its own group
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

export function track(child: ChildProcess): void {
  const r = registry();
  r.children.add(child);
  child.once('exit', () => r.children.delete(child));
  if (r.hooked) return;
  r.hooked = true;
  process.once('exit', () => {
    for (const c of r.children) killGroup(c, 'SIGKILL');
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      for (const c of r.children) killGroup(c, 'SIGKILL');
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
}

/** SIGTERM the group, SIGKILL it after `graceMs`; resolves when the child has exited. */
export function terminate(child: ChildProcess, graceMs = 2000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    registry().children.delete(child);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      registry().children.delete(child);
      resolve();
    });
    killGroup(child, 'SIGTERM');
  });
}

/** pids the rig still has running (for teardown tests and the before-stop check). */
export function runningPids(): number[] {
  return [...registry().children].map((c) => c.pid).filter((p): p is number => p !== undefined);
}
