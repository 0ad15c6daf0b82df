/**
 * Every process the rig starts is registered here and killed — whole process
 * group — on stop, and when this process exits or is interrupted, whatever
 * happened. One registry per OS process. Under jest, a test file's realm has a
 * `process` of its own whose exit and signal events never fire; the preset's
 * test environment hands each realm the registry of the real process
 * (shareProcessRegistry), so that its hooks do.
 */
import type { ChildProcess } from 'node:child_process';

interface Registry {
  readonly children: Set<ChildProcess>;
  /** run on Ctrl-C before the children are killed (a CLI writes its report) */
  readonly interruptHooks: Set<() => unknown>;
  hooked: boolean;
  interrupted: number;
  /** processes ever started (optional: a registry made by an older copy of this module has none) */
  spawned?: number;
}

const KEY = Symbol.for('live-harness.processes');

function registry(): Registry {
  const g = globalThis as unknown as Record<symbol, Registry | undefined>;
  return (g[KEY] ??= { children: new Set(), interruptHooks: new Set(), hooked: false, interrupted: 0 });
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

/** How long interrupt hooks may take before the children are killed anyway. */
const INTERRUPT_GRACE_MS = 5000;

function installHooks(r: Registry): void {
  if (r.hooked) return;
  r.hooked = true;
  process.once('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      const code = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }[sig];
      // A second signal, or nobody to ask: stop at once.
      if (++r.interrupted > 1 || r.interruptHooks.size === 0) {
        killAll();
        process.exit(code);
      }
      const hooks = [...r.interruptHooks].map((h) =>
        Promise.resolve()
          .then(h)
          .catch(() => undefined),
      );
      const deadline = new Promise((res) => setTimeout(res, INTERRUPT_GRACE_MS).unref());
      void Promise.race([Promise.all(hooks), deadline]).then(() => {
        killAll();
        process.exit(code);
      });
    });
  }
}

export function track(child: ChildProcess): void {
  const r = registry();
  r.children.add(child);
  r.spawned = (r.spawned ?? 0) + 1;
  child.once('exit', () => r.children.delete(child));
  installHooks(r);
}

/**
 * Run `fn` on Ctrl-C (or SIGTERM) before every child is killed and the process
 * exits; it gets a few seconds. Returns a function that removes it.
 */
export function onInterrupt(fn: () => unknown): () => void {
  const r = registry();
  installHooks(r);
  r.interruptHooks.add(fn);
  return () => r.interruptHooks.delete(fn);
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

/** How many processes the rig has started in this OS process, ever: lets a test runner see that a file used real media. */
export function spawnCount(): number {
  return registry().spawned ?? 0;
}

/**
 * Let code running in another realm (a jest test file's context) register its
 * children with this process's registry, and install the exit and signal hooks
 * now, from here, where they fire.
 */
export function shareProcessRegistry(realm: object): void {
  const r = registry();
  installHooks(r);
  (realm as Record<symbol, Registry>)[KEY] = r;
}

/** Stop every child still registered (SIGTERM, SIGKILL after `graceMs`); returns their pids. */
export async function terminateAll(graceMs = 2000): Promise<number[]> {
  const children = [...registry().children];
  await Promise.all(children.map((c) => terminate(c, graceMs)));
  return children.map((c) => c.pid).filter((p): p is number => p !== undefined);
}

/** Kill every registered child at once (SIGKILL): for a process about to exit. */
export function killAll(): void {
  for (const c of registry().children) killGroup(c, 'SIGKILL');
}

/** pids the rig still has running (for teardown tests and the before-stop check). */
export function runningPids(): number[] {
  return [...registry().children].map((c) => c.pid).filter((p): p is number => p !== undefined);
}
