/**
 * For this repository's parallel projects: a test file that starts real
 * media (ffmpeg, node-media-server) fails, naming the list it belongs in.
 * Real-time bounds hold only when real media runs alone (jest.config.ts).
 */
import { spawnCount } from '../harness/media';

const before = spawnCount();

afterAll(() => {
  const started = spawnCount() - before;
  if (started > 0)
    throw new Error(
      `[live-harness] Failed to keep real media off the parallel test workers: ${expect.getState().testPath} started ${started} process(es) (ffmpeg, node-media-server). Add it to REAL_MEDIA in jest.config.ts, so that it runs alone.`,
    );
});
