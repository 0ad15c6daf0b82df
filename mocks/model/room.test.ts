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

  it('refuses an entry for good with 1022 and then the credential at fault', () => {
    expect(roomEntryRefused('bad-usersig')?.map((s) => s.code)).toEqual([PushCode.ROOM_IN_FAILED, PushCode.ERR_USER_SIG]);
    expect(roomEntryRefused('bad-sdkappid')?.map((s) => s.code)).toEqual([PushCode.ROOM_IN_FAILED, PushCode.ERR_SDKAPPID]);
    expect(roomEntryRefused('bad-privatemapkey')?.map((s) => s.code)).toEqual([PushCode.ROOM_IN_FAILED, PushCode.ERR_PRIVATE_MAP_KEY]);
    expect(roomEntryRefused('rejected')?.map((s) => s.code)).toEqual([PushCode.ROOM_IN_FAILED, PushCode.ERR_ROOM_ENTER_FAIL]);
    // The credential's status carries the code table's text.
    expect(roomEntryRefused('bad-usersig')?.[1].message).toBeUndefined();
  });

  it('leaves network failures of an entry to the reconnect rule', () => {
    for (const f of ['dns', 'refused', 'timeout', 'handshake', 'not-found'] as const) expect(roomEntryRefused(f)).toBeUndefined();
  });

  it('reports a member who enters with 1031, the member list (1020), then video (1033) and audio (1034) with the payloads of §3.3', () => {
    const statuses = roomPeerStatuses({ type: 'enter', userId: 'bob', hasVideo: true, hasAudio: true, members: ['bob', 'carol'] });
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
    const codes = roomPeerStatuses({ type: 'enter', userId: 'dan', hasVideo: false, hasAudio: true, members: ['dan'] }).map((s) => s.code);
    expect(codes).toEqual([PushCode.ROOM_USER_ENTER, PushCode.ROOM_USERLIST, PushCode.ROOM_USER_AUDIO_STATE]);
  });

  it('reports a member who leaves with 1032 and the list of those who stay', () => {
    const statuses = roomPeerStatuses({ type: 'exit', userId: 'bob', hasVideo: true, hasAudio: true, members: [] });
    expect(statuses.map((s) => s.code)).toEqual([PushCode.ROOM_USER_EXIT, PushCode.ROOM_USERLIST]);
    expect(JSON.parse(statuses[1].message ?? '')).toEqual({ userlist: [] });
  });
});
