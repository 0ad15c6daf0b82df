/** Context methods and the base library that introduced each (reference §1.5, §2.4). */
export const PUSHER_METHODS: Readonly<Record<string, string>> = {
  start: '1.7.0',
  stop: '1.7.0',
  pause: '1.7.0',
  resume: '1.7.0',
  switchCamera: '1.7.0',
  snapshot: '1.9.90',
  toggleTorch: '2.1.0',
  playBGM: '2.4.0',
  stopBGM: '2.4.0',
  pauseBGM: '2.4.0',
  resumeBGM: '2.4.0',
  setBGMVolume: '2.4.0',
  setMICVolume: '2.10.0',
  startPreview: '2.7.0',
  stopPreview: '2.7.0',
  sendMessage: '2.10.0',
  exitPictureInPicture: '2.25.0',
  setZoom: '2.31.0',
  getMaxZoom: '2.31.0',
  applyFilter: '2.14.0',
  clearFilters: '2.14.0',
  applySticker: '2.14.0',
  clearStickers: '2.14.0',
  applyLipStickMakeup: '2.14.0',
  applyEyeShadowMakeup: '2.14.0',
  applyEyeBrowMakeup: '2.14.0',
  applyBlusherStickMakeup: '2.14.0',
  applyFaceContourMakeup: '2.14.0',
  clearMakeups: '2.14.0',
  // Not WeChat's documented surface: trtc-wx calls them (§1.5, "undocumented"); the since is UNCONFIRMED (trtc-wx needs 2.10.0).
  startDumpAudio: '2.10.0',
  stopDumpAudio: '2.10.0',
};

export const PLAYER_METHODS: Readonly<Record<string, string>> = {
  play: '1.7.0',
  stop: '1.7.0',
  mute: '1.7.0',
  pause: '1.9.90',
  resume: '1.9.90',
  requestFullScreen: '1.7.0',
  exitFullScreen: '1.7.0',
  snapshot: '2.7.1',
  // UNCONFIRMED base library (§8.8); 2.10.3 is when picture-in-picture-mode appeared.
  exitPictureInPicture: '2.10.3',
  requestPictureInPicture: '2.15.0',
  requestBackgroundPlayback: '2.14.3',
  exitBackgroundPlayback: '2.14.3',
  // "仅支持在 tap 事件回调内调用" (§2.4): the context refuses them outside a tap.
  startCasting: '2.32.0',
  switchCasting: '2.32.0',
  reconnectCasting: '2.32.0',
  exitCasting: '2.32.0',
};

/** Methods the client runs only inside a tap handler. */
export const TAP_ONLY_METHODS = new Set(['startCasting', 'switchCasting', 'reconnectCasting', 'exitCasting']);

/** Methods that answer with data rather than a bare errMsg. */
export const RESULT_METHODS = new Set(['snapshot', 'setZoom', 'getMaxZoom']);
