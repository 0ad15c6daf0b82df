/**
 * The cloud-live plugin (components.md §6.1) on a page written as its README
 * writes one: plugin:// components over the rig's own pusher/player models,
 * requirePlugin('liveRoomPlugin').instance for the methods.
 */
import { join } from 'node:path';
import { createRig } from '../../harness/rig';
import { LIVE_ROOM_PLAY_PROPS, LIVE_ROOM_PUSH_PROPS } from './live-room-plugin';

const sample = join(__dirname, '../../fixtures/miniprogram');

type Rig = ReturnType<typeof createRig>;
const warningsOf = (rig: Rig): string[] => rig.timeline.entries.filter((e) => e.kind === 'warning').map((e) => (e.detail as { message: string }).message);
const attrsOf = (rig: Rig, source: string): Record<string, unknown> => (rig.model(source) as unknown as { attrs: Record<string, unknown> }).attrs;

describe('liveRoomPlugin', () => {
  it('declares every documented property with its default: push mode "SD", autopush true; play autoplay false, caches 1/3 (§6.1)', () => {
    const defaults = (props: Record<string, { value: unknown }>) => Object.fromEntries(Object.entries(props).map(([k, v]) => [k, v.value]));
    expect(defaults(LIVE_ROOM_PUSH_PROPS)).toEqual({
      liveAppID: 0,
      pushUrl: '',
      version: 1,
      orientation: 'vertical',
      muted: false,
      mode: 'SD',
      waitingImage: '',
      enableCamera: true,
      beauty: 0,
      whiteness: 0,
      backgroundMute: false,
      debug: false,
      autoFocus: true,
      aspect: '9:16',
      minBitrate: 200,
      maxBitrate: 1000,
      zoom: false,
      devicePosition: 'front',
      audioQuality: 'high',
      mirror: false,
      autopush: true,
      sdkAppId: '',
      userID: 'not set',
      userSig: 'not set',
      roomID: 'not set',
      nickName: 'not set',
      avatar: 'not set',
    });
    expect(defaults(LIVE_ROOM_PLAY_PROPS)).toMatchObject({
      liveAppID: 0,
      playUrl: '',
      version: 1,
      mode: 'live',
      orientation: 'vertical',
      objectFit: 'contain',
      minCache: 1,
      maxCache: 3,
      muted: false,
      debug: false,
      soundMode: 'speaker',
      autoplay: false,
      autopause: true,
    });
  });

  it('pushes and plays through the rig models, with WeChat codes on bindPushEvent/bindPlayEvent and bindAttachedEvent, bindNetStatus', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    rig.streams.publish('live/plugin');
    const page = await rig.loadPage('pages/live-room/live-room');
    await rig.advance('5s');
    // The plugin's defaults reached the one model: SD with its own bitrate range, autopush without a start() from the page.
    expect(attrsOf(rig, 'pusher#live-room-push')).toMatchObject({ mode: 'SD', minBitrate: 200, maxBitrate: 1000, enableCamera: true });
    expect(attrsOf(rig, 'player#live-room-play')).toMatchObject({ mode: 'live', minCache: 1, maxCache: 3, autoPauseIfNavigate: true });
    expect(page.data).toMatchObject({ pushStatus: 'pushing', playStatus: 'playing', attached: 2, error: '' });
    expect((page.data.lastPushInfo as { videoHeight: number }).videoHeight).toBe(640);
    expect(rig.timeline).toHaveSequence([
      { source: 'live-room-push#anchor', kind: 'plugin-event', where: (d: { name: string }) => d.name === 'AttachedEvent' },
      'pusher#live-room-push 1001',
      {
        source: 'live-room-push#anchor',
        kind: 'plugin-event',
        where: (d: { name: string; code: number; tag: string }) => d.name === 'PushEvent' && d.tag === 'pushEvent' && d.code === 1002,
      },
      { source: 'live-room-push#anchor', kind: 'plugin-event', where: (d: { name: string }) => d.name === 'NetStatus' },
    ]);
    expect(rig.timeline).toHaveSequence([
      { source: 'live-room-play#viewer', kind: 'plugin-event', where: (d: { name: string; code: number }) => d.name === 'PlayEvent' && d.code === 2004 },
    ]);
  });

  it("calls the methods of requirePlugin('liveRoomPlugin').instance on the page's components", async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    rig.streams.publish('live/plugin');
    const page = await rig.loadPage('pages/live-room/live-room');
    await rig.advance('4s');
    await page.tap('#full');
    await rig.advance(10);
    expect(page.data.full).toBe(true);
    await page.tap('#switch');
    await page.tap('#stop');
    await rig.advance('2s');
    expect((rig.model('pusher#live-room-push') as unknown as { state: { phase: string; camera: string } }).state).toMatchObject({
      phase: 'idle',
      camera: 'back',
    });
    expect(rig.timeline).toHaveSequence(['live-room-play#viewer call', 'pusher#live-room-push call', 'pusher#live-room-push call']);
  });

  it('fails the whitelist check with tag "error", code -1 and the reason, and pushes nothing', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    const page = await rig.loadPage('pages/live-room/live-room', { appid: '0' });
    await rig.advance('3s');
    expect(page.data.error).toBe('-1: liveAppID is required (got 0)');
    expect(rig.timeline.entries.filter((e) => e.source === 'pusher#live-room-push' && e.kind === 'statechange')).toEqual([]);
  });

  it('fails the whitelist check the test refuses, on the play component too', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    rig.liveRoomPlugin.refuse('play domain is not a 小程序直播 domain');
    const page = await rig.loadPage('pages/live-room/live-room');
    await rig.advance('3s');
    expect(page.data.error).toBe('-1: play domain is not a 小程序直播 domain');
    expect(rig.timeline).toHaveSequence([
      {
        source: 'live-room-play#viewer',
        kind: 'plugin-event',
        where: (d: { name: string; tag: string; code: number }) => d.name === 'PlayEvent' && d.tag === 'error' && d.code === -1,
      },
    ]);
    expect(rig.timeline.entries.filter((e) => e.source === 'player#live-room-play' && e.kind === 'statechange')).toEqual([]);
  });

  it('warns about a plugin path the harness does not model, naming the plugin and what is supported', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    await rig.loadPage('pages/odd-plugin/odd-plugin');
    const w = warningsOf(rig);
    const supported =
      'Modelled plugins: liveRoomPlugin (wx95a7d2b78cf30f98: live-room-push, live-room-play, requirePlugin); live-player-plugin (wx2b03c6e691cd7370: components/subscribe/subscribe, requirePlugin).';
    expect(w).toContain(
      `[live-harness] pages/odd-plugin/odd-plugin.json uses "plugin://liveRoomPlugin/live-room-chat": the liveRoomPlugin plugin has no component "live-room-chat" the harness models (it models live-room-push, live-room-play). The tag renders empty and emits nothing. ${supported}`,
    );
    expect(w).toContain(
      `[live-harness] pages/odd-plugin/odd-plugin.json uses "plugin://lotteryPlugin/lottery", but app.json declares no plugin "lotteryPlugin". The WeChat client refuses it; add "plugins": { "lotteryPlugin": { "version": "…", "provider": "<appid>" } } to app.json. ${supported}`,
    );
  });

  it('maps every method of both components to the context of the tag inside, and forwards the BGM events', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    rig.streams.publish('live/plugin');
    rig.network.resource('https://cdn.example.com/bgm.mp3', { ok: true, durationMs: 3000 });
    await rig.loadPage('pages/live-room/live-room');
    await rig.advance('4s');
    const api = rig.requirePlugin('liveRoomPlugin') as { instance: { getLiveRoomInstance(): unknown; getLiveRoomPushInstance(): unknown } };
    const plugin = { push: api.instance.getLiveRoomPushInstance(), play: api.instance.getLiveRoomInstance() } as Record<
      string,
      Record<string, (o?: unknown) => void>
    >;
    const answers: string[] = [];
    const cb = (name: string) => ({ complete: (r: { errMsg: string }) => answers.push(`${name} ${r.errMsg.split(':')[1]}`) });
    plugin.push.playBGM({ url: 'https://cdn.example.com/bgm.mp3', ...cb('playBGM') });
    await rig.advance('1500ms');
    for (const m of ['pauseBGM', 'resumeBGM', 'startPreview', 'toggleTorch']) plugin.push[m](cb(m));
    plugin.push.setBGMVolume({ volume: '0.5', ...cb('setBGMVolume') });
    plugin.push.snapshot(cb('snapshot'));
    await rig.advance('3s');
    plugin.push.stopBGM(cb('stopBGM'));
    plugin.push.stop(cb('stop'));
    plugin.push.stopPreview(cb('stopPreview'));
    plugin.push.start(cb('start'));
    for (const m of ['pause', 'resume', 'mute', 'stop', 'start']) plugin.play[m](cb(m));
    await rig.advance(10);
    expect(answers).toEqual([
      'playBGM ok',
      'pauseBGM ok',
      'resumeBGM ok',
      'startPreview ok',
      // the front camera has no torch
      'toggleTorch fail torch unavailable on the front camera or with the camera off',
      'setBGMVolume ok',
      'snapshot ok',
      'stopBGM ok',
      'stop ok',
      'stopPreview ok',
      'start ok',
      'pause ok',
      'resume ok',
      'mute ok',
      'stop ok',
      'start ok',
    ]);
    const calls = (source: string) =>
      rig.timeline.entries.filter((e) => e.source === source && e.kind === 'call').map((e) => (e.detail as { method: string }).method);
    expect(calls('pusher#live-room-push')).toEqual([
      'start',
      'playBGM',
      'pauseBGM',
      'resumeBGM',
      'startPreview',
      'toggleTorch',
      'setBGMVolume',
      'snapshot',
      'stopBGM',
      'stop',
      'stopPreview',
      'start',
    ]);
    expect(calls('player#live-room-play')).toEqual(['play', 'pause', 'resume', 'mute', 'stop', 'play']);
    const names = rig.timeline.entries
      .filter((e) => e.source === 'live-room-push#anchor' && e.kind === 'plugin-event')
      .map((e) => (e.detail as { name: string }).name);
    expect(names).toEqual(expect.arrayContaining(['BgmStart', 'BgmProgress', 'BgmComplete']));
  });

  it('renders what the page puts in the slot over the picture (cover-view)', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    const page = await rig.loadPage('pages/live-room/live-room');
    expect(page.text('#anchor #overlay')).toBe('LIVE');
  });
});
