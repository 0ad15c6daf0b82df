/**
 * TRTC rooms on the virtual server. A room:// push publishes under the key
 * `room/<roomId>/<userId>` (see parseStreamUrl), so a room's members are the
 * live keys under its prefix. The server checks credentials at entry, tells
 * each member who else is in the room as it changes, and lets a player find
 * a member by user id alone.
 */
import type { ConnectFailure, RoomPeerChange, StreamInfo } from '../types';
import type { ServerStream, VirtualServer } from './virtual-server';

/** What a TRTC server says about the credentials in a room:// push URL. */
export function roomCredentialProblem(q: Readonly<Record<string, string>>): ConnectFailure | undefined {
  if (!/^\d+$/.test(q.sdkappid ?? '')) return 'bad-sdkappid';
  if (!q.usersig || q.usersig === 'invalid') return 'bad-usersig';
  if (q.privatemapkey === 'invalid') return 'bad-privatemapkey';
  const id = Number(q.roomid);
  const validRoom = q.strroomid ? q.strroomid.length > 0 : Number.isInteger(id) && id >= 1 && id <= 4294967295;
  if (!validRoom || !q.userid) return 'rejected';
  return undefined;
}

/** The live stream of a TRTC user, whatever room it is in (a player's src names only the user). */
export function findRoomUser(server: VirtualServer, userId: string): ServerStream | undefined {
  for (const key of server.liveKeys()) if (key.startsWith('room/') && key.split('/')[2] === userId) return server.get(key);
  return undefined;
}

/**
 * What the phone's own member of `member`'s room lets its players receive of
 * it (room:// `recvmode`, §3.3): 1 audio and video (the default), 2 audio
 * only, 3 video only, 4 nothing (a player cannot bind). Outside the room, or
 * without an own member there, nothing is filtered.
 * A `streamtype=small` player gets the member's small stream when it encodes
 * one (`encsmall=1`), else the main stream: TRTC falls back to the big
 * picture when the sender has no small one.
 */
export function receivable(server: VirtualServer, member: ServerStream, streamType: string | undefined, main: StreamInfo): StreamInfo {
  const info = streamType === 'small' && member.roomParams?.encsmall === '1' ? smallOf(main) : main;
  const [, roomId] = member.key.split('/');
  const own = server
    .liveKeys()
    .map((k) => server.get(k))
    .find((s) => s !== undefined && !s.remote && s.key.startsWith(`room/${roomId}/`) && s.roomParams !== undefined);
  const mode = own?.roomParams?.recvmode ?? '1';
  const video = mode === '1' || mode === '3';
  const audio = mode === '1' || mode === '2';
  return { ...info, hasVideo: info.hasVideo && video, hasAudio: info.hasAudio && audio };
}

/**
 * Tell the member publishing `ownKey` about the others in its room: those
 * already there at once, then each who enters or leaves, `later` (a server's
 * notice arrives after the change). Returns the way to stop listening.
 */
export function watchRoom(server: VirtualServer, ownKey: string, tell: (change: RoomPeerChange) => void, later: (fn: () => void) => void): () => void {
  const [, roomId] = ownKey.split('/');
  const prefix = `room/${roomId}/`;
  /** what each member was last said to send: a change is told against it */
  const told = new Map<string, Media>();
  const others = (): string[] =>
    server
      .liveKeys()
      .filter((k) => k.startsWith(prefix) && k !== ownKey)
      .map((k) => k.slice(prefix.length));
  const mediaOf = (key: string): Media => {
    const s = server.get(key);
    return { video: s?.info.hasVideo ?? false, audio: s?.info.hasAudio ?? false, aux: s?.auxVideo === true };
  };
  const change = (type: RoomPeerChange['type'], key: string, m: Media, streamType?: 'main' | 'aux'): RoomPeerChange => ({
    type,
    userId: key.slice(prefix.length),
    hasVideo: m.video,
    hasAudio: m.audio,
    hasAuxVideo: m.aux,
    ...(streamType ? { streamType } : {}),
    members: others(),
  });
  const notice = (type: 'enter' | 'exit', key: string): void => {
    if (!key.startsWith(prefix) || key === ownKey) return;
    const m = mediaOf(key);
    if (type === 'enter') told.set(key, m);
    else told.delete(key);
    tell(change(type, key, m));
  };
  const mediaNotice = (key: string): void => {
    const before = told.get(key);
    if (!before || !server.isLive(key)) return;
    const now = mediaOf(key);
    told.set(key, now);
    if (now.video !== before.video) tell(change('video', key, now, 'main'));
    if (now.aux !== before.aux) tell(change('video', key, now, 'aux'));
    if (now.audio !== before.audio) tell(change('audio', key, now));
  };
  for (const k of server.liveKeys()) notice('enter', k);
  return server.listen({
    onPublish: (k) => later(() => notice('enter', k)),
    onUnpublish: (k) => later(() => notice('exit', k)),
    onMediaChange: (k) => later(() => mediaNotice(k)),
  });
}

/** The small stream of a dual encode: half the size, a quarter of the bitrate (illustrative; TRTC leaves it to the SDK). */
function smallOf(main: StreamInfo): StreamInfo {
  const even = (n: number): number => Math.max(2, Math.round(n / 4) * 2);
  return { ...main, width: even(main.width), height: even(main.height), videoKbps: Math.round(main.videoKbps / 4) };
}

interface Media {
  readonly video: boolean;
  readonly audio: boolean;
  readonly aux: boolean;
}
