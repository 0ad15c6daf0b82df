import { PlayCode } from '../codes';
import { ModelKit } from '../testing';

const FLV = 'http://1234.liveplay.myqcloud.com/live/demo.flv';
const RTMP = 'rtmp://1234.liveplay.myqcloud.com/live/demo';

function watching(kit: ModelKit, attrs: Record<string, unknown> = {}, remote = true) {
  if (remote)
    kit.link.publishRemote('live/demo', { hasVideo: true, hasAudio: true, videoKbps: 900, audioKbps: 64, fps: 15, gopSeconds: 2, width: 540, height: 960 });
  const v = kit.player('v');
  v.insert({ src: FLV, autoplay: true, ...attrs });
  return v;
}

const latencies = (kit: ModelKit): number[] => kit.events.filter((e) => e.type === 'metric' && e.detail.name === 'latency').map((e) => e.detail.ms as number);

describe('PlayerModel', () => {
  it('connects, begins the stream, gets a key frame, starts the decoder and plays, in that order', () => {
    const kit = new ModelKit();
    watching(kit);
    kit.advance(5000);
    expect(kit.codes()).toEqual([
      PlayCode.CONNECT_SUCC,
      PlayCode.RTMP_STREAM_BEGIN,
      PlayCode.RCV_FIRST_I_FRAME,
      PlayCode.START_VIDEO_DECODER,
      PlayCode.PLAY_BEGIN,
      PlayCode.RENDER_FIRST_FRAME,
    ]);
  });

  it('keeps live-mode latency between min-cache and max-cache (plus the network)', () => {
    for (const [min, max] of [
      [1, 3],
      [2, 4],
    ]) {
      const kit = new ModelKit({ seed: min });
      watching(kit, { minCache: min, maxCache: max });
      kit.advance(30_000);
      const l = latencies(kit);
      expect(l.length).toBeGreaterThan(20);
      for (const ms of l) {
        expect(ms).toBeGreaterThanOrEqual(min * 1000);
        expect(ms).toBeLessThanOrEqual(max * 1000 + 200);
      }
    }
  });

  it('ignores the caches in RTC mode and stays under 500 ms', () => {
    const kit = new ModelKit();
    watching(kit, { mode: 'RTC', src: 'rtmp://1234.liveplay.myqcloud.com/live/demo?txSecret=s&txTime=FFFFFFFF', minCache: 3, maxCache: 5 });
    kit.advance(30_000);
    const l = latencies(kit);
    expect(l.length).toBeGreaterThan(20);
    for (const ms of l.slice(3)) expect(ms).toBeLessThan(500);
  });

  it('falls back with -2302 when an RTC URL lacks txSecret/txTime, and then has CDN latency', () => {
    const kit = new ModelKit();
    watching(kit, { mode: 'RTC', src: RTMP });
    kit.advance(20_000);
    expect(kit.codes()[0]).toBe(PlayCode.ERR_GET_RTMP_ACC_URL_FAIL);
    expect(Math.min(...latencies(kit))).toBeGreaterThanOrEqual(1000);
  });

  it('goes loading (2007) in a stall and back to 2004 when data flows again', () => {
    const kit = new ModelKit();
    watching(kit);
    kit.advance(10_000);
    kit.link.stall(4000);
    kit.advance(15_000);
    const after = kit.codes().slice(6);
    expect(after).toEqual([PlayCode.PLAY_LOADING, PlayCode.WARNING_VIDEO_PLAY_LAG, PlayCode.PLAY_BEGIN]);
  });

  it('reconnects three times and gives up with -2301 when the network stays down', () => {
    const kit = new ModelKit();
    watching(kit);
    kit.advance(5000);
    kit.link.cut();
    kit.advance(30_000);
    const after = kit.codes().slice(6);
    expect(after.filter((c) => c === PlayCode.WARNING_RECONNECT)).toHaveLength(3);
    expect(after.at(-1)).toBe(PlayCode.ERR_NET_DISCONNECT);
  });

  it('sees 2006 when an RTMP stream ends, and only the disconnect (no 2006) over HTTP-FLV', () => {
    const rtmp = new ModelKit();
    watching(rtmp, { src: RTMP });
    rtmp.advance(5000);
    rtmp.link.unpublishRemote('live/demo');
    rtmp.advance(30_000);
    expect(rtmp.codes().slice(6)).toEqual([PlayCode.PLAY_END]);

    const flv = new ModelKit();
    watching(flv);
    flv.advance(5000);
    flv.link.unpublishRemote('live/demo');
    flv.advance(30_000);
    const after = flv.codes().slice(6);
    expect(after).not.toContain(PlayCode.PLAY_END);
    expect(after.filter((c) => c === PlayCode.WARNING_RECONNECT)).toHaveLength(3);
    expect(after.at(-1)).toBe(PlayCode.ERR_NET_DISCONNECT);
  });

  it('does not switch to a new src with autoplay until stop()+play() (Q3)', () => {
    const kit = new ModelKit();
    kit.link.publishRemote('live/other', { hasVideo: true, hasAudio: true, videoKbps: 500, audioKbps: 64, fps: 15, gopSeconds: 2, width: 360, height: 640 });
    const v = watching(kit);
    kit.advance(5000);
    v.update({ src: 'http://1234.liveplay.myqcloud.com/live/other.flv' });
    kit.advance(3000);
    expect(v.attrs.src).toBe(FLV);
    v.call('stop');
    v.call('play');
    expect(v.attrs.src).toBe('http://1234.liveplay.myqcloud.com/live/other.flv');
  });

  it('reports player caches in ms and vDecCacheSize only on Android', () => {
    for (const platform of ['ios', 'android'] as const) {
      const kit = new ModelKit({ client: { platform } });
      watching(kit);
      kit.advance(8000);
      const info = (kit.of('netstatus').at(-1)?.detail as { info: Record<string, number> }).info;
      expect(info.videoCache).toBeGreaterThanOrEqual(1000);
      expect('vDecCacheSize' in info).toBe(platform === 'android');
    }
  });

  it('warns about inverted caches and plays at min-cache', () => {
    const kit = new ModelKit();
    const v = watching(kit, { minCache: 3, maxCache: 1 });
    expect(v.attrs.maxCache).toBe(3);
    expect(kit.warnings[0]).toBe(
      '[live-harness] <live-player id="v"> max-cache=1 is below min-cache=3. The player buffers exactly 3 s; set min-cache ≤ max-cache.',
    );
  });

  it('warns about a negative cache and clamps it to 0', () => {
    const kit = new ModelKit();
    const v = watching(kit, { minCache: -1 });
    expect(v.attrs.minCache).toBe(0);
    expect(kit.warnings[0]).toBe('[live-harness] <live-player id="v"> min-cache=-1 is outside 0–60. The component clamps it to 0.');
  });

  it('rejects a src that is neither rtmp:// nor http(s)://….flv', () => {
    const kit = new ModelKit();
    const v = kit.player('v');
    v.insert({ src: 'https://example.com/video.mp4' });
    expect(v.call('play')).toEqual({ ok: false, errMsg: 'operateLivePlayer:fail invalid src "https://example.com/video.mp4"' });
    expect(kit.warnings[0]).toContain('src="https://example.com/video.mp4" is not a live URL the component plays');
  });
});

describe('LivePlayerContext methods on the model (§2.4)', () => {
  const lastInfo = (kit: ModelKit): Record<string, number> => (kit.of('netstatus').at(-1)?.detail as { info: Record<string, number> }).info;

  it('receives nothing while paused and plays again on resume; mute toggles muted', () => {
    const kit = new ModelKit();
    const v = watching(kit);
    kit.advance(4000);
    expect(lastInfo(kit).videoBitrate).toBeGreaterThan(0);
    expect(v.call('pause')).toEqual({ ok: true });
    kit.advance(3000);
    expect([lastInfo(kit).videoBitrate, lastInfo(kit).audioBitrate]).toEqual([0, 0]);
    expect(v.call('resume')).toEqual({ ok: true });
    kit.advance(3000);
    expect(lastInfo(kit).videoBitrate).toBeGreaterThan(0);
    v.call('mute');
    expect(v.attrs.muted).toBe(true);
    v.call('mute');
    expect(v.attrs.muted).toBe(false);
  });

  // requestFullScreen: "direction?: 0 | 90 | -90".
  it('goes full screen in the direction asked (0, 90, -90 only) and back with exitFullScreen', () => {
    const kit = new ModelKit();
    const v = watching(kit);
    kit.advance(3000);
    expect(v.call('requestFullScreen', { direction: 45 }).ok).toBe(false);
    expect(v.call('requestFullScreen', { direction: 90 })).toEqual({ ok: true });
    kit.advance(100);
    expect(v.call('exitFullScreen')).toEqual({ ok: true });
    kit.advance(100);
    expect(kit.of('fullscreenchange').map((e) => e.detail)).toEqual([
      { fullScreen: true, direction: 'horizontal' },
      { fullScreen: false, direction: 'vertical' },
    ]);
  });

  // snapshot: "{width: string, height: string, tempImagePath, errMsg}".
  it('answers snapshot with the picture size as strings and a temp file path', () => {
    const kit = new ModelKit();
    const v = watching(kit);
    kit.advance(4000);
    const r = v.call('snapshot') as { ok: boolean; result: Record<string, unknown> };
    expect(r.ok).toBe(true);
    expect(r.result).toMatchObject({ width: '540', height: '960' });
    expect(String(r.result.tempImagePath)).toMatch(/^wxfile:\/\//);
  });

  // requestBackgroundPlayback: "进入后台音频播放模式".
  it('keeps playing in the background after requestBackgroundPlayback, and pauses there again after exitBackgroundPlayback', () => {
    const kit = new ModelKit();
    const v = watching(kit);
    kit.advance(3000);
    v.call('requestBackgroundPlayback');
    kit.device.background();
    kit.advance(3000);
    expect(lastInfo(kit).audioBitrate).toBeGreaterThan(0);
    kit.device.foreground();
    v.call('exitBackgroundPlayback');
    kit.device.background();
    kit.advance(3000);
    expect(lastInfo(kit).audioBitrate).toBe(0);
  });

  // startCasting / switchCasting / reconnectCasting / exitCasting (2.32.0); castingstatechange `type` values are UNCONFIRMED.
  it('switches, reconnects and exits a casting with castingstatechange, and refuses reconnect or exit when not casting', () => {
    const kit = new ModelKit();
    const v = watching(kit, { enableCasting: true });
    kit.advance(3000);
    expect(v.call('reconnectCasting').ok).toBe(false);
    expect(v.call('exitCasting').ok).toBe(false);
    for (const m of ['startCasting', 'switchCasting', 'reconnectCasting', 'exitCasting']) expect([m, v.call(m).ok]).toEqual([m, true]);
    kit.advance(100);
    expect(kit.of('castingstatechange').map((e) => e.detail)).toEqual([
      { type: 'start', state: 'success' },
      { type: 'switch', state: 'success' },
      { type: 'reconnect', state: 'success' },
      { type: 'exit', state: 'success' },
    ]);
    expect(v.call('exitCasting').ok).toBe(false);
  });
});

describe('the device around a player (§2.1)', () => {
  const lastInfo = (kit: ModelKit): Record<string, number> => (kit.of('netstatus').at(-1)?.detail as { info: Record<string, number> }).info;

  // auto-pause-if-open-native: "pause when opening a native WeChat page" (default true).
  it('pauses while a native WeChat page is open and plays on when it closes, unless auto-pause-if-open-native is false', () => {
    const kit = new ModelKit();
    watching(kit);
    kit.advance(3000);
    kit.device.nativePage(true);
    kit.advance(3000);
    expect(lastInfo(kit).videoBitrate).toBe(0);
    kit.device.nativePage(false);
    kit.advance(3000);
    expect(lastInfo(kit).videoBitrate).toBeGreaterThan(0);

    const kept = new ModelKit();
    watching(kept, { autoPauseIfOpenNative: false });
    kept.advance(3000);
    kept.device.nativePage(true);
    kept.advance(3000);
    expect(lastInfo(kept).videoBitrate).toBeGreaterThan(0);
  });

  // enable-auto-rotation: "auto fullscreen on landscape when system auto-rotate is on" (default false).
  it('goes full screen when the phone turns to landscape with enable-auto-rotation, and back when it turns upright; not without it', () => {
    const kit = new ModelKit();
    watching(kit, { enableAutoRotation: true });
    kit.advance(3000);
    kit.device.rotate('landscape');
    kit.advance(100);
    kit.device.rotate('portrait');
    kit.advance(100);
    expect(kit.of('fullscreenchange').map((e) => e.detail)).toEqual([
      { fullScreen: true, direction: 'horizontal' },
      { fullScreen: false, direction: 'vertical' },
    ]);

    const plain = new ModelKit();
    watching(plain);
    plain.advance(3000);
    plain.device.rotate('landscape');
    plain.advance(100);
    expect(plain.of('fullscreenchange')).toEqual([]);
  });
});
