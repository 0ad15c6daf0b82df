/**
 * One media server per process (per jest worker, per CLI run): started on
 * first use, reused by every rig after, killed when the process exits. Each
 * rig keeps to its own stream keys, so sharing is safe and saves a start per
 * test. Kept on `process` because jest gives every test file a fresh module
 * registry but the same process.
 */
import { MediaServer, type MediaServerOptions, type StartedMediaServer } from './media-server';

const KEY = Symbol.for('live-harness.sharedMediaServer');

interface Slot {
  server?: Promise<StartedMediaServer>;
}

function slot(): Slot {
  const p = process as unknown as Record<symbol, Slot | undefined>;
  return (p[KEY] ??= {});
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
