/**
 * The attribute surface of both components (reference §1.1, §2.1), with
 * WeChat's rules for when a change takes effect. The components declare their
 * properties from these tables, and the model reads "effective" values
 * through them, so a rule lives in exactly one place.
 */
import type { ModelParams } from './params';

export type AttrType = 'string' | 'number' | 'boolean' | 'string-or-array';

/**
 * dynamic   – takes effect at once
 * insert    – read when the element is inserted; later changes are ignored (Q6)
 * restart   – staged until the next stop()+start() / stop()+play() (Q3, Q5, Q7)
 */
export type ApplyRule = 'dynamic' | 'insert' | 'restart';

export interface AttrSpec {
  /** WXML attribute name */
  readonly attr: string;
  readonly type: AttrType;
  readonly default: unknown;
  readonly values?: readonly string[];
  readonly range?: readonly [number, number];
  /** numbers inside the range that are not values (voice-changer-type has no 5) */
  readonly excluded?: readonly number[];
  readonly since: string;
  readonly apply: ApplyRule | ((p: ModelParams) => ApplyRule);
  readonly note?: string;
  /** An empty value means "not set": the default, with no warning (trtc-wx binds `filter=""`, §5.3). */
  readonly emptyIsDefault?: boolean;
}

type Typed<T extends AttrType> = AttrSpec & { readonly type: T };
const enumAttr = (attr: string, values: readonly string[], def: string, since: string, apply: AttrSpec['apply'] = 'dynamic'): Typed<'string'> => ({
  attr,
  type: 'string',
  default: def,
  values,
  since,
  apply,
});
const num = (attr: string, def: number, since: string, range?: readonly [number, number], apply: AttrSpec['apply'] = 'dynamic'): Typed<'number'> => ({
  attr,
  type: 'number',
  default: def,
  range,
  since,
  apply,
});
const bool = (attr: string, def: boolean, since: string, apply: AttrSpec['apply'] = 'dynamic'): Typed<'boolean'> => ({
  attr,
  type: 'boolean',
  default: def,
  since,
  apply,
});
const str = (attr: string, def: string, since: string, apply: AttrSpec['apply'] = 'dynamic'): Typed<'string'> => ({
  attr,
  type: 'string',
  default: def,
  since,
  apply,
});
const list = (attr: string, values: readonly string[], since: string): Typed<'string-or-array'> => ({
  attr,
  type: 'string-or-array',
  default: [],
  values,
  since,
  apply: 'dynamic',
});

export const PUSHER_MODES = ['QVGA', 'HVGA', 'SD', 'HD', 'FHD', 'RTC'] as const;
export const PLAYER_MODES = ['live', 'RTC'] as const;

export const PUSHER_ATTRS = {
  url: str('url', '', '1.7.0', 'restart'),
  mode: { ...enumAttr('mode', PUSHER_MODES, 'RTC', '1.7.0'), apply: (p: ModelParams): ApplyRule => (p.pusherModeIsDynamic ? 'dynamic' : 'restart') },
  autopush: bool('autopush', false, '1.7.0', 'insert'),
  enableVideoCustomRender: bool('enableVideoCustomRender', false, '2.29.0', 'insert'),
  muted: bool('muted', false, '1.7.0'),
  enableCamera: { ...bool('enable-camera', true, '1.7.0'), apply: (p: ModelParams): ApplyRule => (p.enableCameraIsDynamic ? 'dynamic' : 'restart') },
  autoFocus: bool('auto-focus', true, '1.7.0', 'insert'),
  orientation: enumAttr('orientation', ['vertical', 'horizontal'], 'vertical', '1.7.0'),
  beauty: num('beauty', 0, '1.7.0', [0, 9]),
  whiteness: num('whiteness', 0, '1.7.0', [0, 9]),
  aspect: enumAttr('aspect', ['3:4', '9:16'], '9:16', '1.7.0'),
  minBitrate: num('min-bitrate', 200, '1.7.0', [0, 100_000]),
  maxBitrate: num('max-bitrate', 1000, '1.7.0', [0, 100_000]),
  audioQuality: enumAttr('audio-quality', ['high', 'low'], 'high', '1.7.0'),
  waitingImage: str('waiting-image', '', '1.7.0'),
  waitingImageHash: str('waiting-image-hash', '', '1.7.0'),
  zoom: bool('zoom', false, '2.1.0', 'insert'),
  devicePosition: enumAttr('device-position', ['front', 'back'], 'front', '2.3.0', 'insert'),
  backgroundMute: bool('background-mute', false, '1.7.0', 'insert'),
  mirror: bool('mirror', false, '2.7.0'),
  remoteMirror: bool('remote-mirror', false, '2.10.0'),
  localMirror: enumAttr('local-mirror', ['auto', 'enable', 'disable'], 'auto', '2.10.0'),
  audioReverbType: num('audio-reverb-type', 0, '2.10.0', [0, 7]),
  enableMic: bool('enable-mic', true, '2.10.0'),
  enableAgc: bool('enable-agc', false, '2.10.0'),
  enableAns: bool('enable-ans', false, '2.10.0'),
  audioVolumeType: enumAttr('audio-volume-type', ['auto', 'media', 'voicecall'], 'auto', '2.10.0'),
  videoWidth: num('video-width', 360, '2.10.0', [1, 4096]),
  videoHeight: num('video-height', 640, '2.10.0', [1, 4096]),
  beautyStyle: enumAttr('beauty-style', ['smooth', 'nature'], 'smooth', '2.12.0'),
  filter: {
    ...enumAttr(
      'filter',
      ['standard', 'pink', 'nostalgia', 'blues', 'romantic', 'cool', 'fresher', 'solor', 'aestheticism', 'whitening', 'cerisered'],
      'standard',
      '2.12.0',
    ),
    emptyIsDefault: true,
  },
  pictureInPictureMode: list('picture-in-picture-mode', ['push', 'pop'], '2.25.0'),
  // 0–11 without 5 (§1.1: "no 5").
  voiceChangerType: { ...num('voice-changer-type', 0, '2.31.0', [0, 11]), excluded: [5] },
  customEffect: bool('custom-effect', false, '2.29.1', 'insert'),
  skinWhiteness: num('skin-whiteness', 0, '2.29.1', [0, 1]),
  skinSmoothness: num('skin-smoothness', 0, '2.29.1', [0, 1]),
  faceThinness: num('face-thinness', 0, '2.29.1', [0, 1]),
  eyeBigness: num('eye-bigness', 0, '2.29.1', [0, 1]),
  fps: num('fps', 15, '2.31.0', [1, 30]),
  // Not in WeChat's table (§1.1 "Undocumented-by-WeChat"): trtc-wx sets enable-ear-monitor, Tencent's table lists debug.
  // Semantics UNCONFIRMED: ear monitoring plays the mic back to headphones (nothing leaves the phone); debug shows a log overlay.
  enableEarMonitor: bool('enable-ear-monitor', false, '2.10.0'),
  debug: bool('debug', false, '1.7.0'),
} satisfies Record<string, AttrSpec>;

export const PLAYER_ATTRS = {
  src: str('src', '', '1.7.0', 'restart'),
  mode: enumAttr('mode', PLAYER_MODES, 'live', '1.7.0', 'restart'),
  autoplay: bool('autoplay', false, '1.7.0', 'insert'),
  muted: bool('muted', false, '1.7.0'),
  orientation: enumAttr('orientation', ['vertical', 'horizontal'], 'vertical', '1.7.0'),
  objectFit: enumAttr('object-fit', ['contain', 'fillCrop'], 'contain', '1.7.0'),
  backgroundMute: bool('background-mute', false, '1.7.0'),
  minCache: num('min-cache', 1, '1.7.0', [0, 60]),
  maxCache: num('max-cache', 3, '1.7.0', [0, 60]),
  soundMode: enumAttr('sound-mode', ['speaker', 'ear'], 'speaker', '1.9.90'),
  autoPauseIfNavigate: bool('auto-pause-if-navigate', true, '2.5.0'),
  autoPauseIfOpenNative: bool('auto-pause-if-open-native', true, '2.5.0'),
  pictureInPictureMode: list('picture-in-picture-mode', ['push', 'pop'], '2.10.3'),
  pictureInPictureInitPosition: str('picture-in-picture-init-position', '', '3.3.0'),
  enableAutoRotation: bool('enable-auto-rotation', false, '2.11.0'),
  referrerPolicy: enumAttr('referrer-policy', ['origin', 'no-referrer'], 'no-referrer', '2.13.0'),
  enableCasting: bool('enable-casting', false, '2.32.0'),
  // Not in WeChat's table; trtc-wx sets it to receive SEI messages (2012). Semantics UNCONFIRMED.
  enableRecvMessage: bool('enable-recv-message', false, '2.10.0'),
  // Not in WeChat's table either; trtc-wx binds them on every player (§5.3) to subscribe to a member's
  // video or audio or not. Modelled as not receiving it: its bitrate, picture and volume go to 0 (UNCONFIRMED).
  muteAudio: bool('mute-audio', false, '2.10.0'),
  muteVideo: bool('mute-video', false, '2.10.0'),
  // Tencent's table lists debug (a log overlay on the picture); UNCONFIRMED semantics, nothing a test can see but the value.
  debug: bool('debug', false, '1.7.0'),
} satisfies Record<string, AttrSpec>;

export type PusherAttrName = keyof typeof PUSHER_ATTRS;
export type PlayerAttrName = keyof typeof PLAYER_ATTRS;

type ValueOf<S extends AttrSpec> = S['type'] extends 'number'
  ? number
  : S['type'] extends 'boolean'
    ? boolean
    : S['type'] extends 'string-or-array'
      ? string | string[]
      : string;
export type PusherAttrs = { [K in PusherAttrName]: ValueOf<(typeof PUSHER_ATTRS)[K]> };
export type PlayerAttrs = { [K in PlayerAttrName]: ValueOf<(typeof PLAYER_ATTRS)[K]> };

export function defaultsOf<T>(table: Record<string, AttrSpec>): T {
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(table)) out[k] = Array.isArray(s.default) ? [...s.default] : s.default;
  return out as T;
}

export function applyRule(spec: AttrSpec, params: ModelParams): ApplyRule {
  return typeof spec.apply === 'function' ? spec.apply(params) : spec.apply;
}
