/**
 * Every LivePusherContext / LivePlayerContext method of the reference (§1.5,
 * §2.4) exists from its base library on, and answers with a WeChat errMsg
 * through success/fail/complete.
 */
import { join } from 'node:path';
import { createRig } from '../../harness/rig';

const sample = join(__dirname, '../../fixtures/miniprogram');

// §1.5: method → base library
const PUSHER_REFERENCE: Record<string, string> = {
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
  onCustomRendererEvent: '2.29.0',
  createOffscreenCanvas: '2.29.0',
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
};

// §2.4
const PLAYER_REFERENCE: Record<string, string> = {
  play: '1.7.0',
  stop: '1.7.0',
  mute: '1.7.0',
  pause: '1.9.90',
  resume: '1.9.90',
  requestFullScreen: '1.7.0',
  exitFullScreen: '1.7.0',
  snapshot: '2.7.1',
  exitPictureInPicture: '2.10.3',
  requestPictureInPicture: '2.15.0',
  requestBackgroundPlayback: '2.14.3',
  exitBackgroundPlayback: '2.14.3',
  startCasting: '2.32.0',
  switchCasting: '2.32.0',
  reconnectCasting: '2.32.0',
  exitCasting: '2.32.0',
};

const NOT_CALLBACK = new Set(['onCustomRendererEvent', 'createOffscreenCanvas']);

describe('context methods', () => {
  it('offers every LivePusherContext method of reference §1.5 from its base library, and answers each through complete with a WeChat errMsg', async () => {
    await using rig = createRig({ miniprogramRoot: sample, client: { baseLibrary: '3.3.0' } });
    await rig.loadPage('pages/push/push');
    await rig.advance('2s');
    const ctx = rig.wx.createLivePusherContext() as Record<string, (o?: object) => unknown>;
    expect(Object.keys(PUSHER_REFERENCE).filter((m) => typeof ctx[m] !== 'function')).toEqual([]);
    const answers: Record<string, string> = {};
    for (const m of Object.keys(PUSHER_REFERENCE)) {
      if (NOT_CALLBACK.has(m) || m === 'stop') continue;
      ctx[m]({ complete: (r: { errMsg: string }) => (answers[m] = r.errMsg) });
    }
    await rig.advance(10);
    for (const [m, errMsg] of Object.entries(answers)) expect(`${m} ${errMsg}`).toMatch(new RegExp(`^${m} (operateLivePusher|snapshot):(ok|fail)`));
    expect(Object.keys(answers)).toHaveLength(Object.keys(PUSHER_REFERENCE).length - NOT_CALLBACK.size - 1);
  });

  it('leaves out each pusher method below its base library', async () => {
    for (const [method, since] of Object.entries(PUSHER_REFERENCE)) {
      if (since === '1.7.0') continue;
      const [a, b, c] = since.split('.').map(Number);
      const below = c > 0 ? `${a}.${b}.${c - 1}` : b > 0 ? `${a}.${b - 1}.99` : `${a - 1}.99.99`;
      await using rig = createRig({ miniprogramRoot: sample, client: { baseLibrary: below } });
      await rig.loadPage('pages/push/push');
      const ctx = rig.wx.createLivePusherContext() as Record<string, unknown>;
      expect({ method, below, present: typeof ctx[method] }).toEqual({ method, below, present: 'undefined' });
    }
  });

  it('offers every LivePlayerContext method of reference §2.4 from its base library, and answers each through complete with a WeChat errMsg', async () => {
    await using rig = createRig({ miniprogramRoot: sample, client: { baseLibrary: '3.3.0' } });
    rig.streams.publish('live/demo');
    const page = await rig.loadPage('pages/play/play');
    await rig.advance('3s');
    const ctx = rig.wx.createLivePlayerContext('player', page.instance as never) as Record<string, (o?: object) => unknown>;
    expect(Object.keys(PLAYER_REFERENCE).filter((m) => typeof ctx[m] !== 'function')).toEqual([]);
    const answers: Record<string, string> = {};
    for (const m of Object.keys(PLAYER_REFERENCE)) ctx[m]({ complete: (r: { errMsg: string }) => (answers[m] = r.errMsg) });
    await rig.advance(10);
    expect(Object.keys(answers).sort()).toEqual(Object.keys(PLAYER_REFERENCE).sort());
    for (const [m, errMsg] of Object.entries(answers)) expect(`${m} ${errMsg}`).toMatch(new RegExp(`^${m} (operateLivePlayer|snapshot):(ok|fail)`));
    // "仅支持在 tap 事件回调内调用"
    expect(answers.startCasting).toBe('operateLivePlayer:fail startCasting can only be invoked by user TAP gesture.');
  });
});
