/**
 * Event payloads of the reference not asserted elsewhere: the player's
 * netstatus fields (§2.3) and both volume notifications (§1.2, §2.2).
 */
import { ModelKit } from '../testing';

const REMOTE = { hasVideo: true, hasAudio: true, videoKbps: 900, audioKbps: 64, fps: 15, gopSeconds: 2, width: 540, height: 960 };
const PUSH = 'rtmp://1234.livepush.myqcloud.com/live/demo?txSecret=s&txTime=FFFFFFFF';

describe('event payloads', () => {
  it('reports player netstatus once a second with every field of reference §2.3', () => {
    const kit = new ModelKit({ client: { platform: 'android' } });
    kit.link.publishRemote('live/demo', REMOTE);
    kit.player('v').insert({ src: 'rtmp://1234.liveplay.myqcloud.com/live/demo', autoplay: true });
    kit.advance(10_000);
    const net = kit.of('netstatus');
    expect(net.length).toBeGreaterThanOrEqual(9);
    expect(net.length).toBeLessThanOrEqual(11);
    const info = (net.at(-1)?.detail as { info: Record<string, number> }).info;
    expect(Object.keys(info).sort()).toEqual(
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
      ].sort(),
    );
    expect(info).toMatchObject({ videoWidth: 540, videoHeight: 960, videoFPS: 15, videoGOP: 2, netQualityLevel: 1, audioCacheThreshold: 3000 });
    expect(info.vSumCacheSize).toBe(Math.round((info.videoCache / 1000) * 15));
  });

  it('notifies the microphone volume while pushing, 0 while muted (§1.2 bindaudiovolumenotify: detail.volume)', () => {
    const kit = new ModelKit();
    const p = kit.pusher('p');
    p.insert({ url: PUSH, mode: 'SD' });
    p.call('start');
    kit.advance(5000);
    const loud = kit.of('audiovolumenotify').map((e) => e.detail.volume as number);
    expect(loud.length).toBeGreaterThanOrEqual(4);
    expect(loud.every((v) => v > 0)).toBe(true);
    p.update({ muted: true });
    const from = kit.of('audiovolumenotify').length;
    kit.advance(3000);
    expect(
      kit
        .of('audiovolumenotify')
        .slice(from)
        .map((e) => e.detail.volume),
    ).toEqual([0, 0, 0]);
  });

  it('notifies the volume of what a player plays, and nothing while muted (§2.2 bindaudiovolumenotify)', () => {
    const kit = new ModelKit();
    kit.link.publishRemote('live/demo', REMOTE);
    const v = kit.player('v');
    v.insert({ src: 'rtmp://1234.liveplay.myqcloud.com/live/demo', autoplay: true });
    kit.advance(5000);
    expect(kit.of('audiovolumenotify').length).toBeGreaterThanOrEqual(3);
    v.update({ muted: true });
    const from = kit.of('audiovolumenotify').length;
    kit.advance(3000);
    expect(kit.of('audiovolumenotify').length).toBe(from);
  });

  it('adds appCpu/systemCpu to netstatus only when params.netstatusIncludesCpu says the client does (§1.4, UNCONFIRMED)', () => {
    for (const cpu of [false, true]) {
      const kit = new ModelKit({ params: { netstatusIncludesCpu: cpu } });
      const p = kit.pusher('p');
      p.insert({ url: PUSH, mode: 'SD' });
      p.call('start');
      kit.advance(3000);
      const info = (kit.of('netstatus').at(-1)?.detail as { info: Record<string, number> }).info;
      expect({ cpu, has: 'appCpu' in info && 'systemCpu' in info }).toEqual({ cpu, has: cpu });
    }
  });

  it('sends no 2003/2004 in RTC mode when params.rtcEmitsFirstFrameCodes is false (Q15, UNCONFIRMED)', () => {
    const kit = new ModelKit({ params: { rtcEmitsFirstFrameCodes: false } });
    kit.link.publishRemote('live/demo', REMOTE);
    kit.player('v').insert({ src: 'rtmp://1234.liveplay.myqcloud.com/live/demo?txSecret=a&txTime=b', mode: 'RTC', autoplay: true });
    kit.advance(5000);
    const codes = kit.codes();
    expect(codes).toContain(2001);
    expect(codes.filter((c) => c === 2003 || c === 2004)).toEqual([]);
    expect(kit.events.some((e) => e.type === 'metric' && e.detail.name === 'first-frame')).toBe(true);
  });
});
