/**
 * Which element a context controls: the one on the page that created it,
 * found when the context is first used (reference §1 "Context binding", Q4).
 */
import { join } from 'node:path';
import { createRig } from '../../harness/rig';
import type { PusherModel } from '../model';

const sample = join(__dirname, '../../fixtures/miniprogram');

type Ctx = Record<string, (o?: Record<string, unknown>) => void>;

const pushUrl = (key: string): string => encodeURIComponent(`rtmp://1234.livepush.myqcloud.com/live/${key}?txSecret=a&txTime=FFFFFFFF`);

describe('live contexts', () => {
  // Spec §1 "Context binding": createLivePusherContext() binds to the only live-pusher of the page (页面内唯一).
  it("bind the no-argument createLivePusherContext() to the page on top, never to a covered page's pusher", async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    await rig.loadPage('pages/push/push', { url: pushUrl('first') });
    await rig.loadPage('pages/push/push', { url: pushUrl('second') });
    await rig.advance('3s');
    const first = rig.model('pusher#pusher') as PusherModel;
    const second = rig.model('pusher#pusher@pages/push/push#2') as PusherModel;
    expect(first.isPushing).toBe(true);
    expect(second.isPushing).toBe(true);
    (wx.createLivePusherContext() as unknown as Ctx).stop();
    await rig.advance(10);
    expect(second.isPushing).toBe(false);
    expect(first.isPushing).toBe(true);
  });

  it('bind a context made with the id alone to the page on top', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    await rig.loadPage('pages/push/push', { url: pushUrl('first') });
    await rig.loadPage('pages/push/push', { url: pushUrl('second') });
    await rig.advance('3s');
    (wx.createLivePusherContext as unknown as (id: string) => Ctx)('pusher').stop();
    await rig.advance(10);
    expect((rig.model('pusher#pusher@pages/push/push#2') as PusherModel).isPushing).toBe(false);
    expect((rig.model('pusher#pusher') as PusherModel).isPushing).toBe(true);
  });

  it('keep a context made in onLoad working once the element exists: it binds at first use (Q4)', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    const page = await rig.loadPage('pages/early/early');
    // Its start() in onLoad came before the element and failed, as the docs warn.
    expect(page.data.startError).toBe(
      "operateLivePusher:fail the <live-pusher> does not exist yet: the call came before the page's view (in onLoad?); call it from onReady on",
    );
    // The same context, used after the view is ready, controls the element.
    (page.instance.ctx as Ctx).start();
    await rig.advance('3s');
    expect(page.data.status).toBe('pushing');
  });

  it('fail a call whose page has no such element, naming the page as the place it looked', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    await rig.loadPage('pages/push/push');
    const ctx = wx.createLivePlayerContext('nope') as unknown as Ctx;
    const errMsg = await new Promise<string>((resolve) => ctx.play({ fail: (r: unknown) => resolve((r as { errMsg: string }).errMsg) }));
    expect(errMsg).toBe('operateLivePlayer:fail no <live-player id="nope"> is on the page that created the context');
  });

  // Issue 11 item 5: "with four room pages in a stack, the top page's stop() stops the first page's stream".
  it('let the top one of four room pages stacked hang up its own pusher, made with the no-argument form in a component', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    const pages = [];
    for (const user of ['u1', 'u2', 'u3', 'u4']) pages.push(await rig.loadPage('pages/room/room', { roomID: '4321', userID: user }));
    await rig.advance('3s');
    for (const user of ['u1', 'u2', 'u3', 'u4']) expect(rig.streams.isLive(`room/4321/${user}`)).toBe(true);
    pages[3].call('hangUp');
    await rig.advance('1s');
    expect(rig.streams.isLive('room/4321/u4')).toBe(false);
    for (const user of ['u1', 'u2', 'u3']) expect(rig.streams.isLive(`room/4321/${user}`)).toBe(true);
    // Each component told its own page, and only its own, about the others.
    expect(pages[0].data.events).toEqual(
      expect.arrayContaining(['LOCAL_JOIN', 'REMOTE_USER_JOIN u2', 'REMOTE_USER_JOIN u3', 'REMOTE_USER_JOIN u4', 'REMOTE_USER_LEAVE u4']),
    );
    expect(pages[3].data.events).toEqual(expect.arrayContaining(['LOCAL_JOIN', 'REMOTE_USER_JOIN u1', 'REMOTE_USER_JOIN u2', 'REMOTE_USER_JOIN u3']));
    expect(pages[3].data.events).not.toContain('REMOTE_USER_JOIN u4');
    expect(pages[3].data.events).not.toContain('REMOTE_USER_LEAVE u4');
  });
});
