/**
 * What a pusher on a TRTC room:// URL reports on top of a push (reference
 * §3.3): entering (1018, a re-entry after a loss announced by 1021), failing
 * to enter (1022 and the credential at fault), leaving or being kicked out
 * (1019, told apart by "reason[0]" as trtc-wx does), and the other members
 * coming and going (1031–1034 with their JSON payloads, 1020 the full list).
 */
import { PushCode } from '../codes';
import type { CloseReason, ConnectFailure, RoomPeerChange } from '../link/types';

/** A status as the pusher reports it; without a message the code table's text is used. */
export interface RoomStatus {
  readonly code: number;
  readonly message?: string;
}

/** stop() while in the room: the normal exit, which trtc-wx knows by "reason[0]". */
export const ROOM_LEFT: RoomStatus = { code: PushCode.ROOM_OUT, message: 'exit room success, reason[0]' };

/**
 * The SDK leaves the room by itself: the app was suspended (5000, it comes
 * back by itself on foreground) or interrupted (5001, the app re-enters), or
 * an entry failed (§3.1 1019 "also sent on failed entry / mid-session exit").
 * The SDK's own exitRoom is reason 0, not a kick: trtc-wx must not see KICKED_OUT.
 */
export function roomLeftBySdk(why: 'suspended' | 'interrupted' | 'entry-failed'): RoomStatus {
  return { code: PushCode.ROOM_OUT, message: `exit room (${why}), reason[0]` };
}

/** The room was entered; a re-entry after a lost connection says so first. */
export function roomEntered(reentry: boolean): RoomStatus[] {
  const entered: RoomStatus = { code: PushCode.ROOM_IN, message: 'enter room success' };
  return reentry ? [{ code: PushCode.ROOM_NEED_REENTER, message: 'network changed, re-entering room' }, entered] : [entered];
}

/**
 * An entry the server refused for good (no reconnect): 1022, then the code of
 * the credential at fault. Undefined for a failure the reconnect rule handles.
 */
export function roomEntryRefused(f: ConnectFailure): RoomStatus[] | undefined {
  const code = refusalCode(f);
  return code === undefined ? undefined : [{ code: PushCode.ROOM_IN_FAILED, message: 'enter room failed' }, { code }, roomLeftBySdk('entry-failed')];
}

function refusalCode(f: ConnectFailure): number | undefined {
  switch (f) {
    case 'bad-usersig':
      return PushCode.ERR_USER_SIG;
    case 'bad-sdkappid':
      return PushCode.ERR_SDKAPPID;
    case 'bad-privatemapkey':
      return PushCode.ERR_PRIVATE_MAP_KEY;
    case 'rejected':
      return PushCode.ERR_ROOM_ENTER_FAIL;
    default:
      return undefined;
  }
}

/**
 * The server hung up on a member: kicked out, an exit without "reason[0]"
 * (trtc-wx turns that into KICKED_OUT). Undefined for a loss the reconnect
 * rule handles.
 */
export function roomKick(r: CloseReason): RoomStatus | undefined {
  return r === 'server-close' ? { code: PushCode.ROOM_OUT, message: 'kicked out by the server' } : undefined;
}

/**
 * Another member came or went, or turned a video or its audio on or off: who,
 * what they send (hasvideo/hasaudio as real booleans), and who is in the room now.
 */
export function roomPeerStatuses(c: RoomPeerChange): RoomStatus[] {
  const playurl = (streamtype: 'main' | 'aux'): string => `room://rtc.tencent.com?userid=${c.userId}&streamtype=${streamtype}`;
  const one = (extra: Record<string, unknown>): string => JSON.stringify({ userlist: [{ userid: c.userId, ...extra }] });
  const video = (streamtype: 'main' | 'aux', hasvideo: boolean): RoomStatus => ({
    code: PushCode.ROOM_USER_VIDEO_STATE,
    message: one({ playurl: playurl(streamtype), streamtype, hasvideo }),
  });
  // Audio always rides on the main stream (§3.3).
  const audio = (hasaudio: boolean): RoomStatus => ({ code: PushCode.ROOM_USER_AUDIO_STATE, message: one({ playurl: playurl('main'), hasaudio }) });
  const userlist: RoomStatus = { code: PushCode.ROOM_USERLIST, message: JSON.stringify({ userlist: c.members.map((userid) => ({ userid })) }) };
  switch (c.type) {
    case 'exit':
      return [{ code: PushCode.ROOM_USER_EXIT, message: one({}) }, userlist];
    case 'video':
      return c.streamType === 'aux' ? [video('aux', c.hasAuxVideo)] : [video('main', c.hasVideo)];
    case 'audio':
      return [audio(c.hasAudio)];
    case 'enter':
      return [
        { code: PushCode.ROOM_USER_ENTER, message: one({}) },
        userlist,
        ...(c.hasVideo ? [video('main', true)] : []),
        ...(c.hasAudio ? [audio(true)] : []),
        ...(c.hasAuxVideo ? [video('aux', true)] : []),
      ];
  }
}
