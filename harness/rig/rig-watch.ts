/**
 * Who is told when a rig opens and closes: the jest preset uses it to dispose
 * the rigs a test left open and to show a failed test's mock warnings.
 * Rigs themselves stay independent of each other; this only lists them.
 */
import type { Rig } from './rig';

export interface RigWatcher {
  opened?(rig: Rig): void;
  closed?(rig: Rig): void;
}

// Kept on the realm's global, not in this module: a test that resets its
// modules (jest.resetModules, isolateModules) gets a fresh copy of this file,
// and its rigs must still reach the preset's watcher.
const KEY = Symbol.for('live-harness.rigWatchers');

function watchers(): Set<RigWatcher> {
  const g = globalThis as unknown as Record<symbol, Set<RigWatcher> | undefined>;
  return (g[KEY] ??= new Set());
}

/** Returns a function that stops watching. */
export function watchRigs(w: RigWatcher): () => void {
  watchers().add(w);
  return () => watchers().delete(w);
}

export function rigOpened(rig: Rig): void {
  for (const w of watchers()) w.opened?.(rig);
}

export function rigClosed(rig: Rig): void {
  for (const w of watchers()) w.closed?.(rig);
}
