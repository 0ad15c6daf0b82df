import { PushCode, PusherErrCode } from '../codes';
import { ModelKit } from '../testing';

const URL = 'rtmp://1234.livepush.myqcloud.com/live/demo?txSecret=s&txTime=FFFFFFFF';

function pushing(kit: ModelKit, attrs: Record<string, unknown> = {}) {
  const p = kit.pusher('p');
  p.insert({ url: URL, mode: 'SD', minBitrate: 300, maxBitrate: 800, ...attrs });
  expect(p.call('start')).toEqual({ ok: true });
  return p;
}

describe('PusherModel', () => {
  it('opens the camera, captures, encodes, connects and begins pushing in that order', () => {
    const kit = new ModelKit();
    pushing(kit);
    kit.advance(3000);
    expect(kit.codes()).toEqual([
      PushCode.OPEN_CAMERA_SUCC,
      PushCode.FIRST_FRAME_AVAILABLE,
      PushCode.START_VIDEO_ENCODER,
      PushCode.CONNECT_SUCC,
      PushCode.PUSH_BEGIN,
    ]);
    const begin = kit.events.find((e) => e.code === PushCode.PUSH_BEGIN);
    expect(begin?.detail.message).toBe('已经与服务器握手完毕，开始推流');
  });

  it('reports netstatus about once a second with the documented fields and a bitrate inside min/max', () => {
    const kit = new ModelKit();
    pushing(kit);
    kit.advance(10_000);
    const reports = kit.of('netstatus');
    expect(reports.length).toBeGreaterThanOrEqual(9);
    expect(reports.length).toBeLessThanOrEqual(11);
    const live = reports.slice(2).map((r) => (r.detail as { info: Record<string, number> }).info);
    for (const info of live) {
      expect(Object.keys(info).sort()).toEqual(
        [
          'audioBitrate',
          'audioCache',
          'netJitter',
          'netQualityLevel',
          'netSpeed',
          'videoBitrate',
          'videoCache',
          'videoFPS',
          'videoGOP',
          'videoHeight',
          'videoWidth',
        ].sort(),
      );
      // ±3 % jitter of the reported figure around a target clamped to [300, 800]
      expect(info.videoBitrate).toBeGreaterThanOrEqual(300 * 0.97);
      expect(info.videoBitrate).toBeLessThanOrEqual(800 * 1.03);
      expect(info.videoWidth).toBe(360);
      expect(info.videoHeight).toBe(640);
    }
  });

  it('in live mode keeps its rate on a thin uplink: the send queue grows and it warns 1101, without adapting', () => {
    const kit = new ModelKit({ network: { name: 'thin', rttMs: 80, jitterMs: 10, upKbps: 260, downKbps: 5000, lossPct: 0 } });
    const p = pushing(kit);
    kit.advance(15_000);
    const codes = kit.codes();
    expect(codes).toContain(PushCode.WARNING_NET_BUSY);
    expect(codes).not.toContain(PushCode.CHANGE_BITRATE);
    expect(codes).not.toContain(PushCode.CHANGE_RESOLUTION);
    expect(p.state.targetKbps).toBe(800);
    // At most one 1101 per 5 s: a warning, not a storm.
    expect(codes.filter((c) => c === PushCode.WARNING_NET_BUSY).length).toBeLessThanOrEqual(3);
  });

  it('in RTC mode adapts the bitrate down to min-bitrate on a thin uplink and warns that the network is busy', () => {
    const kit = new ModelKit({ network: { name: 'thin', rttMs: 80, jitterMs: 10, upKbps: 260, downKbps: 5000, lossPct: 0 } });
    const p = pushing(kit, { mode: 'RTC' });
    kit.advance(15_000);
    const codes = kit.codes();
    expect(codes).toContain(PushCode.CHANGE_BITRATE);
    expect(codes).toContain(PushCode.WARNING_NET_BUSY);
    expect(p.state.targetKbps).toBe(300);
    const last = (kit.of('netstatus').at(-1)?.detail as { info: Record<string, number> }).info;
    // What leaves the phone cannot exceed the uplink, whatever the encoder aims at.
    expect(last.videoBitrate + last.audioBitrate).toBeLessThanOrEqual(260 * 1.06);
    expect(last.videoCache).toBeGreaterThan(0);
  });

  it('reconnects three times after losing the network, then gives up with -1307', () => {
    const kit = new ModelKit();
    pushing(kit);
    kit.advance(5000);
    kit.link.cut();
    kit.advance(30_000);
    const after = kit.codes().slice(5);
    expect(after).toEqual([
      PushCode.WARNING_READ_WRITE_FAIL,
      PushCode.WARNING_RECONNECT,
      PushCode.WARNING_DNS_FAIL,
      PushCode.WARNING_RECONNECT,
      PushCode.WARNING_DNS_FAIL,
      PushCode.WARNING_RECONNECT,
      PushCode.WARNING_DNS_FAIL,
      PushCode.ERR_NET_DISCONNECT,
    ]);
    // Nothing after giving up: the page must restart the push itself.
    const n = kit.events.length;
    kit.advance(20_000);
    expect(kit.events.slice(n).filter((e) => e.type === 'statechange')).toEqual([]);
  });

  it('recovers when the network returns before the third attempt', () => {
    const kit = new ModelKit();
    pushing(kit);
    kit.advance(5000);
    kit.link.cut();
    kit.advance(4000);
    kit.link.restore();
    kit.advance(10_000);
    const after = kit.codes().slice(5);
    expect(after).toEqual([
      PushCode.WARNING_READ_WRITE_FAIL,
      PushCode.WARNING_RECONNECT,
      PushCode.WARNING_DNS_FAIL,
      PushCode.WARNING_RECONNECT,
      PushCode.CONNECT_SUCC,
      PushCode.PUSH_BEGIN,
    ]);
  });

  it('denied camera gives binderror 10001 with the documented errMsg and never connects', () => {
    const kit = new ModelKit();
    kit.device.setPermission('camera', false);
    pushing(kit);
    kit.advance(5000);
    const err = kit.of('error')[0];
    expect(err.detail).toEqual({ errCode: PusherErrCode.CAMERA_DENIED, errMsg: 'Not allowed to use camera.' });
    expect(kit.codes()).toEqual([PusherErrCode.CAMERA_DENIED, PushCode.ERR_OPEN_CAMERA_FAIL]);
  });

  it('audio-only push (enable-camera false) with a denied camera still pushes', () => {
    const kit = new ModelKit();
    kit.device.setPermission('camera', false);
    pushing(kit, { enableCamera: false });
    kit.advance(3000);
    expect(kit.codes()).toEqual([PushCode.START_VIDEO_ENCODER, PushCode.CONNECT_SUCC, PushCode.PUSH_BEGIN]);
    const info = (kit.of('netstatus').at(-1)?.detail as { info: Record<string, number> }).info;
    expect(info.videoBitrate).toBe(0);
    expect(info.audioBitrate).toBeGreaterThan(0);
  });

  it('ignores device-position after insert and says so', () => {
    const kit = new ModelKit();
    const p = pushing(kit);
    p.update({ devicePosition: 'back' });
    expect(p.state.camera).toBe('front');
    expect(kit.warnings.join('\n')).toContain('device-position changed to "back" after insert; the real component ignores it. Call switchCamera()');
    p.call('switchCamera');
    expect(p.state.camera).toBe('back');
  });

  it('stages an enable-camera change until stop()+start()', () => {
    const kit = new ModelKit();
    const p = pushing(kit);
    kit.advance(3000);
    p.update({ enableCamera: false });
    expect(p.attrs.enableCamera).toBe(true);
    p.call('stop');
    p.call('start');
    expect(p.attrs.enableCamera).toBe(false);
  });

  it('emits 4998/4999 on iOS when enable-mic or muted toggle, and not on Android', () => {
    for (const platform of ['ios', 'android'] as const) {
      const kit = new ModelKit({ client: { platform } });
      const p = pushing(kit);
      kit.advance(2000);
      p.update({ enableMic: false });
      p.update({ muted: true });
      const toggles = kit.events.filter((e) => e.code === PushCode.MIC_TOGGLED_IOS || e.code === PushCode.MUTE_TOGGLED_IOS);
      if (platform === 'ios') {
        expect(toggles.map((e) => e.code)).toEqual([PushCode.MIC_TOGGLED_IOS, PushCode.MUTE_TOGGLED_IOS]);
        expect(toggles.every((e) => e.detail.message === '')).toBe(true);
      } else expect(toggles).toEqual([]);
    }
  });

  it('warns about an unknown mode, naming the allowed values and the nearest one', () => {
    const kit = new ModelKit();
    const p = kit.pusher('p');
    p.insert({ url: URL, mode: 'HDD' as never });
    expect(p.attrs.mode).toBe('RTC');
    expect(kit.warnings).toEqual([
      '[live-harness] <live-pusher id="p"> mode="HDD" is not an allowed value (did you mean "HD"?). Allowed: QVGA, HVGA, SD, HD, FHD, RTC. The component falls back to "RTC".',
    ]);
  });

  it('holds min-bitrate above max-bitrate at max and warns', () => {
    const kit = new ModelKit();
    const p = kit.pusher('p');
    p.insert({ url: URL, minBitrate: 900, maxBitrate: 500 });
    expect(p.attrs.minBitrate).toBe(500);
    expect(kit.warnings[0]).toBe(
      '[live-harness] <live-pusher id="p"> min-bitrate=900 is above max-bitrate=500. The encoder holds 500 kbps; set min-bitrate ≤ max-bitrate.',
    );
  });

  it('refuses to start with a URL that is not rtmp:// and warns', () => {
    const kit = new ModelKit();
    const p = kit.pusher('p');
    p.insert({ url: 'http://example.com/live.flv' });
    expect(p.call('start')).toEqual({ ok: false, errMsg: 'operateLivePusher:fail invalid url "http://example.com/live.flv"' });
    expect(kit.warnings[0]).toContain('url="http://example.com/live.flv" is not a push URL the component accepts. Use rtmp://host/app/stream');
  });

  it('plays BGM with start, progress each second and completion', () => {
    const kit = new ModelKit();
    kit.link.defineResource('https://cdn.example.com/song.mp3', { ok: true, durationMs: 3000 });
    const p = pushing(kit);
    kit.advance(2000);
    p.call('playBGM', { url: 'https://cdn.example.com/song.mp3' });
    kit.advance(5000);
    const types = kit.events.filter((e) => e.type.startsWith('bgm')).map((e) => e.type);
    expect(types).toEqual(['bgmstart', 'bgmprogress', 'bgmprogress', 'bgmprogress', 'bgmcomplete']);
    expect(kit.of('bgmprogress').at(-1)?.detail).toEqual({ progress: 3000, duration: 3000 });
  });

  it('reports a BGM that cannot load as binderror 10003', () => {
    const kit = new ModelKit();
    kit.link.defineResource('https://cdn.example.com/missing.mp3', { ok: false });
    const p = pushing(kit);
    p.call('playBGM', { url: 'https://cdn.example.com/missing.mp3' });
    kit.advance(2000);
    expect(kit.codes()).toContain(PusherErrCode.BGM_LOAD_FAIL);
  });
});
