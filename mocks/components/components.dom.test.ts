/**
 * The component layer on its own: contexts, callbacks, events reaching the
 * owner's handlers, base-library gating. Runs through a real rig and real
 * miniprogram-simulate.
 */
import { join } from 'node:path';
import { createRig } from '../../harness/rig';

const sample = join(__dirname, '../../fixtures/miniprogram');
const local = join(__dirname, '__fixtures__');

describe('live components', () => {
  it("bind the documented no-argument createLivePusherContext() to the page's only pusher", async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    await rig.loadPage('pages/push/push');
    const ctx = wx.createLivePusherContext() as unknown as Record<string, (o: object) => void>;
    const res = await new Promise<Record<string, string>>((resolve) => ctx.snapshot({ quality: 'raw', success: resolve, fail: resolve }));
    expect(res.errMsg).toBe('snapshot:ok');
    expect(res.width).toBe('720');
    expect(res.tempImagePath).toMatch(/^wxfile:\/\/tmp\/live-harness-snapshot-pusher-\d+\.jpg$/);
  });

  it('answer success/fail/complete asynchronously with WeChat errMsgs', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    const page = await rig.loadPage('pages/push/push');
    const ctx = (wx.createLivePusherContext as unknown as (id: string, scope: unknown) => Record<string, (o: object) => void>)('pusher', page.instance);
    const order: string[] = [];
    ctx.setMICVolume({ volume: 2, fail: (r: { errMsg: string }) => order.push(`fail ${r.errMsg}`), complete: () => order.push('complete') });
    order.push('returned');
    await rig.advance(1);
    expect(order).toEqual(['returned', 'fail operateLivePusher:fail volume 2 must be a number 0.0–1.0', 'complete']);
  });

  it('leave out methods newer than the client base library', async () => {
    await using rig = createRig({ miniprogramRoot: sample, client: { baseLibrary: '2.9.0' } });
    await rig.loadPage('pages/push/push');
    const ctx = wx.createLivePusherContext() as unknown as Record<string, unknown>;
    expect(typeof ctx.start).toBe('function');
    expect(typeof ctx.playBGM).toBe('function'); // 2.4.0
    expect(ctx.setMICVolume).toBeUndefined(); // 2.10.0
    expect(ctx.setZoom).toBeUndefined(); // 2.31.0
  });

  it('ignore attributes newer than the base library and say so', async () => {
    await using rig = createRig({ miniprogramRoot: local, client: { baseLibrary: '2.10.0' } });
    await rig.loadComponent('live-card/live-card', { src: 'http://1234.liveplay.myqcloud.com/live/x.flv' });
    const warnings = rig.timeline.entries.filter((e) => e.kind === 'warning').map((e) => (e.detail as { message: string }).message);
    expect(warnings).toEqual([
      `[live-harness] <live-player id="card"> picture-in-picture-mode=["push"] needs base library 2.10.3, the client profile has 2.10.0. The real client ignores it; raise the client profile's baseLibrary or drop the attribute.`,
    ]);
  });

  it('deliver events to a custom component that wraps the player, and fullscreen/PiP events', async () => {
    await using rig = createRig({ miniprogramRoot: local, client: { baseLibrary: '3.0.0' } });
    rig.streams.publish('live/x');
    const card = await rig.loadComponent('live-card/live-card', { src: 'rtmp://1234.liveplay.myqcloud.com/live/x?txSecret=a&txTime=b' });
    await rig.advance('3s');
    expect(card.data.state).toBe('2032');
    const ctx = card.instance.ctx as Record<string, (o?: object) => void>;
    ctx.requestFullScreen({ direction: 90 });
    ctx.requestPictureInPicture();
    await rig.advance(10);
    expect(card.data.full).toBe(true);
    expect(card.data.pip).toBe(true);
    expect(rig.timeline).toHaveSequence([
      {
        source: 'player#card',
        kind: 'fullscreenchange',
        where: (d: { fullScreen: boolean; direction: string }) => d.fullScreen && d.direction === 'horizontal',
      },
      'player#card enterpictureinpicture',
    ]);
  });

  it('fail every call of a context made before any element exists, and warn once', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    const ctx = wx.createLivePlayerContext('nobody', {} as never) as unknown as Record<string, (o: object) => void>;
    const errs: string[] = [];
    ctx.play({ fail: (r: { errMsg: string }) => errs.push(r.errMsg) });
    ctx.stop({ fail: (r: { errMsg: string }) => errs.push(r.errMsg) });
    await rig.advance(1);
    expect(errs).toEqual([
      'operateLivePlayer:fail no <live-player id="nobody"> is on the page that created the context',
      'operateLivePlayer:fail no <live-player id="nobody"> is on the page that created the context',
    ]);
    expect(rig.timeline.entries.filter((e) => e.kind === 'warning')).toHaveLength(1);
  });
});
