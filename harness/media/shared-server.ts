/**
 * One media server per realm: per CLI run, and under jest per test file.
 * Started on first use, reused by every rig after; each rig keeps to its own
 * stream keys, so sharing is safe and saves a start per test. The preset's test
 * environment stops it when the file ends; the process hooks kill it on exit.
 *
 * Why not one per jest worker, across files: each file runs in a realm of its
 * own (its own globals, module registry and `process` copy), so a server kept
 * across files would be an object of a finished file's realm, driven from the
 * next one. A start costs ~150 ms, next to seconds of real media per file; one
 * per file, stopped with it, leaves nothing behind by construction.
 */
import { MediaServer, type MediaServerOptions, type StartedMediaServer } from './media-server';

const KEY = Symbol.for('live-harness.sharedMediaServer');

interface Slot {
  server?: Promise<StartedMediaServer>;
}

function slot(): Slot {
  const g = globalThis as unknown as Record<symbol, Slot | undefined>;
  return (g[KEY] ??= {});
}

export async function sharedMediaServer(opts: MediaServerOptions = {}): Promise<StartedMediaServer> {
  const s = slot();
  if (s.server) {
    const running = await s.server.then(
      (srv) => (srv.running ? srv : undefined),
      () => undefined,
    );
    if (running) return running;
  }
  const starting = new MediaServer(opts).start().then((srv) => srv.unref());
  s.server = starting;
  starting.catch(() => {
    if (s.server === starting) s.server = undefined;
  });
  return starting;
}

/** Stop the shared server now (the CLI does, before it exits). */
export async function stopSharedMediaServer(): Promise<void> {
  const s = slot();
  const p = s.server;
  s.server = undefined;
  if (!p) return;
  const srv = await p.catch(() => undefined);
  await srv?.stop();
}
