import type { RoomPeerChange, StreamInfo } from '../types';
import { findRoomUser, roomCredentialProblem, watchRoom } from './room-server';
import { VirtualServer } from './virtual-server';

const AV: StreamInfo = { hasVideo: true, hasAudio: true, videoKbps: 900, audioKbps: 64, fps: 15, gopSeconds: 2, width: 540, height: 960 };
const AUDIO: StreamInfo = { ...AV, hasVideo: false, videoKbps: 0, width: 0, height: 0 };
const GOOD = { sdkappid: '1400000000', roomid: '42', userid: 'alice', usersig: 'sig' };

describe('room credentials', () => {
  it('accepts a numeric SDKAppID, a UserSig, a room id in 1–4294967295 and a user id', () => {
    expect(roomCredentialProblem(GOOD)).toBeUndefined();
    expect(roomCredentialProblem({ ...GOOD, roomid: '4294967295' })).toBeUndefined();
    expect(roomCredentialProblem({ ...GOOD, roomid: '', strroomid: 'lobby' })).toBeUndefined();
  });

  it('names the credential at fault, SDKAppID first, then UserSig, then the private map key', () => {
    expect(roomCredentialProblem({ ...GOOD, sdkappid: 'abc', usersig: '' })).toBe('bad-sdkappid');
    expect(roomCredentialProblem({ ...GOOD, usersig: '' })).toBe('bad-usersig');
    expect(roomCredentialProblem({ ...GOOD, usersig: 'invalid' })).toBe('bad-usersig');
    expect(roomCredentialProblem({ ...GOOD, privatemapkey: 'invalid' })).toBe('bad-privatemapkey');
  });

  it('rejects a room id out of range or a missing user id', () => {
    for (const roomid of ['0', '4294967296', '1.5', '']) expect(roomCredentialProblem({ ...GOOD, roomid })).toBe('rejected');
    expect(roomCredentialProblem({ ...GOOD, userid: '' })).toBe('rejected');
  });
});

describe('room membership on the virtual server', () => {
  it('finds a member by user id in whatever room it is, and only while it publishes', () => {
    const server = new VirtualServer(() => 0);
    server.publish('live/bob', AV, true);
    server.publish('room/7/bob', AV, true);
    expect(findRoomUser(server, 'bob')?.key).toBe('room/7/bob');
    expect(findRoomUser(server, 'carol')).toBeUndefined();
    server.unpublish('room/7/bob');
    expect(findRoomUser(server, 'bob')).toBeUndefined();
  });

  it('tells a member who is already in its room at once, and who comes and goes later, never itself or another room', () => {
    const server = new VirtualServer(() => 0);
    server.publish('room/42/bob', AUDIO, true);
    server.publish('room/43/zoe', AV, true);
    server.publish('room/42/alice', AV, false);
    const heard: RoomPeerChange[] = [];
    const deferred: Array<() => void> = [];
    const stop = watchRoom(
      server,
      'room/42/alice',
      (c) => heard.push(c),
      (fn) => deferred.push(fn),
    );
    expect(heard).toEqual([{ type: 'enter', userId: 'bob', hasVideo: false, hasAudio: true, hasAuxVideo: false, members: ['bob'] }]);

    server.publish('room/42/carol', AV, true);
    server.publish('room/43/yan', AV, true);
    server.unpublish('room/42/bob');
    // Notices come later than the change, as a server push does.
    expect(heard).toHaveLength(1);
    for (const fn of deferred.splice(0)) fn();
    expect(heard.slice(1)).toEqual([
      { type: 'enter', userId: 'carol', hasVideo: true, hasAudio: true, hasAuxVideo: false, members: ['carol'] },
      { type: 'exit', userId: 'bob', hasVideo: false, hasAudio: true, hasAuxVideo: false, members: ['carol'] },
    ]);

    stop();
    server.publish('room/42/dan', AV, true);
    expect(deferred).toEqual([]);
  });

  it("tells a member's camera, microphone and screen share turned off and on, once per change, and nothing unchanged", () => {
    const server = new VirtualServer(() => 0);
    server.publish('room/42/bob', AV, true);
    server.publish('room/42/alice', AV, false);
    const heard: RoomPeerChange[] = [];
    const deferred: Array<() => void> = [];
    watchRoom(
      server,
      'room/42/alice',
      (c) => heard.push(c),
      (fn) => deferred.push(fn),
    );
    const flush = (): void => {
      for (const fn of deferred.splice(0)) fn();
    };
    heard.length = 0;
    server.setMedia('room/42/bob', { video: false });
    server.setMedia('room/42/bob', { video: false });
    flush();
    server.setMedia('room/42/bob', { audio: false, aux: true });
    flush();
    server.setMedia('room/42/bob', { video: true });
    flush();
    expect(heard.map((c) => [c.type, c.streamType, c.hasVideo, c.hasAudio, c.hasAuxVideo])).toEqual([
      ['video', 'main', false, true, false],
      ['video', 'aux', false, false, true],
      ['audio', undefined, false, false, true],
      ['video', 'main', true, false, true],
    ]);
  });
});
