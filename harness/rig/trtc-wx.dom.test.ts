/**
 * The real trtc-wx-sdk on a page of the sample mini-program: what reaches the
 * live tags from it, beyond what the scenarios show.
 */
import { join } from 'node:path';
import { createRig } from './rig';

const sample = join(__dirname, '../../fixtures/miniprogram');

type Trtc = {
  getPusherInstance(): Record<string, (o?: object) => void>;
  getPlayerInstance(id: string): { requestFullScreen(o: object): Promise<unknown> };
  on(event: string, cb: (e: { eventCode: string; data?: unknown }) => void): void;
  EVENT: Record<string, string>;
  setPusherAttributes(o: object): object;
  setPlayerAttributes(id: string, o: object): object[];
};

describe('trtc-wx on the mocks', () => {
  it("takes enterRoom's parameters into the room:// URL, and they take effect: audio-only push, audio-only receive", async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    await rig.streams.publish('room/1234/bob');
    const page = await rig.loadPage('pages/trtc-1v1/trtc-1v1', { userID: 'alice', recvMode: '2', pureAudioMode: '1', encsmall: '1' });
    await rig.advance('5s');
    const url = String((page.data.pusher as { url: string }).url);
    expect(url).toContain('&encsmall=1&');
    expect(url).toContain('&pureaudiomode=1&');
    expect(url).toContain('&recvmode=2&');
    // pureaudiomode: Alice pushes no video, whatever enable-camera says.
    const alice = rig.timeline.entries.filter((e) => e.source === 'pusher#pusher' && e.kind === 'netstatus').pop()?.detail as { info: Record<string, number> };
    expect(alice.info.videoBitrate).toBe(0);
    expect(alice.info.audioBitrate).toBeGreaterThan(0);
    // recvmode=2: Bob's player gets his audio only.
    const bob = rig.timeline.entries.filter((e) => e.source === 'player#bob_main' && e.kind === 'netstatus').pop()?.detail as { info: Record<string, number> };
    expect(bob.info.videoBitrate).toBe(0);
    expect(bob.info.audioBitrate).toBeGreaterThan(0);
  });

  // §1.5: "trtc-wx calls undocumented startDumpAudio/stopDumpAudio (its stopDumpAudio calls startDumpAudio — bug)".
  it('passes startDumpAudio/stopDumpAudio to the context, with trtc-wx 1.1.15 calling startDumpAudio for both', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    const page = await rig.loadPage('pages/trtc-1v1/trtc-1v1', { userID: 'alice' });
    await rig.advance('2s');
    const pusher = (page.instance.TRTC as Trtc).getPusherInstance();
    pusher.startDumpAudio();
    pusher.stopDumpAudio();
    await rig.advance(10);
    const calls = rig.timeline.entries
      .filter((e) => e.source === 'pusher#pusher' && e.kind === 'call')
      .map((e) => e.detail as { method: string; ok: boolean })
      .filter((d) => d.method.endsWith('DumpAudio'));
    expect(calls).toEqual([
      { method: 'startDumpAudio', args: {}, ok: true },
      { method: 'startDumpAudio', args: {}, ok: true },
    ]);
  });

  it("answers trtc-wx's report requests as the test says when it answers its host", async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    rig.requests.answer('https://yun.tim.qq.com/', { data: { ErrorCode: 0 } });
    await rig.loadPage('pages/trtc-1v1/trtc-1v1', { userID: 'alice' });
    await rig.advance('1s');
    const requests = rig.timeline.entries.filter((e) => e.source === 'wx' && (e.detail as { method: string }).method === 'request');
    expect(requests.length).toBeGreaterThan(0);
    for (const r of requests) expect(r.detail).toMatchObject({ ok: true });
  });

  // §5.2: the EVENTs trtc-wx derives from the tags' own events (not the room codes, which the scenarios assert).
  it('emits the EVENTs trtc-wx derives from the tags: net state, volume, player state and warning, fullscreen, BGM (§5.2)', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    rig.network.resource('https://cdn.example.com/song.mp3', { ok: true, durationMs: 2000 });
    await rig.streams.publish('room/1234/bob');
    const page = await rig.loadPage('pages/trtc-1v1/trtc-1v1', { userID: 'alice' });
    const trtc = page.instance.TRTC as Trtc;
    const seen: Array<{ eventCode: string; data?: unknown }> = [];
    for (const name of Object.keys(trtc.EVENT)) trtc.on(trtc.EVENT[name], (e) => seen.push(e));
    await rig.advance('5s');
    trtc.getPusherInstance().playBGM({ url: 'https://cdn.example.com/song.mp3' });
    rig.inject('player#bob_main', 6003);
    await trtc.getPlayerInstance('bob_main').requestFullScreen({ direction: 90 });
    await rig.advance('4s');
    const codes = new Set(seen.map((e) => e.eventCode));
    for (const name of [
      'LOCAL_NET_STATE_UPDATE',
      'REMOTE_NET_STATE_UPDATE',
      'LOCAL_AUDIO_VOLUME_UPDATE',
      'REMOTE_AUDIO_VOLUME_UPDATE',
      'REMOTE_STATE_UPDATE',
      'PLAYER_WARNING',
      'VIDEO_FULLSCREEN_UPDATE',
      'BGM_PLAY_START',
      'BGM_PLAY_PROGRESS',
      'BGM_PLAY_COMPLETE',
    ])
      expect([name, codes.has(name)]).toEqual([name, true]);
    // The data trtc-wx takes from the tags' details.
    const local = seen.find((e) => e.eventCode === 'LOCAL_NET_STATE_UPDATE')?.data as { pusher: { netStatus: Record<string, number> } };
    expect(local.pusher.netStatus.videoBitrate).toBeGreaterThan(0);
    expect(seen.find((e) => e.eventCode === 'PLAYER_WARNING')?.data).toMatchObject({ code: 6003 });
    expect(seen.filter((e) => e.eventCode === 'REMOTE_STATE_UPDATE').map((e) => (e.data as { code: number }).code)).toContain(2004);
    expect(seen.filter((e) => e.eventCode === 'BGM_PLAY_PROGRESS').pop()?.data).toEqual({ progress: 2000, duration: 2000 });
  });

  // §5.1 setPusherAttributes, mapped by the README (muted←!enableMic) onto the tag.
  it("turns the microphone off through setPusherAttributes: the tag's enable-mic goes false and no audio is pushed", async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    const page = await rig.loadPage('pages/trtc-1v1/trtc-1v1', { userID: 'alice' });
    await rig.advance('3s');
    const before = rig.timeline.entries.filter((e) => e.source === 'pusher#pusher' && e.kind === 'netstatus').pop()?.detail as { info: Record<string, number> };
    expect(before.info.audioBitrate).toBeGreaterThan(0);
    await page.tap('#mic');
    await rig.advance('3s');
    expect((page.data.pusher as { enableMic: boolean }).enableMic).toBe(false);
    const last = rig.timeline.entries.filter((e) => e.source === 'pusher#pusher' && e.kind === 'netstatus').pop()?.detail as { info: Record<string, number> };
    expect(last.info.audioBitrate).toBe(0);
    expect(last.info.videoBitrate).toBeGreaterThan(0);
  });

  // §5.2 / issue 11 item 1: trtc-wx's wx.request, storage and system-info calls, recorded and answered as a phone answers.
  it("records trtc-wx's system info, storage and report calls, answered as a phone without its log server would answer", async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    await rig.loadPage('pages/trtc-1v1/trtc-1v1', { userID: 'alice' });
    await rig.advance('2s');
    const calls = rig.timeline.entries
      .filter((e) => e.source === 'wx' && e.kind === 'call')
      .map((e) => e.detail as { method: string; ok: boolean; errMsg?: string });
    expect(calls.slice(0, 3)).toEqual([
      { method: 'getSystemInfo', args: {}, ok: true },
      // Storage starts empty: the sync read gives "", the async one fails as the client's does.
      { method: 'getStorageSync', args: { key: 'TUIScene' }, ok: true },
      { method: 'getStorage', args: { key: 'TUIScene' }, ok: false, errMsg: 'getStorage:fail data not found' },
    ]);
    const reports = calls.filter((c) => c.method === 'request');
    expect(reports.length).toBeGreaterThan(0);
    // Nobody answers yun.tim.qq.com here: each report fails as a lookup that found nothing (the iOS wording).
    for (const r of reports) expect(r).toMatchObject({ ok: false, errMsg: 'request:fail A server with the specified hostname could not be found.' });
  });

  // §5.1 setPlayerAttributes, bound by the README to the player's mute-video (§5.3).
  it("mutes a member's video through setPlayerAttributes while the member still sends it", async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    await rig.streams.publish('room/1234/bob');
    const page = await rig.loadPage('pages/trtc-1v1/trtc-1v1', { userID: 'alice' });
    await rig.advance('4s');
    const bob = (): Record<string, number> =>
      (rig.timeline.entries.filter((e) => e.source === 'player#bob_main' && e.kind === 'netstatus').pop()?.detail as { info: Record<string, number> }).info;
    expect(bob().videoBitrate).toBeGreaterThan(0);
    const trtc = page.instance.TRTC as Trtc;
    (page.instance.setData as (d: object) => void)({ playerList: trtc.setPlayerAttributes('bob_main', { muteVideo: true }) });
    await rig.advance('3s');
    expect(bob().videoBitrate).toBe(0);
    expect(bob().audioBitrate).toBeGreaterThan(0);
  });
});
