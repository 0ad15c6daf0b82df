/**
 * WeChat's 小程序直播 plugin (components.md §6.2) on a room-list page written
 * as its docs write one: getLiveStatus polled once a minute, the plugin's room
 * page entered by navigateTo, the subscribe component.
 */
import { join } from 'node:path';
import { createRig } from '../../harness/rig';
import { LIVE_STATUS } from './live-player-plugin';

const sample = join(__dirname, '../../fixtures/miniprogram');
const local = join(__dirname, '../components/__fixtures__');

type Rig = ReturnType<typeof createRig>;
const warningsOf = (rig: Rig): string[] => rig.timeline.entries.filter((e) => e.kind === 'warning').map((e) => (e.detail as { message: string }).message);

describe('live-player-plugin', () => {
  it('answers getLiveStatus with the room status the test sets, 101–107', async () => {
    expect(LIVE_STATUS).toEqual({ live: 101, 'not-started': 102, ended: 103, banned: 104, paused: 105, abnormal: 106, expired: 107 });
    await using rig = createRig({ miniprogramRoot: sample });
    rig.liveRooms.set(7, 'paused');
    const page = await rig.loadPage('pages/live-list/live-list');
    await rig.advance(10);
    expect(page.data).toMatchObject({ liveStatus: 105, label: 'paused' });
    for (const [name, code] of Object.entries(LIVE_STATUS)) {
      rig.liveRooms.set(7, name as keyof typeof LIVE_STATUS);
      await rig.advance('60s');
      expect(page.data.liveStatus).toBe(code);
    }
    expect(() => rig.liveRooms.set(7, 'gone' as never)).toThrow(
      '[live-harness] Failed to set live room 7: "gone" is not a live status. Use one of live, not-started, ended, banned, paused, abnormal, expired (or 101–107).',
    );
  });

  it('ends an abnormal room (106) after 15 minutes, and lets one that recovers go live again', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    rig.liveRooms.set(7, 'live');
    rig.liveRooms.set(8, 'live');
    await rig.loadPage('pages/live-list/live-list');
    rig.liveRooms.set(7, 'abnormal');
    rig.liveRooms.set(8, 'abnormal', { recoverAfterMs: 5 * 60_000 });
    await rig.advance('14m');
    expect([rig.liveRooms.status(7), rig.liveRooms.status(8)]).toEqual([106, 101]);
    await rig.advance('61s');
    expect([rig.liveRooms.status(7), rig.liveRooms.status(8)]).toEqual([103, 101]);
    // The page polled once a minute and saw the room end.
    expect(rig.currentPage?.data).toMatchObject({ liveStatus: 103, label: 'ended' });
  });

  it('enforces the polling rule: the first call answers at once, a call within a minute gets the previous answer and a warning', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    rig.liveRooms.set(7, 'live');
    const page = await rig.loadPage('pages/live-list/live-list');
    await rig.advance(10);
    expect(page.data.liveStatus).toBe(101);
    rig.liveRooms.set(7, 'paused');
    await rig.advance('20s');
    await page.tap('#check');
    await rig.advance(10);
    expect(page.data.liveStatus).toBe(101);
    expect(warningsOf(rig)).toEqual([
      '[live-harness] livePlayer.getLiveStatus({ room_id: 7 }) was called 20.0 s after the previous call; the docs ask for at least 60 s between calls after the first. It answered the previous status; poll at most once a minute.',
    ]);
    await rig.advance('41s');
    expect(page.data.liveStatus).toBe(105);
  });

  it('records entering the room page with room_id and custom_params, cut at 600 characters', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    rig.liveRooms.set(7, 'live');
    const page = await rig.loadPage('pages/live-list/live-list');
    await page.tap('#enter');
    const long = { note: 'x'.repeat(700) };
    await page.setData({ customParams: long });
    await page.tap('#enter');
    const navs = rig.timeline.entries.filter((e) => e.kind === 'navigate').map((e) => e.detail as Record<string, unknown>);
    expect(navs[0]).toMatchObject({ room_id: 7, custom_params: '{"from":"list"}', truncated: false, close_picture_in_picture_mode: false });
    expect(navs[1]).toMatchObject({ room_id: 7, truncated: true });
    expect(encodeURIComponent(navs[1].custom_params as string)).toHaveLength(600);
    expect(warningsOf(rig)).toEqual([
      '[live-harness] navigateTo the live room 7: custom_params is longer than 600 characters (encoded); the plugin cuts it there. Keep custom_params short.',
    ]);
  });

  it('subscribes through the subscribe component, and getSubscribeStatus says so', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    rig.liveRooms.set(7, 'not-started');
    const page = await rig.loadPage('pages/live-list/live-list');
    await rig.advance(10);
    expect(page.data.subscribed).toBe(false);
    await page.tap('#sub >>> .subscribe');
    expect(page.data.subscribed).toBe(true);
    expect(rig.liveRooms.subscribed(7)).toBe(true);
    expect(page.text('#sub >>> .subscribe')).toBe('已订阅');
  });

  // §6.2 subscribe: "`stop-propagation` false".
  it('lets a tap on the subscribe button bubble to the page unless stop-propagation is set', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    rig.liveRooms.set(7, 'not-started');
    rig.liveRooms.set(8, 'not-started');
    const page = await rig.loadPage('pages/live-list/live-list');
    await rig.advance(10);
    await page.tap('#sub >>> .subscribe');
    expect(page.data.cardTaps).toBe(1);
    await page.tap('#quiet-sub >>> .subscribe');
    expect(rig.liveRooms.subscribed(8)).toBe(true);
    expect(page.data.cardTaps).toBe(1);
  });

  it('answers getShareParams, getOpenid and the legacy getLiveParams for an app opened from a share card', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    rig.liveRooms.set(7, 'live');
    rig.liveRooms.enteredFromShare({ room_id: 7, share_openid: 'oSharer', custom_params: { from: 'card' }, scene: 1044 });
    const page = await rig.loadPage('pages/live-list/live-list');
    const done = page.call('loadShare') as Promise<void>;
    await rig.advance(10);
    await done;
    expect(page.data.share).toEqual({ room_id: 7, openid: rig.liveRooms.openid, share_openid: 'oSharer', custom_params: { from: 'card' } });
    expect(page.data.openid).toBe(rig.liveRooms.openid);
    expect(page.data.legacy).toEqual({ share_openid: 'oSharer', openid: rig.liveRooms.openid, room_id: 7, customParams: { from: 'card' } });
  });

  it('refuses requirePlugin of a plugin app.json does not declare, as the client does', async () => {
    await using rig = createRig({ miniprogramRoot: local });
    await expect(rig.loadPage('needs-plugin/needs-plugin')).rejects.toThrow(
      '[live-harness] Failed to requirePlugin("live-player-plugin"): app.json declares no such plugin. Add "plugins": { "live-player-plugin": { "version": "…", "provider": "<appid>" } } to app.json, as the WeChat client requires.',
    );
  });

  it('draws the subscribe button with its documented defaults: 120×41, font 17, white on #6467F0', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    const page = await rig.loadPage('pages/live-list/live-list');
    const el = page.querySelector('#sub >>> .subscribe');
    expect(el?.dom.getAttribute('style')).toBe('width:120px;height:41px;font-size:17px;color:#FFFFFF;background-color:#6467F0');
    expect(el?.dom.getAttribute('data-custom-params')).toBe('');
  });

  it('records close_picture_in_picture_mode=1 with the room page navigation, and answers navigateTo', async () => {
    await using rig = createRig({ miniprogramRoot: sample });
    await rig.loadPage('pages/live-list/live-list');
    const res = await (rig.wx.navigateTo as (o: object) => Promise<{ errMsg: string }>)({
      url: 'plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin?room_id=9&close_picture_in_picture_mode=1',
    });
    expect(res).toEqual({ errMsg: 'navigateTo:ok' });
    const nav = rig.timeline.entries.find((e) => e.kind === 'navigate')?.detail;
    expect(nav).toMatchObject({ room_id: 9, truncated: false, close_picture_in_picture_mode: true });
  });
});
