/**
 * The attribute tables against the reference (../shared/spec/components.md
 * §1.1 and §2.1), transcribed here: attribute, default, base library.
 */
import { PLAYER_ATTRS, PUSHER_ATTRS } from './attributes';

type Row = readonly [attr: string, def: unknown, since: string];

// §1.1, in the reference's order; then the two attributes Tencent's SDKs use (§1.1 "Undocumented-by-WeChat").
const PUSHER_REFERENCE: readonly Row[] = [
  ['url', '', '1.7.0'],
  ['mode', 'RTC', '1.7.0'],
  ['autopush', false, '1.7.0'],
  ['enableVideoCustomRender', false, '2.29.0'],
  ['muted', false, '1.7.0'],
  ['enable-camera', true, '1.7.0'],
  ['auto-focus', true, '1.7.0'],
  ['orientation', 'vertical', '1.7.0'],
  ['beauty', 0, '1.7.0'],
  ['whiteness', 0, '1.7.0'],
  ['aspect', '9:16', '1.7.0'],
  ['min-bitrate', 200, '1.7.0'],
  ['max-bitrate', 1000, '1.7.0'],
  ['audio-quality', 'high', '1.7.0'],
  ['waiting-image', '', '1.7.0'],
  ['waiting-image-hash', '', '1.7.0'],
  ['zoom', false, '2.1.0'],
  ['device-position', 'front', '2.3.0'],
  ['background-mute', false, '1.7.0'],
  ['mirror', false, '2.7.0'],
  ['remote-mirror', false, '2.10.0'],
  ['local-mirror', 'auto', '2.10.0'],
  ['audio-reverb-type', 0, '2.10.0'],
  ['enable-mic', true, '2.10.0'],
  ['enable-agc', false, '2.10.0'],
  ['enable-ans', false, '2.10.0'],
  ['audio-volume-type', 'auto', '2.10.0'],
  ['video-width', 360, '2.10.0'],
  ['video-height', 640, '2.10.0'],
  ['beauty-style', 'smooth', '2.12.0'],
  ['filter', 'standard', '2.12.0'],
  ['picture-in-picture-mode', [], '2.25.0'],
  ['voice-changer-type', 0, '2.31.0'],
  ['custom-effect', false, '2.29.1'],
  ['skin-whiteness', 0, '2.29.1'],
  ['skin-smoothness', 0, '2.29.1'],
  ['face-thinness', 0, '2.29.1'],
  ['eye-bigness', 0, '2.29.1'],
  ['fps', 15, '2.31.0'],
  ['enable-ear-monitor', false, '2.10.0'],
  ['debug', false, '1.7.0'],
];

// §2.1, then the undocumented ones (§2.1 "Undocumented-by-WeChat"; mute-audio/mute-video belong to the room work).
const PLAYER_REFERENCE: readonly Row[] = [
  ['src', '', '1.7.0'],
  ['mode', 'live', '1.7.0'],
  ['autoplay', false, '1.7.0'],
  ['muted', false, '1.7.0'],
  ['orientation', 'vertical', '1.7.0'],
  ['object-fit', 'contain', '1.7.0'],
  ['background-mute', false, '1.7.0'],
  ['min-cache', 1, '1.7.0'],
  ['max-cache', 3, '1.7.0'],
  ['sound-mode', 'speaker', '1.9.90'],
  ['auto-pause-if-navigate', true, '2.5.0'],
  ['auto-pause-if-open-native', true, '2.5.0'],
  ['picture-in-picture-mode', [], '2.10.3'],
  ['picture-in-picture-init-position', '', '3.3.0'],
  ['enable-auto-rotation', false, '2.11.0'],
  ['referrer-policy', 'no-referrer', '2.13.0'],
  ['enable-casting', false, '2.32.0'],
  ['enable-recv-message', false, '2.10.0'],
  ['debug', false, '1.7.0'],
];

const table = (attrs: Record<string, { attr: string; default: unknown; since: string }>): Row[] =>
  Object.values(attrs).map((s) => [s.attr, s.default, s.since] as const);

describe('attribute tables', () => {
  it('declares every live-pusher attribute of reference §1.1 with its documented default and base library', () => {
    expect(table(PUSHER_ATTRS)).toEqual(PUSHER_REFERENCE);
  });

  it('declares every live-player attribute of reference §2.1 with its documented default and base library', () => {
    expect(table(PLAYER_ATTRS).filter(([a]) => a !== 'mute-audio' && a !== 'mute-video')).toEqual(PLAYER_REFERENCE);
  });

  it('allows the documented values of the enumerated attributes and ranges of the numbers', () => {
    expect(PUSHER_ATTRS.mode.values).toEqual(['QVGA', 'HVGA', 'SD', 'HD', 'FHD', 'RTC']);
    expect(PUSHER_ATTRS.orientation.values).toEqual(['vertical', 'horizontal']);
    expect(PUSHER_ATTRS.aspect.values).toEqual(['3:4', '9:16']);
    expect(PUSHER_ATTRS.audioQuality.values).toEqual(['high', 'low']);
    expect(PUSHER_ATTRS.devicePosition.values).toEqual(['front', 'back']);
    expect(PUSHER_ATTRS.localMirror.values).toEqual(['auto', 'enable', 'disable']);
    expect(PUSHER_ATTRS.audioVolumeType.values).toEqual(['auto', 'media', 'voicecall']);
    expect(PUSHER_ATTRS.beautyStyle.values).toEqual(['smooth', 'nature']);
    expect(PUSHER_ATTRS.filter.values).toHaveLength(11);
    expect(PUSHER_ATTRS.pictureInPictureMode.values).toEqual(['push', 'pop']);
    expect([PUSHER_ATTRS.beauty.range, PUSHER_ATTRS.whiteness.range, PUSHER_ATTRS.audioReverbType.range, PUSHER_ATTRS.fps.range]).toEqual([
      [0, 9],
      [0, 9],
      [0, 7],
      [1, 30],
    ]);
    expect([PUSHER_ATTRS.skinWhiteness.range, PUSHER_ATTRS.skinSmoothness.range, PUSHER_ATTRS.faceThinness.range, PUSHER_ATTRS.eyeBigness.range]).toEqual([
      [0, 1],
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
    expect(PLAYER_ATTRS.mode.values).toEqual(['live', 'RTC']);
    expect(PLAYER_ATTRS.objectFit.values).toEqual(['contain', 'fillCrop']);
    expect(PLAYER_ATTRS.soundMode.values).toEqual(['speaker', 'ear']);
    expect(PLAYER_ATTRS.referrerPolicy.values).toEqual(['origin', 'no-referrer']);
  });

  it('reads init-only attributes at insert only, and stages restart attributes (Q5, Q6, §6.1 "init only")', () => {
    const rule = (s: { apply: unknown }) => (typeof s.apply === 'function' ? 'param' : s.apply);
    expect([PUSHER_ATTRS.devicePosition, PUSHER_ATTRS.autoFocus, PUSHER_ATTRS.zoom, PUSHER_ATTRS.backgroundMute, PUSHER_ATTRS.customEffect].map(rule)).toEqual([
      'insert',
      'insert',
      'insert',
      'insert',
      'insert',
    ]);
    expect([PUSHER_ATTRS.enableCamera, PUSHER_ATTRS.mode].map(rule)).toEqual(['param', 'param']);
    expect([PUSHER_ATTRS.url, PLAYER_ATTRS.src, PLAYER_ATTRS.mode].map(rule)).toEqual(['restart', 'restart', 'restart']);
  });
});
