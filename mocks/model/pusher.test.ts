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

  // §1 general: "waiting-image fully supports network path / temp file / package path since 2.3.0".
  it.each([['https://cdn.example.com/wait.png'], ['wxfile://tmp_wait.png'], ['/images/wait.png']])(
    'keeps the stream alive in the background on a waiting image at %s',
    (waitingImage) => {
      const kit = new ModelKit();
      pushing(kit, { waitingImage });
      kit.advance(3000);
      kit.device.background();
      kit.advance(4000);
      const info = (kit.of('netstatus').at(-1)?.detail as { info: Record<string, number> }).info;
      expect(info.videoBitrate).toBeGreaterThan(0);
      expect(info.videoBitrate).toBeLessThanOrEqual(45);
      expect(info.audioBitrate).toBe(0);
      expect(kit.of('error')).toEqual([]);
    },
  );

  // §1.5 setZoom: "zoom: number in [1, maxZoom], one decimal → {zoom} (actually applied value)"; getMaxZoom → {maxZoom}.
  it('answers getMaxZoom with maxZoom, and setZoom with the zoom it applied: in [1, maxZoom], one decimal (§1.5)', () => {
    const kit = new ModelKit();
    const p = pushing(kit);
    const max = p.call('getMaxZoom') as { ok: boolean; result: { maxZoom: number } };
    expect(max.ok).toBe(true);
    expect(max.result.maxZoom).toBeGreaterThanOrEqual(1);
    expect(p.call('setZoom', { zoom: 2.345 })).toEqual({ ok: true, result: { zoom: 2.3 } });
    expect(p.call('setZoom', { zoom: 0.2 })).toEqual({ ok: true, result: { zoom: 1 } });
    expect(p.call('setZoom', { zoom: 99 })).toEqual({ ok: true, result: { zoom: max.result.maxZoom } });
    expect(p.call('setZoom', { zoom: 'x' }).ok).toBe(false);
  });

  // §1.5 playBGM: "startTimeMs?, endTimeMs? (ms, 2.31.0; 0/invalid → to end)".
  it('plays BGM from startTimeMs to endTimeMs, and to the end when endTimeMs is 0 (§1.5 playBGM)', () => {
    const kit = new ModelKit();
    kit.link.defineResource('https://cdn.example.com/song.mp3', { ok: true, durationMs: 10_000 });
    const p = pushing(kit);
    kit.advance(2000);
    p.call('playBGM', { url: 'https://cdn.example.com/song.mp3', startTimeMs: 4000, endTimeMs: 6000 });
    kit.advance(5000);
    const cut = kit.events.filter((e) => e.type.startsWith('bgm')).map((e) => e.type);
    expect(cut).toEqual(['bgmstart', 'bgmprogress', 'bgmprogress', 'bgmcomplete']);
    kit.events.length = 0;
    p.call('playBGM', { url: 'https://cdn.example.com/song.mp3', startTimeMs: 7000, endTimeMs: 0 });
    kit.advance(5000);
    expect(kit.events.filter((e) => e.type.startsWith('bgm')).map((e) => e.type)).toEqual([
      'bgmstart',
      'bgmprogress',
      'bgmprogress',
      'bgmprogress',
      'bgmcomplete',
    ]);
  });

  // §1.5: setBGMVolume takes `volume: string` "0-1"; setMICVolume `volume: number` 0.0–1.0.
  it('takes setBGMVolume as a string "0"–"1" and setMICVolume as a number 0.0–1.0, and fails anything else (§1.5)', () => {
    const kit = new ModelKit();
    const p = pushing(kit);
    expect(p.call('setBGMVolume', { volume: '0.5' }).ok).toBe(true);
    expect(p.call('setBGMVolume', { volume: '2' }).ok).toBe(false);
    expect(p.call('setMICVolume', { volume: 0.5 }).ok).toBe(true);
    expect(p.call('setMICVolume', { volume: '0.5' }).ok).toBe(false);
    expect(p.call('setMICVolume', { volume: 1.5 }).ok).toBe(false);
  });

  // §1.5 pause/resume.
  it('sends no video while paused and takes it up again on resume', () => {
    const kit = new ModelKit();
    const p = pushing(kit);
    kit.advance(3000);
    expect(p.call('pause')).toEqual({ ok: true });
    kit.advance(3000);
    expect((kit.of('netstatus').at(-1)?.detail as { info: Record<string, number> }).info.videoBitrate).toBe(0);
    expect(p.call('resume')).toEqual({ ok: true });
    kit.advance(3000);
    expect((kit.of('netstatus').at(-1)?.detail as { info: Record<string, number> }).info.videoBitrate).toBeGreaterThan(0);
  });

  // §1.1 video-width / video-height (push resolution), orientation (vertical | horizontal), fps (1~30), audio-quality (high 48 kHz, low 16 kHz).
  it('pushes at video-width × video-height in RTC mode, turned by orientation horizontal, at fps, with less audio at audio-quality low', () => {
    const info = (attrs: Record<string, unknown>): Record<string, number> => {
      const kit = new ModelKit();
      const p = kit.pusher('p');
      p.insert({ url: URL, mode: 'RTC', ...attrs });
      p.call('start');
      kit.advance(5000);
      return (kit.of('netstatus').at(-1)?.detail as { info: Record<string, number> }).info;
    };
    const base = info({ videoWidth: 480, videoHeight: 848, fps: 20 });
    expect([base.videoWidth, base.videoHeight, base.videoFPS]).toEqual([480, 848, 20]);
    const turned = info({ videoWidth: 480, videoHeight: 848, orientation: 'horizontal' });
    expect([turned.videoWidth, turned.videoHeight]).toEqual([848, 480]);
    expect(info({ audioQuality: 'low' }).audioBitrate).toBeLessThan(info({ audioQuality: 'high' }).audioBitrate);
  });

  // §1.1 enableVideoCustomRender: "custom render of captured frames (see LivePusherContext.onCustomRendererEvent)".
  it('sends no frames to a custom renderer without enableVideoCustomRender, none while paused, and the size to update once', () => {
    const count = (attrs: Record<string, unknown>, pause = false): number => {
      const kit = new ModelKit();
      const p = kit.pusher('p');
      p.insert({ url: URL, mode: 'RTC', ...attrs });
      let frames = 0;
      p.onCustomRenderer('frame', () => frames++);
      p.call('start');
      kit.advance(1000);
      if (pause) {
        p.call('pause');
        frames = 0;
      }
      kit.advance(2000);
      return frames;
    };
    expect(count({})).toBe(0);
    // 'update' says the size once, when the first frame has it.
    const kit = new ModelKit();
    const p = kit.pusher('p');
    p.insert({ url: URL, mode: 'RTC', videoWidth: 480, videoHeight: 848, enableVideoCustomRender: true });
    const updates: unknown[] = [];
    p.onCustomRenderer('update', (size) => updates.push(size));
    p.call('start');
    kit.advance(3000);
    expect(updates).toEqual([{ width: 480, height: 848 }]);
    expect(count({ enableVideoCustomRender: true })).toBeGreaterThan(20);
    expect(count({ enableVideoCustomRender: true }, true)).toBe(0);
  });
});
