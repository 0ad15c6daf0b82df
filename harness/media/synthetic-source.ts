/**
 * The "camera + encoder" of a pusher in media mode: ffmpeg draws a moving test
 * pattern and a tone, encodes H.264/AAC in real time and writes FLV to stdout.
 * The pusher's network side republishes these tags over RTMP, so a reconnect
 * never restarts the encoder (the real SDK keeps capturing while it reconnects).
 */
import '../dispose-symbols';
import { type ChildProcess, spawn } from 'node:child_process';
import type { CaptureSettings } from '../../mocks/link';
import { type FfmpegInfo, resolveFfmpeg } from './ffmpeg';
import { type FlvTag, FlvReader, isSequenceHeader } from './flv';
import { terminate, track } from './processes';

/** Same shape as the model's capture: what the pusher's attributes ask of camera and encoder. */
export type SourceSettings = CaptureSettings;

/** The docs' parameter table (SD 300–800, HD 600–1200, FHD 600–1800, RTC per attributes). */
export const PRESETS: Readonly<Record<'QVGA' | 'HVGA' | 'SD' | 'HD' | 'FHD' | 'RTC', SourceSettings>> = {
  QVGA: { video: true, audio: 'tone', width: 240, height: 320, fps: 15, gopSeconds: 2, videoKbps: 350, audioKbps: 48, sampleRate: 48000 },
  HVGA: { video: true, audio: 'tone', width: 320, height: 480, fps: 15, gopSeconds: 2, videoKbps: 500, audioKbps: 48, sampleRate: 48000 },
  SD: { video: true, audio: 'tone', width: 360, height: 640, fps: 15, gopSeconds: 2, videoKbps: 800, audioKbps: 64, sampleRate: 48000 },
  HD: { video: true, audio: 'tone', width: 540, height: 960, fps: 15, gopSeconds: 2, videoKbps: 1200, audioKbps: 64, sampleRate: 48000 },
  FHD: { video: true, audio: 'tone', width: 720, height: 1280, fps: 15, gopSeconds: 2, videoKbps: 1800, audioKbps: 64, sampleRate: 48000 },
  RTC: { video: true, audio: 'tone', width: 360, height: 640, fps: 15, gopSeconds: 1, videoKbps: 500, audioKbps: 32, sampleRate: 48000 },
};

export class SourceError extends Error {
  readonly code = 'LH_SOURCE';
}

export function ffmpegArgs(s: SourceSettings): string[] {
  const args = ['-hide_banner', '-loglevel', 'error', '-nostdin'];
  if (s.video) args.push('-re', '-f', 'lavfi', '-i', `testsrc2=size=${s.width}x${s.height}:rate=${s.fps}`);
  if (s.audio !== 'none') {
    const src = s.audio === 'tone' ? `sine=frequency=440:sample_rate=${s.sampleRate}` : `anullsrc=r=${s.sampleRate}:cl=mono`;
    args.push('-re', '-f', 'lavfi', '-i', src);
  }
  if (s.video) {
    const gop = Math.max(1, Math.round(s.fps * s.gopSeconds));
    args.push('-map', '0:v', '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-profile:v', 'baseline', '-pix_fmt', 'yuv420p');
    args.push(
      '-g',
      String(gop),
      '-keyint_min',
      String(gop),
      '-sc_threshold',
      '0',
      '-b:v',
      `${s.videoKbps}k`,
      '-maxrate',
      `${s.videoKbps}k`,
      '-bufsize',
      `${Math.max(50, Math.round(s.videoKbps / 2))}k`,
    );
  }
  if (s.audio !== 'none') args.push('-map', `${s.video ? 1 : 0}:a`, '-c:a', 'aac', '-b:a', `${s.audioKbps}k`, '-ar', String(s.sampleRate), '-ac', '1');
  // Flush every packet: the default 32 KB output buffer would hand tags out in bursts of a few hundred ms.
  args.push('-flush_packets', '1', '-f', 'flv', '-flvflags', 'no_duration_filesize', 'pipe:1');
  return args;
}

export class SyntheticSource {
  private child: ChildProcess | undefined;
  private readonly headers = new Map<string, FlvTag>();
  private readonly listeners = new Set<(t: FlvTag) => void>();
  private stopping: Promise<void> | undefined;
  private stderr = '';
  private tagCount = 0;
  readonly ffmpeg: FfmpegInfo;

  constructor(readonly settings: SourceSettings) {
    if (!settings.video && settings.audio === 'none')
      throw new SourceError('[live-harness] Failed to create a synthetic source: it has neither video nor audio. Enable the camera or the microphone.');
    this.ffmpeg = resolveFfmpeg();
    if (settings.video && !this.ffmpeg.hasLibx264)
      throw new SourceError(
        `[live-harness] Failed to create a synthetic source: ${this.ffmpeg.path} (${this.ffmpeg.origin}) has no libx264 encoder. Set FFMPEG_PATH to an ffmpeg built with libx264.`,
      );
  }

  /** Sequence headers and metadata: what a new connection must send before any frame. */
  get sequenceHeaders(): FlvTag[] {
    return [...this.headers.values()];
  }

  get tags(): number {
    return this.tagCount;
  }

  onTag(listener: (t: FlvTag) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when the encoder's first tag arrives (its headers are then known). */
  start(timeoutMs = 15_000): Promise<this> {
    if (this.child) return Promise.resolve(this);
    const child = spawn(this.ffmpeg.path, ffmpegArgs(this.settings), { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.child = child;
    track(child);
    const reader = new FlvReader((tag) => {
      this.tagCount++;
      if (isSequenceHeader(tag)) this.headers.set(`${tag.type}`, tag);
      for (const l of this.listeners) l(tag);
    });
    child.stdout?.on('data', (chunk: Buffer) => reader.push(chunk));
    child.stderr?.on('data', (c: Buffer) => {
      this.stderr = (this.stderr + c.toString('utf8')).slice(-4000);
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(`no FLV tag after ${timeoutMs} ms`), timeoutMs);
      const fail = (why: string): void => {
        clearTimeout(timer);
        off();
        void this.stop();
        reject(
          new SourceError(
            `[live-harness] Failed to start the synthetic source (${this.ffmpeg.path}, ${this.ffmpeg.origin}): ${why}.${this.stderr ? ` ffmpeg said: ${this.stderr.trim().split('\n').slice(-5).join(' | ')}` : ''} Run "live-harness doctor" to check ffmpeg.`,
          ),
        );
      };
      const off = this.onTag(() => {
        clearTimeout(timer);
        off();
        child.off('exit', onExit);
        resolve(this);
      });
      const onExit = (code: number | null): void => fail(`ffmpeg exited with code ${code}`);
      child.once('exit', onExit);
      child.once('error', (e) => fail(e.message));
    });
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  stop(): Promise<void> {
    if (!this.child) return Promise.resolve();
    this.stopping ??= terminate(this.child, 1000).then(() => this.listeners.clear());
    return this.stopping;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
