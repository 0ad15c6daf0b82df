/**
 * Which ffmpeg the rig uses, in order: FFMPEG_PATH → ffmpeg-static (optional:
 * its install downloads a binary, which fails offline) → @ffmpeg-installer/ffmpeg
 * → `ffmpeg` on PATH. The first that exists and runs wins.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export type FfmpegOrigin = 'FFMPEG_PATH' | 'ffmpeg-static' | '@ffmpeg-installer/ffmpeg' | 'PATH';

export interface FfmpegInfo {
  readonly path: string;
  readonly origin: FfmpegOrigin;
  readonly version: string;
  readonly hasLibx264: boolean;
  readonly hasAac: boolean;
  /** candidates that were looked at and why they were passed over */
  readonly skipped: ReadonlyArray<{ readonly origin: FfmpegOrigin; readonly reason: string }>;
}

export class FfmpegNotFoundError extends Error {
  readonly code = 'LH_FFMPEG_NOT_FOUND';
  constructor(skipped: FfmpegInfo['skipped']) {
    super(
      `[live-harness] Failed to find ffmpeg: ${skipped.map((s) => `${s.origin}: ${s.reason}`).join('; ')}. ` +
        'Set FFMPEG_PATH to an ffmpeg with libx264 and aac, or reinstall so that @ffmpeg-installer/ffmpeg is present.',
    );
    this.name = 'FfmpegNotFoundError';
  }
}

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

type Load = (id: string) => unknown;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const load: Load = (id) => require(id);

function candidates(env: NodeJS.ProcessEnv, req: Load): Array<{ origin: FfmpegOrigin; path: () => string | undefined }> {
  return [
    { origin: 'FFMPEG_PATH', path: () => env.FFMPEG_PATH || undefined },
    { origin: 'ffmpeg-static', path: () => req('ffmpeg-static') as string | undefined },
    { origin: '@ffmpeg-installer/ffmpeg', path: () => (req('@ffmpeg-installer/ffmpeg') as { path: string }).path },
    {
      origin: 'PATH',
      path: () =>
        (env.PATH ?? '')
          .split(delimiter)
          .map((d) => join(d, 'ffmpeg'))
          .find(executable),
    },
  ];
}

let cached: FfmpegInfo | undefined;

/**
 * Resolve once per process; `refresh` looks again (doctor does). `env` and
 * `require` replace the process's own (tests emulate machines with them).
 */
export function resolveFfmpeg(opts: { env?: NodeJS.ProcessEnv; refresh?: boolean; require?: Load } = {}): FfmpegInfo {
  const custom = opts.env !== undefined || opts.require !== undefined;
  if (cached && !opts.refresh && !custom) return cached;
  const skipped: Array<{ origin: FfmpegOrigin; reason: string }> = [];
  for (const c of candidates(opts.env ?? process.env, opts.require ?? load)) {
    let p: string | undefined;
    try {
      p = c.path();
    } catch (e) {
      skipped.push({ origin: c.origin, reason: `not installed (${e instanceof Error ? e.message.split('\n')[0] : String(e)})` });
      continue;
    }
    if (!p) {
      skipped.push({ origin: c.origin, reason: c.origin === 'FFMPEG_PATH' ? 'not set' : 'not found' });
      continue;
    }
    if (!executable(p)) {
      skipped.push({ origin: c.origin, reason: `${p} is missing or not executable` });
      continue;
    }
    const v = spawnSync(p, ['-hide_banner', '-version'], { encoding: 'utf8', timeout: 10_000 });
    if (v.status !== 0) {
      skipped.push({ origin: c.origin, reason: `${p} -version failed (${v.error?.message ?? `exit ${v.status}`})` });
      continue;
    }
    const text = `${v.stdout}${v.stderr}`;
    const version = /ffmpeg version (\S+)/.exec(text)?.[1] ?? 'unknown';
    const encoders = spawnSync(p, ['-hide_banner', '-encoders'], { encoding: 'utf8', timeout: 10_000 }).stdout ?? '';
    const info: FfmpegInfo = { path: p, origin: c.origin, version, hasLibx264: /\blibx264\b/.test(encoders), hasAac: /\baac\b/.test(encoders), skipped };
    if (!custom) cached = info;
    return info;
  }
  throw new FfmpegNotFoundError(skipped);
}
