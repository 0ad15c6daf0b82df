import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FfmpegNotFoundError, resolveFfmpeg } from './ffmpeg';

import installerModule from '@ffmpeg-installer/ffmpeg';

const installer = (installerModule as { path: string }).path;
const notInstalled = (id: string): never => {
  throw new Error(`Cannot find module '${id}'`);
};

describe('resolveFfmpeg', () => {
  it('prefers FFMPEG_PATH, then ffmpeg-static, then @ffmpeg-installer, then PATH', () => {
    const only = (ids: Record<string, unknown>) => (id: string) => (id in ids ? ids[id] : notInstalled(id));
    expect(resolveFfmpeg({ env: { FFMPEG_PATH: installer }, require: only({}) }).origin).toBe('FFMPEG_PATH');
    expect(resolveFfmpeg({ env: {}, require: only({ 'ffmpeg-static': installer, '@ffmpeg-installer/ffmpeg': { path: installer } }) }).origin).toBe(
      'ffmpeg-static',
    );
    const info = resolveFfmpeg({ env: {}, require: only({ '@ffmpeg-installer/ffmpeg': { path: installer } }) });
    expect(info.origin).toBe('@ffmpeg-installer/ffmpeg');
    expect(info.hasLibx264 && info.hasAac).toBe(true);
    expect(info.skipped).toEqual([
      { origin: 'FFMPEG_PATH', reason: 'not set' },
      { origin: 'ffmpeg-static', reason: "not installed (Cannot find module 'ffmpeg-static')" },
    ]);
  });

  it('finds ffmpeg on PATH when no package has one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lh-path-'));
    try {
      // A wrapper named ffmpeg on PATH, as a distribution's ffmpeg would be.
      writeFileSync(join(dir, 'ffmpeg'), `#!/bin/sh\nexec ${installer} "$@"\n`);
      chmodSync(join(dir, 'ffmpeg'), 0o755);
      const info = resolveFfmpeg({ env: { PATH: dir }, require: notInstalled });
      expect(info.origin).toBe('PATH');
      expect(info.path).toBe(join(dir, 'ffmpeg'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says where it looked and what to do when there is none', () => {
    const run = () => resolveFfmpeg({ env: { FFMPEG_PATH: '/nope/ffmpeg', PATH: '' }, require: notInstalled });
    expect(run).toThrow(FfmpegNotFoundError);
    expect(run).toThrow(
      "[live-harness] Failed to find ffmpeg: FFMPEG_PATH: /nope/ffmpeg is missing or not executable; ffmpeg-static: not installed (Cannot find module 'ffmpeg-static'); @ffmpeg-installer/ffmpeg: not installed (Cannot find module '@ffmpeg-installer/ffmpeg'); PATH: not found. Set FFMPEG_PATH to an ffmpeg with libx264 and aac, or reinstall so that @ffmpeg-installer/ffmpeg is present.",
    );
  });
});
