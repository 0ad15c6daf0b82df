/**
 * The real trtc-wx-sdk on a page of the sample mini-program: what reaches the
 * live tags from it, beyond what the scenarios show.
 */
import { join } from 'node:path';
import { createRig } from './rig';

const sample = join(__dirname, '../../fixtures/miniprogram');

type Trtc = { getPusherInstance(): Record<string, (o?: object) => void> };

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
});
