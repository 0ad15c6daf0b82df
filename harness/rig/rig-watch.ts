/**
 * Who is told when a rig opens and closes: the jest preset uses it to show a
 * test's mock warnings once, as a summary, and to see rigs a test left open.
 * Rigs themselves stay independent of each other; this only lists them.
 */
import type { Rig } from './rig';

export interface RigWatcher {
  opened?(rig: Rig): void;
  closed?(rig: Rig): void;
}

const watchers = new Set<RigWatcher>();

/** Returns a function that stops watching. */
export function watchRigs(w: RigWatcher): () => void {
  watchers.add(w);
  return () => watchers.delete(w);
}

export function rigOpened(rig: Rig): void {
  for (const w of watchers) w.opened?.(rig);
}

export function rigClosed(rig: Rig): void {
  for (const w of watchers) w.closed?.(rig);
}
