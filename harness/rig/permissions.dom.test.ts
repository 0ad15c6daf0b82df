/**
 * Page code asking for the camera on a rig whose device refuses it: the rig's
 * `wx` answers as the WeChat client does (wx.authorize fails with
 * "authorize:fail auth deny", getSetting reports the refusal, openSetting
 * needs a tap), where miniprogram-simulate's own `wx` grants everything.
 */
import { join } from 'node:path';
import { createRig } from './rig';

const local = join(__dirname, '__fixtures__');

describe('permissions through the rig', () => {
  it('fail wx.authorize({ scope: "scope.camera" }) in page code after rig.device.deny("camera")', async () => {
    await using rig = createRig({ miniprogramRoot: local });
    rig.device.deny('camera');
    const page = await rig.loadPage('camera-check/camera-check');
    expect(page.data.settings).toEqual({ 'scope.camera': false });
    await page.tap('#ask');
    expect(page.data.camera).toBe('authorize:fail auth deny');
    expect(page.text('#camera')).toBe('authorize:fail auth deny');
    // The same refusal reaches the pusher: binderror 10001 when it starts.
    rig.context(page, 'pusher#pusher', 'start');
    await rig.advance('1s');
    expect(rig.timeline).toHaveSequence([{ source: 'pusher#pusher', kind: 'error', code: 10001 }]);
  });

  it('grant it when the device allows, and list the scope in getSetting only once asked', async () => {
    await using rig = createRig({ miniprogramRoot: local });
    const page = await rig.loadPage('camera-check/camera-check');
    expect(page.data.settings).toEqual({});
    await page.tap('#ask');
    expect(page.data.camera).toBe('granted');
    await expect(rig.wx.getSetting()).resolves.toEqual({ errMsg: 'getSetting:ok', authSetting: { 'scope.camera': true } });
  });

  it('open the settings from a tap only, with what the user left there', async () => {
    await using rig = createRig({ miniprogramRoot: local });
    rig.device.deny('camera');
    const page = await rig.loadPage('camera-check/camera-check');
    page.call('openSettings');
    await rig.advance(1);
    expect(page.data.opened).toBe('openSetting:fail can only be invoked by user TAP gesture.');
    rig.device.allow('camera');
    await page.tap('#settings');
    expect(page.data.opened).toEqual({ 'scope.camera': true });
  });
});
