import { isKeyFrame, TAG_AUDIO, TAG_VIDEO, type FlvTag } from './flv';
import { runningPids } from './processes';
import { PRESETS, SyntheticSource } from './synthetic-source';

describe('SyntheticSource', () => {
  it('encodes H.264/AAC FLV in real time with the GOP asked for, and stops its ffmpeg', async () => {
    const src = new SyntheticSource({ ...PRESETS.QVGA, fps: 10, gopSeconds: 1 });
    const tags: FlvTag[] = [];
    src.onTag((t) => tags.push(t));
    const t0 = Date.now();
    await src.start();
    await new Promise((r) => setTimeout(r, 2500));
    const elapsed = Date.now() - t0;
    const pid = src.pid as number;
    await src.stop();
    expect(runningPids()).not.toContain(pid);
    expect(src.sequenceHeaders.map((t) => t.type).sort()).toEqual([TAG_AUDIO, TAG_VIDEO, 18].sort());
    const video = tags.filter((t) => t.type === TAG_VIDEO && !src.sequenceHeaders.includes(t));
    const lastTs = video[video.length - 1].timestamp;
    // -re paces the encoder: media time follows wall time (tolerance for start-up and a loaded machine)
    expect(lastTs).toBeGreaterThan(elapsed - 2000);
    expect(lastTs).toBeLessThan(elapsed + 500);
    const keys = video.filter(isKeyFrame).map((t) => t.timestamp);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(keys[1] - keys[0]).toBe(1000); // 10 frames at 10 fps
  });

  it('is audio-only without a camera', async () => {
    await using src = await new SyntheticSource({ ...PRESETS.QVGA, video: false }).start();
    await new Promise((r) => setTimeout(r, 300));
    expect(src.sequenceHeaders.some((t) => t.type === TAG_VIDEO)).toBe(false);
    expect(src.sequenceHeaders.some((t) => t.type === TAG_AUDIO)).toBe(true);
  });

  it('refuses a source with neither video nor audio', () => {
    expect(() => new SyntheticSource({ ...PRESETS.SD, video: false, audio: 'none' })).toThrow(
      '[live-harness] Failed to create a synthetic source: it has neither video nor audio. Enable the camera or the microphone.',
    );
  });
});
