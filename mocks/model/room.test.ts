import { PushCode } from '../codes';
import { ROOM_LEFT, roomEntered, roomEntryRefused, roomKick, roomPeerStatuses } from './room';

describe('TRTC room statuses of the pusher', () => {
  it('enters with 1018, and announces a re-entry after a loss with 1021 first', () => {
    expect(roomEntered(false).map((s) => s.code)).toEqual([PushCode.ROOM_IN]);
    expect(roomEntered(true).map((s) => s.code)).toEqual([PushCode.ROOM_NEED_REENTER, PushCode.ROOM_IN]);
  });

  it('tells a normal exit from a kick the way trtc-wx does: by "reason[0]" in the 1019 message', () => {
    const kick = roomKick('server-close');
    expect(ROOM_LEFT.code).toBe(PushCode.ROOM_OUT);
    expect(ROOM_LEFT.message).toContain('reason[0]');
    expect(kick?.code).toBe(PushCode.ROOM_OUT);
    expect(kick?.message).not.toContain('reason[0]');
  });

  it('leaves a broken socket or a timeout to the reconnect rule, not to a kick', () => {
    for (const r of ['reset', 'timeout', 'unpublished', 'eof'] as const) expect(roomKick(r)).toBeUndefined();
  });

  // §3.1 1019: "also sent on failed entry / mid-session exit" [S7b].
  it('refuses an entry for good with 1022, the credential at fault, then 1019 (the SDK leaves; not a kick)', () => {
    const left = [PushCode.ROOM_OUT];
    expect(roomEntryRefused('bad-usersig')?.map((s) => s.code)).toEqual([PushCode.ROOM_IN_FAILED, PushCode.ERR_USER_SIG, ...left]);
    expect(roomEntryRefused('bad-sdkappid')?.map((s) => s.code)).toEqual([PushCode.ROOM_IN_FAILED, PushCode.ERR_SDKAPPID, ...left]);
    expect(roomEntryRefused('bad-privatemapkey')?.map((s) => s.code)).toEqual([PushCode.ROOM_IN_FAILED, PushCode.ERR_PRIVATE_MAP_KEY, ...left]);
    expect(roomEntryRefused('rejected')?.map((s) => s.code)).toEqual([PushCode.ROOM_IN_FAILED, PushCode.ERR_ROOM_ENTER_FAIL, ...left]);
    // The credential's status carries the code table's text.
    expect(roomEntryRefused('bad-usersig')?.[1].message).toBeUndefined();
    // trtc-wx reads a 1019 without "reason[0]" as KICKED_OUT.
    expect(roomEntryRefused('bad-usersig')?.[2].message).toContain('reason[0]');
  });

  it('leaves network failures of an entry to the reconnect rule', () => {
    for (const f of ['dns', 'refused', 'timeout', 'handshake', 'not-found'] as const) expect(roomEntryRefused(f)).toBeUndefined();
  });

  it('reports a member who enters with 1031, the member list (1020), then video (1033) and audio (1034) with the payloads of §3.3', () => {
    const statuses = roomPeerStatuses({ type: 'enter', userId: 'bob', hasVideo: true, hasAudio: true, hasAuxVideo: false, members: ['bob', 'carol'] });
    expect(statuses.map((s) => s.code)).toEqual([
      PushCode.ROOM_USER_ENTER,
      PushCode.ROOM_USERLIST,
      PushCode.ROOM_USER_VIDEO_STATE,
      PushCode.ROOM_USER_AUDIO_STATE,
    ]);
    const [enter, list, video, audio] = statuses.map((s) => JSON.parse(s.message ?? '') as unknown);
    expect(enter).toEqual({ userlist: [{ userid: 'bob' }] });
    expect(list).toEqual({ userlist: [{ userid: 'bob' }, { userid: 'carol' }] });
    expect(video).toEqual({ userlist: [{ userid: 'bob', playurl: 'room://rtc.tencent.com?userid=bob&streamtype=main', streamtype: 'main', hasvideo: true }] });
    expect(audio).toEqual({ userlist: [{ userid: 'bob', playurl: 'room://rtc.tencent.com?userid=bob&streamtype=main', hasaudio: true }] });
  });

  it('says nothing of video or audio a member does not send', () => {
    const codes = roomPeerStatuses({ type: 'enter', userId: 'dan', hasVideo: false, hasAudio: true, hasAuxVideo: false, members: ['dan'] }).map((s) => s.code);
    expect(codes).toEqual([PushCode.ROOM_USER_ENTER, PushCode.ROOM_USERLIST, PushCode.ROOM_USER_AUDIO_STATE]);
  });

  it('reports a member who leaves with 1032 and the list of those who stay', () => {
    const statuses = roomPeerStatuses({ type: 'exit', userId: 'bob', hasVideo: true, hasAudio: true, hasAuxVideo: false, members: [] });
    expect(statuses.map((s) => s.code)).toEqual([PushCode.ROOM_USER_EXIT, PushCode.ROOM_USERLIST]);
    expect(JSON.parse(statuses[1].message ?? '')).toEqual({ userlist: [] });
  });

  // §3.3: 1033 `hasvideo` and 1034 `hasaudio` are real booleans, for the main and the aux video.
  it('reports a camera, a microphone or a screen share turned off and on with hasvideo/hasaudio false and true', () => {
    const base = { userId: 'bob', members: ['bob'] };
    const [camOff] = roomPeerStatuses({ ...base, type: 'video', streamType: 'main', hasVideo: false, hasAudio: true, hasAuxVideo: false });
    expect(camOff.code).toBe(PushCode.ROOM_USER_VIDEO_STATE);
    expect(JSON.parse(camOff.message ?? '')).toEqual({
      userlist: [{ userid: 'bob', playurl: 'room://rtc.tencent.com?userid=bob&streamtype=main', streamtype: 'main', hasvideo: false }],
    });
    const [micOff] = roomPeerStatuses({ ...base, type: 'audio', hasVideo: true, hasAudio: false, hasAuxVideo: false });
    expect(micOff.code).toBe(PushCode.ROOM_USER_AUDIO_STATE);
    expect(JSON.parse(micOff.message ?? '')).toEqual({
      userlist: [{ userid: 'bob', playurl: 'room://rtc.tencent.com?userid=bob&streamtype=main', hasaudio: false }],
    });
    const [shareOn] = roomPeerStatuses({ ...base, type: 'video', streamType: 'aux', hasVideo: true, hasAudio: true, hasAuxVideo: true });
    expect(JSON.parse(shareOn.message ?? '')).toEqual({
      userlist: [{ userid: 'bob', playurl: 'room://rtc.tencent.com?userid=bob&streamtype=aux', streamtype: 'aux', hasvideo: true }],
    });
  });

  it('announces the screen share of a member who enters with one, after its camera and microphone', () => {
    const statuses = roomPeerStatuses({ type: 'enter', userId: 'eve', hasVideo: true, hasAudio: true, hasAuxVideo: true, members: ['eve'] });
    expect(statuses.map((s) => s.code)).toEqual([
      PushCode.ROOM_USER_ENTER,
      PushCode.ROOM_USERLIST,
      PushCode.ROOM_USER_VIDEO_STATE,
      PushCode.ROOM_USER_AUDIO_STATE,
      PushCode.ROOM_USER_VIDEO_STATE,
    ]);
    expect(JSON.parse(statuses[4].message ?? '').userlist[0].streamtype).toBe('aux');
  });
});
