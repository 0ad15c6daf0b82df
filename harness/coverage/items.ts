/**
 * Every item of the reference (../shared/spec/components.md), whether the
 * mocks model it, and the test that asserts it. docs/coverage.md is rendered
 * from this list (`npm run docs:coverage`); coverage.test.ts fails when a
 * named test file or title does not exist, or when the doc is stale.
 *
 * An item is one row of a reference table, one documented property, method,
 * event or code, one quirk, or one rule of a bullet list. "Modelled" means
 * the mocks behave as the reference says (for a code WeChat never sends, that
 * the model never sends it and says why). A test counts when it asserts the
 * item itself, not merely runs past it.
 */
import { allCodes, errorCodes } from '../../mocks/codes';

export interface TestRef {
  /** path from the repository root */
  readonly file: string;
  /** the test's title (or a scenario's name) as written in the file */
  readonly title: string;
}

export interface CoverageItem {
  readonly category: string;
  readonly item: string;
  readonly modelled: boolean;
  readonly test?: TestRef;
  readonly note?: string;
}

const t = (file: string, title: string): TestRef => ({ file, title });

// ---------------------------------------------------------------- tests cited more than once

const ATTR_PUSHER = t('mocks/model/attributes.test.ts', 'declares every live-pusher attribute of reference §1.1 with its documented default and base library');
const ATTR_PLAYER = t('mocks/model/attributes.test.ts', 'declares every live-player attribute of reference §2.1 with its documented default and base library');
const ATTR_VALUES = t('mocks/model/attributes.test.ts', 'allows the documented values of the enumerated attributes and ranges of the numbers');
const ATTR_RULES = t('mocks/model/attributes.test.ts', 'reads init-only attributes at insert only, and stages restart attributes (Q5, Q6, §6.1 "init only")');
const CTX_PUSHER = t(
  'mocks/components/context-methods.dom.test.ts',
  'offers every LivePusherContext method of reference §1.5 from its base library, and answers each through complete with a WeChat errMsg',
);
const CTX_PLAYER = t(
  'mocks/components/context-methods.dom.test.ts',
  'offers every LivePlayerContext method of reference §2.4 from its base library, and answers each through complete with a WeChat errMsg',
);
const PUSH_ORDER = t('mocks/model/pusher.test.ts', 'opens the camera, captures, encodes, connects and begins pushing in that order');
const PUSH_NET = t('mocks/model/pusher.test.ts', 'reports netstatus about once a second with the documented fields and a bitrate inside min/max');
const PUSH_RECONNECT = t('mocks/model/pusher.test.ts', 'reconnects three times after losing the network, then gives up with -1307');
const PUSH_SIZE = t(
  'mocks/model/pusher.test.ts',
  'pushes at video-width × video-height in RTC mode, turned by orientation horizontal, at fps, with less audio at audio-quality low',
);
const PUSH_VOLUMES = t(
  'mocks/model/pusher.test.ts',
  'takes setBGMVolume as a string "0"–"1" and setMICVolume as a number 0.0–1.0, and fails anything else (§1.5)',
);
const PUSH_PAUSE = t('mocks/model/pusher.test.ts', 'sends no video while paused and takes it up again on resume');
const PUSH_ZOOM = t('mocks/model/pusher.test.ts', 'answers getMaxZoom with maxZoom, and setZoom with the zoom it applied: in [1, maxZoom], one decimal (§1.5)');
const PUSH_BGM = t('mocks/model/pusher.test.ts', 'plays BGM with start, progress each second and completion');
const PLAY_ORDER = t('mocks/model/player.test.ts', 'connects, begins the stream, gets a key frame, starts the decoder and plays, in that order');
const PLAY_NET = t('mocks/model/events.test.ts', 'reports player netstatus once a second with every field of reference §2.3');
const PLAY_CACHES = t('mocks/model/player.test.ts', 'reports player caches in ms and vDecCacheSize only on Android');
const PLAY_RECONNECT = t('mocks/model/player.test.ts', 'reconnects three times and gives up with -2301 when the network stays down');
const WRAPPER = t('mocks/components/components.dom.test.ts', 'deliver events to a custom component that wraps the player, and fullscreen/PiP events');
const PIP_PUSH = t(
  'harness/rig/surface.dom.test.ts',
  'moves a pushing pusher with picture-in-picture-mode "push" to the small window on navigateTo, and back out with exitPictureInPicture (§1.2)',
);
const PIP_PAGE = t(
  'harness/rig/surface.dom.test.ts',
  'keeps a page popped into picture-in-picture alive in onHide, and unloads it when the window closes (§2 picture-in-picture)',
);
const CASTING = t(
  'harness/rig/surface.dom.test.ts',
  'casts only from a tap, with castinguserselect, castingstatechange and an injected castinginterrupt (§2.2, §2.4)',
);
const INJECT = t(
  'harness/rig/surface.dom.test.ts',
  'injects codes only a device sends: binderror 10005/10012/10014, player 6003 to a PLAYER_WARNING handler (§1.3, §3.2 observed codes)',
);
const SURFACE_ATTRS = t(
  'harness/rig/surface.dom.test.ts',
  'takes enable-ear-monitor and debug on the pusher and debug on the player without a warning (§1.1, §2.1 undocumented attributes)',
);
const ROOM_MEMBER = t(
  'mocks/model/room.test.ts',
  'reports a member who enters with 1031, the member list (1020), then video (1033) and audio (1034) with the payloads of §3.3',
);
const FID = 'mocks/model/fidelity.test.ts';
const RIG_FID = 'harness/rig/fidelity.dom.test.ts';
const LRP = 'mocks/plugins/live-room-plugin.dom.test.ts';
const LPP = 'mocks/plugins/live-player-plugin.dom.test.ts';
const LRP_DEFAULTS = t(LRP, 'declares every documented property with its default: push mode "SD", autopush true; play autoplay false, caches 1/3 (§6.1)');
const LRP_FLOW = t(LRP, 'pushes and plays through the rig models, with WeChat codes on bindPushEvent/bindPlayEvent and bindAttachedEvent, bindNetStatus');
const LRP_METHODS = t(LRP, "calls the methods of requirePlugin('liveRoomPlugin').instance on the page's components");
const LRP_WHITELIST = t(LRP, 'fails the whitelist check with tag "error", code -1 and the reason, and pushes nothing');
const LRP_ALL_METHODS = t(LRP, 'maps every method of both components to the context of the tag inside, and forwards the BGM events');
const LPP_STATUS = t(LPP, 'answers getLiveStatus with the room status the test sets, 101–107');
const LPP_SHARE = t(LPP, 'answers getShareParams, getOpenid and the legacy getLiveParams for an app opened from a share card');
const LPP_SUB = t(LPP, 'subscribes through the subscribe component, and getSubscribeStatus says so');
const CODE_WALK_PRODUCES = t('mocks/model/code-walk.test.ts', 'produces ${entry.code} ${entry.name}');
const CODE_WALK_EXCUSED = t('mocks/model/code-walk.test.ts', 'lists ${entry.code} ${entry.name} as not produced, with a reason');
const CODE_WALK_ERRORS = t('mocks/model/code-walk.test.ts', 'produces binderror ${entry.code} ${entry.name}');
const TRTCWX = 'harness/rig/trtc-wx.dom.test.ts';
const PUSH_ROOM = 'mocks/model/pusher-room.test.ts';
const TRTC_1V1 = t('scenarios/trtc-wx-1v1-call.scenario.ts', 'trtc-wx 1v1: join a room, see the other member, and see them leave');
const TRTC_CAMERA = t(
  'scenarios/trtc-wx-remote-camera.scenario.ts',
  'trtc-wx 1v1: the other member turns the camera off and on, the microphone off, and shares the screen',
);
const TRTC_KICKED = t('scenarios/trtc-wx-kicked-out.scenario.ts', 'trtc-wx: kicked out of the room');
const TRTC_DERIVED = t(TRTCWX, 'emits the EVENTs trtc-wx derives from the tags: net state, volume, player state and warning, fullscreen, BGM (§5.2)');
const ROOM_PARAMS = t(TRTCWX, "takes enterRoom's parameters into the room:// URL, and they take effect: audio-only push, audio-only receive");
const URL_ONLY = 'carried in the room:// URL trtc-wx builds and accepted, but the mocks give it no behaviour';

/**
 * Declared with their defaults and values (attributes.test.ts), but what the
 * reference says they do has no code behind it.
 */
const UNMODELLED: Record<string, string> = {
  'referrer-policy': 'declared; no request carries a Referer (neither link sends one)',
};

const items: CoverageItem[] = [];
const add = (category: string, list: ReadonlyArray<readonly [item: string, modelled: boolean, test?: TestRef, note?: string]>): void => {
  for (const [item, modelled, test, note] of list) items.push({ category, item, modelled, ...(test ? { test } : {}), ...(note ? { note } : {}) });
};

// ---------------------------------------------------------------- §1 live-pusher

add('§1 live-pusher: general', [
  [
    'base library 1.7.0; plugins from 2.3.0: features gated by the client profile',
    true,
    t('mocks/components/components.dom.test.ts', 'leave out methods newer than the client base library'),
  ],
  [
    'scope.camera and scope.record authorization',
    true,
    t('harness/rig/permissions.dom.test.ts', 'fail wx.authorize({ scope: "scope.camera" }) in page code after rig.device.deny("camera")'),
  ],
  ['default size: width 100%, no default height', false, undefined, 'layout is not modelled: miniprogram-simulate has no native rendering'],
  [
    'not supported in DevTools',
    true,
    t(
      'harness/automator-sim/live-tags.dom.test.ts',
      "in live: 'inert' the live tags emit nothing, and Element.triggerEvent on one runs the page's bind handler",
    ),
    "automator-sim's `live: 'inert'` stands in for DevTools: the tags render and keep their attributes, emit nothing, and their contexts do nothing",
  ],
  [
    'waiting-image from a network path, temp file or package path',
    true,
    t('mocks/model/pusher.test.ts', 'keeps the stream alive in the background on a waiting image at %s'),
  ],
  [
    'LivePusherContext binds to the only pusher; createLivePusherContext() takes no id',
    true,
    t('mocks/components/components.dom.test.ts', "bind the documented no-argument createLivePusherContext() to the page's only pusher"),
  ],
]);

const pusherAttrSpecific: Record<string, TestRef> = {
  url: t(FID, 'starts pushing and playing when the url/src arrives after insertion with autopush/autoplay (components.md §1.1 autopush, §2.1 autoplay)'),
  mode: t('mocks/model/pusher.test.ts', 'warns about an unknown mode, naming the allowed values and the nearest one'),
  autopush: t(FID, 'starts pushing and playing when the url/src arrives after insertion with autopush/autoplay (components.md §1.1 autopush, §2.1 autoplay)'),
  muted: t(FID, 'reports an audio bitrate of 0 while muted (components.md §1.1 muted, "可用 enable-mic 替代")'),
  'enable-camera': t('mocks/model/pusher.test.ts', 'stages an enable-camera change until stop()+start()'),
  'auto-focus': ATTR_RULES,
  aspect: t(FID, 'applies aspect 3:4 in RTC mode only (components.md §1.1 aspect: "3:4 only takes effect in 多人连麦 scenarios")'),
  'min-bitrate': t('mocks/model/pusher.test.ts', 'adapts the bitrate down to min-bitrate on a thin uplink and warns that the network is busy'),
  'max-bitrate': t(FID, 'applies min/max-bitrate in RTC mode only; FHD keeps its own 600–1800 (components.md Q14, §6.1 "仅在 mode 为 RTC 时生效")'),
  'waiting-image': t('scenarios/push-background.scenario.ts', 'push hangs up to the background and comes back'),
  zoom: ATTR_RULES,
  'device-position': t('mocks/model/pusher.test.ts', 'ignores device-position after insert and says so'),
  'background-mute': ATTR_RULES,
  'enable-mic': t('mocks/model/pusher.test.ts', 'emits 4998/4999 on iOS when enable-mic or muted toggle, and not on Android'),
  'picture-in-picture-mode': PIP_PUSH,
  'voice-changer-type': t(FID, 'refuses voice-changer-type 5, which the table leaves out (components.md §1.1 voice-changer-type: "(no 5)")'),
  'custom-effect': ATTR_RULES,
  'enable-ear-monitor': SURFACE_ATTRS,
  debug: SURFACE_ATTRS,
  enableVideoCustomRender: t(
    'mocks/model/pusher.test.ts',
    'sends no frames to a custom renderer without enableVideoCustomRender, none while paused, and the size to update once',
  ),
  orientation: PUSH_SIZE,
  'audio-quality': PUSH_SIZE,
  'video-width': PUSH_SIZE,
  'video-height': PUSH_SIZE,
  fps: PUSH_SIZE,
};
add(
  '§1.1 live-pusher attributes',
  [
    'url',
    'mode',
    'autopush',
    'enableVideoCustomRender',
    'muted',
    'enable-camera',
    'auto-focus',
    'orientation',
    'beauty',
    'whiteness',
    'aspect',
    'min-bitrate',
    'max-bitrate',
    'audio-quality',
    'waiting-image',
    'waiting-image-hash',
    'zoom',
    'device-position',
    'background-mute',
    'mirror',
    'remote-mirror',
    'local-mirror',
    'audio-reverb-type',
    'enable-mic',
    'enable-agc',
    'enable-ans',
    'audio-volume-type',
    'video-width',
    'video-height',
    'beauty-style',
    'filter',
    'picture-in-picture-mode',
    'voice-changer-type',
    'custom-effect',
    'skin-whiteness',
    'skin-smoothness',
    'face-thinness',
    'eye-bigness',
    'fps',
    'enable-ear-monitor',
    'debug',
  ].map((a) => (UNMODELLED[a] ? ([a, false, undefined, UNMODELLED[a]] as const) : ([a, true, pusherAttrSpecific[a] ?? ATTR_PUSHER] as const))),
);
add('§1.1 live-pusher attributes', [
  ['allowed values and ranges of the enumerated and numeric attributes', true, ATTR_VALUES],
  [
    'a bad number (max-bitrate="abc") is reported as not a number',
    true,
    t(RIG_FID, 'reports max-bitrate="abc" in WXML as not a number, with no min/max conflict (components.md §1.1 max-bitrate: number)'),
  ],
  ['min-bitrate above max-bitrate', true, t('mocks/model/pusher.test.ts', 'holds min-bitrate above max-bitrate at max and warns')],
]);

add('§1.2 live-pusher events', [
  ['bindstatechange {code, message}', true, PUSH_ORDER],
  ['bindnetstatus {info}', true, PUSH_NET],
  ['binderror {errMsg, errCode}', true, t('mocks/model/pusher.test.ts', 'denied camera gives binderror 10001 with the documented errMsg and never connects')],
  ['bindbgmstart', true, PUSH_BGM],
  ['bindbgmprogress {progress, duration}', true, PUSH_BGM],
  ['bindbgmcomplete', true, PUSH_BGM],
  [
    'bindaudiovolumenotify {volume}',
    true,
    t('mocks/model/events.test.ts', 'notifies the microphone volume while pushing, 0 while muted (§1.2 bindaudiovolumenotify: detail.volume)'),
  ],
  ['bindenterpictureinpicture', true, PIP_PUSH],
  ['bindleavepictureinpicture', true, PIP_PUSH],
]);

add('§1.4 live-pusher netstatus info', [
  ...[
    'videoBitrate',
    'audioBitrate',
    'videoFPS',
    'videoGOP',
    'netSpeed',
    'netJitter',
    'netQualityLevel',
    'videoWidth',
    'videoHeight',
    'videoCache',
    'audioCache',
  ].map((k) => [k, true, PUSH_NET] as const),
  [
    'cpu fields (UNCONFIRMED): off by default, params.netstatusIncludesCpu',
    true,
    t('mocks/model/events.test.ts', 'adds appCpu/systemCpu to netstatus only when params.netstatusIncludesCpu says the client does (§1.4, UNCONFIRMED)'),
  ],
]);

const ctxSpecific: Record<string, TestRef> = {
  start: PUSH_ORDER,
  snapshot: t('mocks/components/components.dom.test.ts', "bind the documented no-argument createLivePusherContext() to the page's only pusher"),
  playBGM: t('mocks/model/pusher.test.ts', 'plays BGM from startTimeMs to endTimeMs, and to the end when endTimeMs is 0 (§1.5 playBGM)'),
  setBGMVolume: PUSH_VOLUMES,
  setMICVolume: PUSH_VOLUMES,
  pause: PUSH_PAUSE,
  resume: PUSH_PAUSE,
  setZoom: PUSH_ZOOM,
  getMaxZoom: PUSH_ZOOM,
  exitPictureInPicture: PIP_PUSH,
  onCustomRendererEvent: t(
    'harness/rig/surface.dom.test.ts',
    'sends each captured frame to onCustomRendererEvent with the push size when enableVideoCustomRender is set; a later listener replaces the earlier (§1.5)',
  ),
  createOffscreenCanvas: t(
    'harness/rig/surface.dom.test.ts',
    'gives createOffscreenCanvas the push size, and says getContext() has no GPU here (§1.5 createOffscreenCanvas)',
  ),
};
add(
  '§1.5 LivePusherContext methods',
  [
    'start',
    'stop',
    'pause',
    'resume',
    'switchCamera',
    'snapshot',
    'toggleTorch',
    'playBGM',
    'stopBGM',
    'pauseBGM',
    'resumeBGM',
    'setBGMVolume',
    'setMICVolume',
    'startPreview',
    'stopPreview',
    'sendMessage',
    'exitPictureInPicture',
    'setZoom',
    'getMaxZoom',
    'onCustomRendererEvent',
    'createOffscreenCanvas',
    'applyFilter',
    'clearFilters',
    'applySticker',
    'clearStickers',
    'applyLipStickMakeup',
    'applyEyeShadowMakeup',
    'applyEyeBrowMakeup',
    'applyBlusherStickMakeup',
    'applyFaceContourMakeup',
    'clearMakeups',
  ].map((m) => (UNMODELLED[m] ? ([m, false, undefined, UNMODELLED[m]] as const) : ([m, true, ctxSpecific[m] ?? CTX_PUSHER] as const))),
);
add('§1.5 LivePusherContext methods', [
  [
    'methods newer than the base library are absent',
    true,
    t('mocks/components/context-methods.dom.test.ts', 'leaves out each pusher method below its base library'),
  ],
  [
    'startDumpAudio / stopDumpAudio (trtc-wx, undocumented)',
    true,
    t(TRTCWX, 'passes startDumpAudio/stopDumpAudio to the context, with trtc-wx 1.1.15 calling startDumpAudio for both'),
  ],
]);

// ---------------------------------------------------------------- §2 live-player

add('§2 live-player: general', [
  ['base library 1.7.0; plugins from 2.3.0', true, t('mocks/components/components.dom.test.ts', 'ignore attributes newer than the base library and say so')],
  ['default size 300px × 225px', false, undefined, 'layout is not modelled'],
  ['LivePlayerContext binds by id (createLivePlayerContext(id, this))', true, WRAPPER],
  ['entering picture-in-picture puts the page in onHide, not destroyed', true, PIP_PAGE],
  ['closing picture-in-picture unloads the page', true, PIP_PAGE],
]);

const playerAttrSpecific: Record<string, TestRef> = {
  src: t('mocks/model/player.test.ts', 'rejects a src that is neither rtmp:// nor http(s)://….flv'),
  mode: t('scenarios/play-mode-change.scenario.ts', 'a live-player mode change needs stop() and play()'),
  autoplay: t(FID, 'starts pushing and playing when the url/src arrives after insertion with autopush/autoplay (components.md §1.1 autopush, §2.1 autoplay)'),
  muted: t('mocks/model/events.test.ts', 'notifies the volume of what a player plays, and nothing while muted (§2.2 bindaudiovolumenotify)'),
  'min-cache': t('mocks/model/player.test.ts', 'keeps live-mode latency between min-cache and max-cache (plus the network)'),
  'max-cache': t('mocks/model/player.test.ts', 'warns about inverted caches and plays at min-cache'),
  'auto-pause-if-navigate': t(
    RIG_FID,
    'keeps RTC pull playing while another page covers it; live mode pauses (components.md Q10, §2.1 auto-pause-if-navigate)',
  ),
  'picture-in-picture-mode': PIP_PAGE,
  'picture-in-picture-init-position': t('mocks/components/components.dom.test.ts', 'ignore attributes newer than the base library and say so'),
  'enable-casting': CASTING,
  'auto-pause-if-open-native': t(
    'harness/rig/surface.dom.test.ts',
    'pauses the player while rig.device.openNativePage() has a native page over the app, and plays on after closeNativePage()',
  ),
  'enable-auto-rotation': t(
    'mocks/model/player.test.ts',
    'goes full screen when the phone turns to landscape with enable-auto-rotation, and back when it turns upright; not without it',
  ),
  debug: SURFACE_ATTRS,
};
add(
  '§2.1 live-player attributes',
  [
    'src',
    'mode',
    'autoplay',
    'muted',
    'orientation',
    'object-fit',
    'background-mute',
    'min-cache',
    'max-cache',
    'sound-mode',
    'auto-pause-if-navigate',
    'auto-pause-if-open-native',
    'picture-in-picture-mode',
    'picture-in-picture-init-position',
    'enable-auto-rotation',
    'referrer-policy',
    'enable-casting',
    'enable-recv-message',
    'debug',
  ].map((a) => (UNMODELLED[a] ? ([a, false, undefined, UNMODELLED[a]] as const) : ([a, true, playerAttrSpecific[a] ?? ATTR_PLAYER] as const))),
);
add('§2.1 live-player attributes', [
  [
    'mute-audio (undocumented, trtc-wx)',
    true,
    t(PUSH_ROOM, 'receives no video with mute-video and no audio with mute-audio, and takes either back while playing'),
  ],
  [
    'mute-video (undocumented, trtc-wx)',
    true,
    t(PUSH_ROOM, 'receives no video with mute-video and no audio with mute-audio, and takes either back while playing'),
  ],
]);

add('§2.2 live-player events', [
  ['bindstatechange {code, message}', true, PLAY_ORDER],
  ['bindfullscreenchange {direction, fullScreen}', true, WRAPPER],
  ['bindnetstatus {info}', true, PLAY_NET],
  [
    'bindaudiovolumenotify',
    true,
    t('mocks/model/events.test.ts', 'notifies the volume of what a player plays, and nothing while muted (§2.2 bindaudiovolumenotify)'),
  ],
  ['bindenterpictureinpicture', true, WRAPPER],
  ['bindleavepictureinpicture', true, PIP_PAGE],
  ['bindcastinguserselect {state}', true, CASTING],
  ['bindcastingstatechange {type, state}', true, CASTING, '`type` values are UNCONFIRMED; ours name the call'],
  ['bindcastinginterrupt', true, CASTING],
  ['binderror on the player (demo only)', false, undefined, 'the player sends no binderror: the reference lists none'],
]);

add(
  '§2.3 live-player netstatus info',
  [
    'videoBitrate',
    'audioBitrate',
    'videoFPS',
    'videoGOP',
    'netSpeed',
    'netJitter',
    'netQualityLevel',
    'videoWidth',
    'videoHeight',
    'videoCache',
    'audioCache',
    'vDecCacheSize',
    'vSumCacheSize',
    'avPlayInterval',
    'avRecvInterval',
    'audioCacheThreshold',
  ].map((k) => [k, true, k === 'vDecCacheSize' || k === 'videoCache' ? PLAY_CACHES : PLAY_NET] as const),
);

const PLAYER_PAUSE = t('mocks/model/player.test.ts', 'receives nothing while paused and plays again on resume; mute toggles muted');
const PLAYER_FS = t('mocks/model/player.test.ts', 'goes full screen in the direction asked (0, 90, -90 only) and back with exitFullScreen');
const PLAYER_BG = t(
  'mocks/model/player.test.ts',
  'keeps playing in the background after requestBackgroundPlayback, and pauses there again after exitBackgroundPlayback',
);
const PLAYER_CAST = t(
  'mocks/model/player.test.ts',
  'switches, reconnects and exits a casting with castingstatechange, and refuses reconnect or exit when not casting',
);
const playerCtxSpecific: Record<string, TestRef> = {
  play: PLAY_ORDER,
  stop: t('mocks/model/player.test.ts', 'does not switch to a new src with autoplay until stop()+play() (Q3)'),
  mute: PLAYER_PAUSE,
  pause: PLAYER_PAUSE,
  resume: PLAYER_PAUSE,
  requestFullScreen: PLAYER_FS,
  exitFullScreen: PLAYER_FS,
  snapshot: t('mocks/model/player.test.ts', 'answers snapshot with the picture size as strings and a temp file path'),
  requestPictureInPicture: WRAPPER,
  exitPictureInPicture: PIP_PAGE,
  requestBackgroundPlayback: PLAYER_BG,
  exitBackgroundPlayback: PLAYER_BG,
  startCasting: CASTING,
  switchCasting: PLAYER_CAST,
  reconnectCasting: PLAYER_CAST,
  exitCasting: PLAYER_CAST,
};
add(
  '§2.4 LivePlayerContext methods',
  [
    'play',
    'stop',
    'mute',
    'pause',
    'resume',
    'requestFullScreen',
    'exitFullScreen',
    'snapshot',
    'exitPictureInPicture',
    'requestPictureInPicture',
    'requestBackgroundPlayback',
    'exitBackgroundPlayback',
    'startCasting',
    'switchCasting',
    'reconnectCasting',
    'exitCasting',
  ].map((m) => [m, true, playerCtxSpecific[m] ?? CTX_PLAYER] as const),
);

// ---------------------------------------------------------------- §3 codes

for (const e of errorCodes()) items.push({ category: '§1.3 / §3.1 binderror errCodes', item: `${e.code} ${e.name}`, modelled: true, test: CODE_WALK_ERRORS });
const INJECTABLE = new Set([0, 2007, 2027, 2029, -1306, 6000, 6002, 6003, 6004, 6005]);
// Codes the model does not send by itself (code-walk.test.ts lists each with its reason); the rest it produces.
const NOT_PRODUCED: Record<'pusher' | 'player', ReadonlySet<number>> = {
  pusher: new Set([0, 1004, 1009, 1010, 1011, 1012, 1027, 1028, 1029, 1030, 2007, 2027, 2029, -1306, -1308, -1309, -1310, -1312, -1313, -1324, -1325, -1326]),
  player: new Set([2005, 2010, 2011, 2013, 2014, 2015, 2026, 2027, 2028, 2031, 6000, 6002, 6003, 6004, 6005, -2303, -2304, -2305, -2306, -2307, -2308]),
};
for (const component of ['pusher', 'player'] as const) {
  for (const e of allCodes(component)) {
    const excused = NOT_PRODUCED[component].has(e.code);
    items.push({
      category: component === 'pusher' ? '§3.1 live-pusher status codes' : '§3.2 live-player status codes',
      item: `${e.code} ${e.name}`,
      modelled: true,
      test: excused ? CODE_WALK_EXCUSED : CODE_WALK_PRODUCES,
      ...(excused
        ? { note: INJECTABLE.has(e.code) ? 'never sent by the model alone; rig.inject sends it' : 'WeChat does not send it; the walk says why' }
        : {}),
    });
  }
}
add('§3.2 live-player status codes', [
  [
    '3001/3002 only for rtmp:// URLs',
    true,
    t(FID, 'sends player 3001/3002 for rtmp:// only; HTTP-FLV just retries (components.md §3.2 3001: "only for rtmp:// URLs (LiteAV)")'),
  ],
  ['observed 6002–6005 reach a PLAYER_WARNING handler', true, INJECT],
]);

add('§3.3 TRTC room:// protocol', [
  ['room:// push URL accepted by the pusher', true, t('mocks/model/room.test.ts', 'enters with 1018, and announces a re-entry after a loss with 1021 first')],
  [
    'roomid 1–4294967295 / strroomid; userid required',
    true,
    t('mocks/link/virtual/room-server.test.ts', 'rejects a room id out of range or a missing user id'),
  ],
  [
    'sdkappid / usersig / privatemapkey checks',
    true,
    t('mocks/link/virtual/room-server.test.ts', 'names the credential at fault, SDKAppID first, then UserSig, then the private map key'),
  ],
  ['the URL trtc-wx enterRoom builds, with its parameters', true, ROOM_PARAMS],
  ['appscene', false, undefined, `${URL_ONLY} (videocall and live behave alike)`],
  ['recvmode 1–4', true, t(PUSH_ROOM, 'lets a player receive of a member what recvmode=%s allows')],
  ['encsmall', true, t(PUSH_ROOM, "plays a member's small stream when it encodes one (encsmall=1): a smaller picture at a lower bitrate")],
  ['enableBlackStream', false, undefined, `${URL_ONLY} (no SEI in an audio-only push)`],
  ['pureaudiomode', true, t(PUSH_ROOM, 'pushes audio only with pureaudiomode=1, and the room hears of audio alone')],
  ['enableinfiniteanchor', false, undefined, URL_ONLY],
  ['component / TUIScene', false, undefined, `${URL_ONLY} (reporting only; trtc-wx computes it from the storage the rig answers)`],
  ['player src from 1033/1034 playurl', true, TRTC_1V1],
  [
    'player src trtc-wx synthesises for an infinite anchor (room://cloud.tencent.com/rtc?userid=…)',
    true,
    t(PUSH_ROOM, 'plays a member from room://cloud.tencent.com/rtc?userid=…&streamtype=main as from the 1033 playurl'),
  ],
  ['1018 message', true, t('mocks/model/room.test.ts', 'enters with 1018, and announces a re-entry after a loss with 1021 first')],
  [
    '1019 message with "reason[0]" for a normal exit',
    true,
    t('mocks/model/room.test.ts', 'tells a normal exit from a kick the way trtc-wx does: by "reason[0]" in the 1019 message'),
  ],
  ['1020 member list', true, ROOM_MEMBER],
  ['1031 userlist payload', true, ROOM_MEMBER],
  ['1032 userlist payload', true, t('mocks/model/room.test.ts', 'reports a member who leaves with 1032 and the list of those who stay')],
  ['1033 userlist with playurl, streamtype, hasvideo', true, ROOM_MEMBER],
  ['1034 userlist with hasaudio', true, ROOM_MEMBER],
]);

// ---------------------------------------------------------------- §4 quirks

add('§4 quirks', [
  ['Q1 three reconnects, then -1307 (pusher)', true, PUSH_RECONNECT],
  ['Q1 three reconnects (2103), then -2301 (player)', true, PLAY_RECONNECT],
  [
    'Q2 2006 or -2301 as the end of a live; no 2006 over HTTP-FLV',
    true,
    t('mocks/model/player.test.ts', 'sees 2006 when an RTMP stream ends, and only the disconnect (no 2006) over HTTP-FLV'),
  ],
  [
    'Q3 with autoplay a new src needs stop()+play()',
    true,
    t('mocks/model/player.test.ts', 'does not switch to a new src with autoplay until stop()+play() (Q3)'),
  ],
  [
    'Q4 in onLoad the tags do not exist yet: a call then fails; the context binds at first use',
    true,
    t('mocks/components/contexts.dom.test.ts', 'keep a context made in onLoad working once the element exists: it binds at first use (Q4)'),
  ],
  ['Q5 enable-camera needs stop()+start()', true, t('scenarios/push-enable-camera.scenario.ts', 'enable-camera needs stop and start')],
  ['Q6 device-position, auto-focus, custom-effect init only', true, t('scenarios/push-device-position.scenario.ts', 'device-position after insert is ignored')],
  ['Q7 mode change needs stop/play (UNCONFIRMED)', true, t('scenarios/play-mode-change.scenario.ts', 'a live-player mode change needs stop() and play()')],
  ['Q8 one live-pusher per page: a second one warns', true, t(RIG_FID, 'warns about a second pusher on one page (components.md Q8: one live-pusher per page)')],
  [
    'Q9 background: 5000, waiting image ~3 min, muted; onHide/onShow',
    true,
    t(RIG_FID, 'fires onHide when the app goes to the background and onShow when it returns (components.md Q9)'),
  ],
  [
    'Q9 in a room: background leaves the room (1019), foreground re-enters (1018)',
    true,
    t(PUSH_ROOM, 'leaves the room when the app is suspended (5000, then 1019) and re-enters by itself on foreground (1018)'),
  ],
  [
    'Q9 5001 (Android): the SDK leaves the room; the app must re-enter',
    true,
    t(PUSH_ROOM, 'leaves the room on an interruption (5001, then 1019) and stays out until the page starts again'),
  ],
  [
    'Q10 RTC push and pull carry on while the page is covered',
    true,
    t(RIG_FID, 'keeps RTC pull playing while another page covers it; live mode pauses (components.md Q10, §2.1 auto-pause-if-navigate)'),
  ],
  ['Q11 RTC ignores the caches and keeps latency low', true, t('mocks/model/player.test.ts', 'ignores the caches in RTC mode and stays under 500 ms')],
  [
    'Q11 a steady long delay plays steadily at a higher latency',
    true,
    t(FID, 'plays an RTC stream steadily over a steady link whose one-way delay exceeds the target (components.md Q11: latency auto-kept)'),
  ],
  [
    'Q12 FLV 2–3 s in live mode',
    true,
    t(FID, 'plays RTMP-pushed HTTP-FLV 2–3 s behind in live mode with the default caches (components.md Q12: "RTMP push + FLV play normally 2–3 s")'),
  ],
  [
    'Q12 RTC <500 ms with a signed acc URL; -2302 without',
    true,
    t('mocks/model/player.test.ts', 'falls back with -2302 when an RTC URL lacks txSecret/txTime, and then has CDN latency'),
  ],
  ['Q13 live cache guidance', true, t('mocks/model/player.test.ts', 'keeps live-mode latency between min-cache and max-cache (plus the network)')],
  [
    'Q14 min/max-bitrate in RTC only; FHD 600–1800',
    true,
    t(FID, 'applies min/max-bitrate in RTC mode only; FHD keeps its own 600–1800 (components.md Q14, §6.1 "仅在 mode 为 RTC 时生效")'),
  ],
  [
    'Q15 RTC first-frame codes (UNCONFIRMED): params.rtcEmitsFirstFrameCodes',
    true,
    t('mocks/model/events.test.ts', 'sends no 2003/2004 in RTC mode when params.rtcEmitsFirstFrameCodes is false (Q15, UNCONFIRMED)'),
  ],
  ['Q16 permission failures as binderror "Not allowed to use camera."', true, t('scenarios/push-camera-denied.scenario.ts', 'push with the camera denied')],
]);

// ---------------------------------------------------------------- §5 trtc-wx (the real trtc-wx-sdk on the fixture pages)

add('§5 trtc-wx-sdk', [
  ['new TRTC(page) and createPusher in onLoad', true, TRTC_1V1],
  ['enterRoom and the room:// URL it builds', true, ROOM_PARAMS],
  ['exitRoom', true, TRTC_KICKED],
  ['setPusherAttributes', true, t(TRTCWX, "turns the microphone off through setPusherAttributes: the tag's enable-mic goes false and no audio is pushed")],
  ['setPlayerAttributes', true, t(TRTCWX, "mutes a member's video through setPlayerAttributes while the member still sends it")],
  ['LOCAL_JOIN', true, TRTC_1V1],
  ['LOCAL_LEAVE', true, TRTC_KICKED],
  ['KICKED_OUT', true, TRTC_KICKED],
  ['REMOTE_USER_JOIN', true, TRTC_1V1],
  ['REMOTE_USER_LEAVE', true, TRTC_1V1],
  ['REMOTE_VIDEO_ADD / REMOTE_VIDEO_REMOVE', true, TRTC_CAMERA],
  ['REMOTE_AUDIO_ADD / REMOTE_AUDIO_REMOVE', true, TRTC_CAMERA],
  ['REMOTE_STATE_UPDATE', true, TRTC_DERIVED],
  ['PLAYER_WARNING', true, TRTC_DERIVED],
  ['LOCAL_NET_STATE_UPDATE', true, TRTC_DERIVED],
  ['REMOTE_NET_STATE_UPDATE', true, TRTC_DERIVED],
  ['LOCAL_AUDIO_VOLUME_UPDATE', true, TRTC_DERIVED],
  ['REMOTE_AUDIO_VOLUME_UPDATE', true, TRTC_DERIVED],
  ['VIDEO_FULLSCREEN_UPDATE', true, TRTC_DERIVED],
  ['BGM_PLAY_START / PROGRESS / COMPLETE', true, TRTC_DERIVED],
  ['ERROR', true, t('scenarios/trtc-wx-bad-usersig.scenario.ts', 'trtc-wx: a bad UserSig fails the room entry')],
  ['DEFAULT_PUSHER_CONFIG draws no false warnings (filter "")', true, t(PUSH_ROOM, 'takes filter="" (trtc-wx\\\'s default) as unset, without a warning')],
  ['DEFAULT_PLAYER_CONFIG', true, TRTC_1V1],
  [
    'wx.request / storage / system info calls answered',
    true,
    t(TRTCWX, "records trtc-wx's system info, storage and report calls, answered as a phone without its log server would answer"),
  ],
]);

// ---------------------------------------------------------------- §6 plugins

add('§6.1 liveRoomPlugin: setup', [
  ['app.json "plugins" entry and plugin:// usingComponents', true, LRP_FLOW],
  [
    'an unknown plugin path warns, naming the plugin and what is supported',
    true,
    t(LRP, 'warns about a plugin path the harness does not model, naming the plugin and what is supported'),
  ],
  ["requirePlugin('liveRoomPlugin').instance.getLiveRoomInstance()", true, LRP_METHODS],
  ["requirePlugin('liveRoomPlugin').instance.getLiveRoomPushInstance()", true, LRP_METHODS],
  ['built on the rig pusher/player models', true, LRP_FLOW],
  ['slot overlays (cover-view, cover-image, canvas)', true, t(LRP, 'renders what the page puts in the slot over the picture (cover-view)')],
  ['pure-audio background playback via getBackgroundAudioManager (hls)', false, undefined, 'the background audio manager is not modelled'],
]);
const IM = ['sdkAppId', 'userID', 'userSig', 'roomID', 'nickName', 'avatar'];
add('§6.1 live-room-play properties', [
  ...[
    'liveAppID',
    'playUrl',
    'version',
    'mode',
    'orientation',
    'objectFit',
    'minCache',
    'maxCache',
    'muted',
    'debug',
    'soundMode',
    'autoplay',
    'autopause',
  ].map((p) => [p, true, p === 'liveAppID' ? LRP_WHITELIST : LRP_DEFAULTS] as const),
  ...IM.map((p) => [p, false, LRP_DEFAULTS, 'declared with its default; the built-in IM is not modelled'] as const),
]);
add('§6.1 live-room-push properties', [
  ...[
    'liveAppID',
    'pushUrl',
    'version',
    'orientation',
    'muted',
    'mode',
    'waitingImage',
    'enableCamera',
    'beauty',
    'whiteness',
    'backgroundMute',
    'debug',
    'autoFocus',
    'aspect',
    'minBitrate',
    'maxBitrate',
    'zoom',
    'devicePosition',
    'audioQuality',
    'mirror',
    'autopush',
  ].map((p) => [p, true, p === 'mode' || p === 'autopush' || p === 'pushUrl' ? LRP_FLOW : p === 'liveAppID' ? LRP_WHITELIST : LRP_DEFAULTS] as const),
  ...IM.map((p) => [p, false, LRP_DEFAULTS, 'declared with its default; the built-in IM is not modelled'] as const),
]);
add('§6.1 liveRoomPlugin events', [
  ['live-room-play bindPlayEvent (tag playEvent, WeChat codes)', true, LRP_FLOW],
  ['live-room-play bindfullscreenChangeEvent', true, LRP_METHODS],
  ['live-room-play bindNetStatus', true, LRP_FLOW],
  ['live-room-play bindAttachedEvent', true, LRP_FLOW],
  ['live-room-play bindIMEvent', false, undefined, 'IM not modelled'],
  ['live-room-push bindPushEvent (tag pushEvent, WeChat codes)', true, LRP_FLOW],
  ['live-room-push bindNetStatus', true, LRP_FLOW],
  ['live-room-push bindError (code -1: whitelist check)', true, LRP_WHITELIST],
  ['live-room-push bindBgmStart', true, LRP_ALL_METHODS],
  ['live-room-push bindBgmProgress', true, LRP_ALL_METHODS],
  ['live-room-push bindBgmComplete', true, LRP_ALL_METHODS],
  ['live-room-push bindAttachedEvent', true, LRP_FLOW],
  ['live-room-push bindIMEvent', false, undefined, 'IM not modelled'],
  ['play error tag, code -1 (whitelist)', true, t(LRP, 'fails the whitelist check the test refuses, on the play component too')],
]);
add('§6.1 liveRoomPlugin methods', [
  ...['start', 'stop', 'requestFullScreen', 'pause', 'resume', 'mute'].map(
    (m) => [`live-room-play ${m}`, true, m === 'requestFullScreen' ? LRP_METHODS : LRP_ALL_METHODS] as const,
  ),
  ...[
    'start',
    'stop',
    'snapshot',
    'switchCamera',
    'toggleTorch',
    'playBGM',
    'stopBGM',
    'pauseBGM',
    'resumeBGM',
    'setBGMVolume',
    'startPreview',
    'stopPreview',
  ].map((m) => [`live-room-push ${m}`, true, m === 'switchCamera' ? LRP_METHODS : LRP_ALL_METHODS] as const),
]);

add('§6.2 live-player-plugin', [
  [
    'app.json plugins entry; requirePlugin refused when undeclared',
    true,
    t(LPP, 'refuses requirePlugin of a plugin app.json does not declare, as the client does'),
  ],
  ['getLiveStatus {room_id} → {liveStatus}', true, LPP_STATUS],
  ...Object.entries({ 101: 'live', 102: 'not started', 103: 'ended', 104: 'banned', 105: 'paused', 106: 'abnormal', 107: 'expired' }).map(
    ([code, name]) => [`liveStatus ${code} ${name}`, true, LPP_STATUS] as const,
  ),
  [
    '106 becomes 103 after 15 minutes unless it recovers',
    true,
    t(LPP, 'ends an abnormal room (106) after 15 minutes, and lets one that recovers go live again'),
  ],
  [
    'polling: first call at once, then ≥ 1 min',
    true,
    t(LPP, 'enforces the polling rule: the first call answers at once, a call within a minute gets the previous answer and a warning'),
  ],
  [
    'liveStatus 0 for an unknown room_id',
    true,
    t('scenarios/plugin-live-list.scenario.ts', 'live-player-plugin: the list page asks a room status, subscribes and enters the room page'),
  ],
  ['getSubscribeStatus {room_id} → {room_id, openid, is_subscribe}', true, LPP_SUB],
  ['getOpenid {room_id} → {openid}', true, LPP_SHARE],
  ['getShareParams → {room_id, openid, share_openid, custom_params}', true, LPP_SHARE],
  ['getLiveParams (legacy) → {share_openid, openid, room_id, customParams}', true, LPP_SHARE],
  [
    'plugin-private room page navigation recorded with room_id',
    true,
    t(LPP, 'records entering the room page with room_id and custom_params, cut at 600 characters'),
  ],
  ['custom_params cut at 600 characters', true, t(LPP, 'records entering the room page with room_id and custom_params, cut at 600 characters')],
  ['close_picture_in_picture_mode=1', true, t(LPP, 'records close_picture_in_picture_mode=1 with the room page navigation, and answers navigateTo')],
  ['subscribe component (plugin-private path)', true, LPP_SUB],
  ['bindsubscribe detail with room_id', true, LPP_SUB],
  ...['room-id', 'width', 'height', 'font-size', 'color', 'background-color', 'custom-params', 'stop-propagation'].map((p) =>
    p === 'stop-propagation'
      ? ([`subscribe ${p}`, true, t(LPP, 'lets a tap on the subscribe button bubble to the page unless stop-propagation is set')] as const)
      : ([
          `subscribe ${p}`,
          true,
          p === 'room-id' ? LPP_SUB : t(LPP, 'draws the subscribe button with its documented defaults: 120×41, font 17, white on #6467F0'),
        ] as const),
  ),
]);

/** Every item, in the reference's order of sections. */
export const COVERAGE_ITEMS: readonly CoverageItem[] = Object.freeze(items);
