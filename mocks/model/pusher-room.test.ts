/**
 * A pusher in a TRTC room (room://) when the app is suspended, interrupted,
 * cut off or refused: the statuses the reference gives for rooms (§3.1, Q9).
 */
import { PushCode } from '../codes';
import { ModelKit } from '../testing';

const ROOM = (user: string, extra = ''): string => `room://cloud.tencent.com/rtc?sdkappid=1400000000&roomid=42&userid=${user}&usersig=sig${extra}`;

function inRoom(kit: ModelKit, url = ROOM('alice')) {
  const p = kit.pusher('p');
  p.insert({ url, mode: 'RTC' });
  expect(p.call('start')).toEqual({ ok: true });
  return p;
}

const messageOf = (kit: ModelKit, code: number): string[] =>
  kit.events.filter((e) => e.code === code).map((e) => String((e.detail as { message?: unknown }).message));

describe('PusherModel in a TRTC room', () => {
  // Q9 / §3.1 5000: "触发 5000 后，底层SDK会退房，返回前台后会自动进房" [S9].
  it('leaves the room when the app is suspended (5000, then 1019) and re-enters by itself on foreground (1018)', () => {
    const kit = new ModelKit();
    kit.link.publishRemote('room/42/bob', { hasVideo: true, hasAudio: true, videoKbps: 500, audioKbps: 48, fps: 15, gopSeconds: 2, width: 360, height: 640 });
    inRoom(kit);
    kit.advance(3000);
    kit.events.length = 0;
    kit.device.background();
    kit.advance(5000);
    expect(kit.codes()).toEqual([PushCode.SUSPENDED, PushCode.ROOM_OUT]);
    // The SDK's own exit, not a kick: trtc-wx emits KICKED_OUT for a 1019 without "reason[0]".
    expect(messageOf(kit, PushCode.ROOM_OUT)[0]).toContain('reason[0]');
    // The other members see this one go.
    expect(kit.link.server.isLive('room/42/alice')).toBe(false);
    kit.events.length = 0;
    kit.device.foreground();
    kit.advance(3000);
    expect(kit.codes()).toEqual([
      PushCode.CONNECT_SUCC,
      PushCode.PUSH_BEGIN,
      PushCode.ROOM_IN,
      PushCode.ROOM_USER_ENTER,
      PushCode.ROOM_USERLIST,
      PushCode.ROOM_USER_VIDEO_STATE,
      PushCode.ROOM_USER_AUDIO_STATE,
    ]);
    expect(kit.link.server.isLive('room/42/alice')).toBe(true);
  });

  // §3.1 5001 (TRTC components): "底层会自动退房，恢复时需重新进房" [S9].
  it('leaves the room on an interruption (5001, then 1019) and stays out until the page starts again', () => {
    const kit = new ModelKit({ client: { platform: 'android' } });
    const p = inRoom(kit);
    kit.advance(3000);
    kit.events.length = 0;
    kit.device.startCall();
    kit.advance(2000);
    kit.device.endCall();
    kit.advance(10_000);
    expect(kit.codes()).toEqual([PushCode.INTERRUPTED, PushCode.ROOM_OUT]);
    expect(messageOf(kit, PushCode.ROOM_OUT)[0]).toContain('reason[0]');
    expect(kit.link.server.isLive('room/42/alice')).toBe(false);
    kit.events.length = 0;
    expect(p.call('start')).toEqual({ ok: true });
    kit.advance(3000);
    expect(kit.codes()).toContain(PushCode.ROOM_IN);
  });

  // §3.1 -1307 (TRTC): "恢复网络后,会自行恢复上行推流" [S11].
  it('re-enters by itself after -1307 once the network is back (1021, 1018), and says nothing while it is not', () => {
    const kit = new ModelKit();
    inRoom(kit);
    kit.advance(3000);
    kit.link.cut();
    kit.advance(40_000);
    expect(kit.codes()).toContain(PushCode.ERR_NET_DISCONNECT);
    const after = kit.events.findIndex((e) => e.code === PushCode.ERR_NET_DISCONNECT);
    // Silent tries while the network stays down: no more statuses after the give-up.
    expect(kit.events.slice(after + 1).filter((e) => e.type === 'statechange')).toEqual([]);
    kit.events.length = 0;
    kit.link.restore();
    kit.advance(5000);
    expect(kit.codes()).toEqual([PushCode.CONNECT_SUCC, PushCode.PUSH_BEGIN, PushCode.ROOM_NEED_REENTER, PushCode.ROOM_IN]);
    expect(kit.link.server.isLive('room/42/alice')).toBe(true);
  });

  it('does not recover an rtmp:// push after -1307: the page must restart it', () => {
    const kit = new ModelKit();
    const p = kit.pusher('p');
    p.insert({ url: 'rtmp://1234.livepush.myqcloud.com/live/demo?txSecret=s&txTime=FFFFFFFF', mode: 'RTC' });
    p.call('start');
    kit.advance(3000);
    kit.link.cut();
    kit.advance(40_000);
    kit.events.length = 0;
    kit.link.restore();
    kit.advance(10_000);
    expect(kit.codes()).toEqual([]);
  });

  // §3.1 1019: "also sent on failed entry / mid-session exit" [S7b].
  it('ends a refused entry with 1019 after 1022 and the credential at fault', () => {
    const kit = new ModelKit();
    inRoom(kit, ROOM('alice').replace('usersig=sig', 'usersig=invalid'));
    kit.advance(3000);
    const roomCodes: number[] = [PushCode.ROOM_IN_FAILED, PushCode.ERR_USER_SIG, PushCode.ROOM_OUT, PushCode.ROOM_IN];
    const room = kit.codes().filter((c) => roomCodes.includes(c));
    expect(room).toEqual([PushCode.ROOM_IN_FAILED, PushCode.ERR_USER_SIG, PushCode.ROOM_OUT]);
    expect(messageOf(kit, PushCode.ROOM_OUT)[0]).toContain('reason[0]');
  });

  // §5.3: trtc-wx's DEFAULT_PUSHER_CONFIG has filter: ''.
  it('takes filter="" (trtc-wx\'s default) as unset, without a warning', () => {
    const kit = new ModelKit();
    const p = kit.pusher('p');
    p.insert({ url: ROOM('alice'), mode: 'RTC', filter: '' });
    expect(kit.warnings).toEqual([]);
    expect(p.attrs.filter).toBe('standard');
    p.update({ filter: 'pink' });
    p.update({ filter: '' });
    expect(kit.warnings).toEqual([]);
  });

  it('still warns about a filter that is not one', () => {
    const kit = new ModelKit();
    kit.pusher('p').insert({ url: ROOM('alice'), filter: 'pinky' });
    expect(kit.warnings).toHaveLength(1);
    expect(kit.warnings[0]).toContain('filter="pinky" is not an allowed value (did you mean "pink"?)');
  });
});

describe('room:// parameters', () => {
  const BOB = { hasVideo: true, hasAudio: true, videoKbps: 500, audioKbps: 48, fps: 15, gopSeconds: 2, width: 360, height: 640 };

  // §3.3 pureaudiomode: "1 or 2 = pure-audio push/record".
  it('pushes audio only with pureaudiomode=1, and the room hears of audio alone', () => {
    const kit = new ModelKit();
    inRoom(kit, ROOM('alice', '&pureaudiomode=1'));
    const watcher = kit.pusher('w');
    kit.advance(2000);
    watcher.insert({ url: ROOM('bob'), mode: 'RTC' });
    watcher.call('start');
    kit.advance(3000);
    const told = kit.events.filter((e) => e.source === 'pusher#w' && (e.code === PushCode.ROOM_USER_VIDEO_STATE || e.code === PushCode.ROOM_USER_AUDIO_STATE));
    expect(told.map((e) => e.code)).toEqual([PushCode.ROOM_USER_AUDIO_STATE]);
    expect(kit.link.server.get('room/42/alice')?.info.hasVideo).toBe(false);
  });

  // §3.3 recvmode: "1 auto-receive A+V, 2 audio only, 3 video only, 4 none".
  it.each([
    ['1', true, true],
    ['2', false, true],
    ['3', true, false],
    ['4', false, false],
  ])('lets a player receive of a member what recvmode=%s allows', (mode, video, audio) => {
    const kit = new ModelKit();
    kit.link.publishRemote('room/42/bob', BOB);
    inRoom(kit, ROOM('alice', `&recvmode=${mode}`));
    kit.advance(1000);
    const player = kit.player('bob');
    player.insert({ src: 'room://rtc.tencent.com?userid=bob&streamtype=main', mode: 'RTC', autoplay: true });
    kit.advance(6000);
    const last = kit.events.filter((e) => e.source === 'player#bob' && e.type === 'netstatus').pop();
    const info = (last?.detail as { info: Record<string, number> }).info;
    expect(info.videoBitrate > 0).toBe(video);
    expect(info.audioBitrate > 0).toBe(audio);
  });
});

describe('room:// encsmall and a small-stream player', () => {
  const BOB = { hasVideo: true, hasAudio: true, videoKbps: 800, audioKbps: 48, fps: 15, gopSeconds: 2, width: 540, height: 960 };

  function smallPlayer(bobEncodesSmall: boolean): Record<string, number> {
    const kit = new ModelKit();
    const bob = kit.link.publishRemote('room/42/bob', BOB);
    if (bobEncodesSmall) bob.roomParams = { encsmall: '1' };
    inRoom(kit);
    kit.advance(1000);
    // trtc-wx's switchStreamType turns main into small in the src (§3.3).
    kit.player('bob').insert({ src: 'room://rtc.tencent.com?userid=bob&streamtype=small', mode: 'RTC', autoplay: true });
    kit.advance(6000);
    return (kit.events.filter((e) => e.source === 'player#bob' && e.type === 'netstatus').pop()?.detail as { info: Record<string, number> }).info;
  }

  // §3.3 encsmall: "encode small (dual) stream"; small stream = replace main→small in src.
  it("plays a member's small stream when it encodes one (encsmall=1): a smaller picture at a lower bitrate", () => {
    const info = smallPlayer(true);
    expect([info.videoWidth, info.videoHeight]).toEqual([270, 480]);
    expect(info.videoBitrate).toBeLessThan(800 / 2);
  });

  it('falls back to the main stream when the member encodes no small one', () => {
    const info = smallPlayer(false);
    expect([info.videoWidth, info.videoHeight]).toEqual([540, 960]);
  });
});

describe('a room player with mute-audio / mute-video', () => {
  const BOB = { hasVideo: true, hasAudio: true, videoKbps: 500, audioKbps: 48, fps: 15, gopSeconds: 2, width: 360, height: 640 };
  const lastInfo = (kit: ModelKit): Record<string, number> =>
    (kit.events.filter((e) => e.source === 'player#bob' && e.type === 'netstatus').pop()?.detail as { info: Record<string, number> }).info;

  // §2.1 "Undocumented-by-WeChat attributes used by Tencent SDKs: mute-audio, mute-video"; §5.3 player muteAudio/muteVideo.
  it('receives no video with mute-video and no audio with mute-audio, and takes either back while playing', () => {
    const kit = new ModelKit();
    kit.link.publishRemote('room/42/bob', BOB);
    inRoom(kit);
    kit.advance(1000);
    const player = kit.player('bob');
    player.insert({ src: 'room://rtc.tencent.com?userid=bob&streamtype=main', mode: 'RTC', autoplay: true, muteVideo: true });
    kit.advance(4000);
    expect(lastInfo(kit).videoBitrate).toBe(0);
    expect(lastInfo(kit).audioBitrate).toBeGreaterThan(0);
    player.update({ muteVideo: false, muteAudio: true });
    kit.advance(3000);
    expect(lastInfo(kit).videoBitrate).toBeGreaterThan(0);
    expect(lastInfo(kit).audioBitrate).toBe(0);
    player.update({ muteAudio: false });
    kit.advance(3000);
    expect(lastInfo(kit).audioBitrate).toBeGreaterThan(0);
    expect(kit.warnings).toEqual([]);
  });
});

describe('a room player on the src trtc-wx synthesises', () => {
  // §3.3: trtc-wx "infinite anchor" synthesises room://cloud.tencent.com/rtc?userid=<id>&streamtype=<main|aux>.
  it('plays a member from room://cloud.tencent.com/rtc?userid=…&streamtype=main as from the 1033 playurl', () => {
    const kit = new ModelKit();
    kit.link.publishRemote('room/42/bob', { hasVideo: true, hasAudio: true, videoKbps: 500, audioKbps: 48, fps: 15, gopSeconds: 2, width: 360, height: 640 });
    inRoom(kit);
    kit.advance(1000);
    kit.player('bob').insert({ src: 'room://cloud.tencent.com/rtc?userid=bob&streamtype=main', mode: 'RTC', autoplay: true });
    kit.advance(4000);
    const codes = kit.events.filter((e) => e.source === 'player#bob' && e.type === 'statechange').map((e) => e.code);
    expect(codes).toContain(2004);
    const info = (kit.events.filter((e) => e.source === 'player#bob' && e.type === 'netstatus').pop()?.detail as { info: Record<string, number> }).info;
    expect([info.videoWidth, info.videoHeight]).toEqual([360, 640]);
    expect(kit.warnings).toEqual([]);
  });
});
