/**
 * wx.authorize / getSetting / openSetting against the device's permissions,
 * with the real client's errMsgs and delivery: callbacks later (success/fail
 * then complete), or a Promise when no callback is given (base ≥ 2.10.2).
 */
import { Device, resolveClient } from '../model';
import { Authorization, type AuthorizationHost } from './authorization';

function setup(opts: { baseLibrary?: string; tapping?: boolean } = {}) {
  const device = new Device();
  const warnings: string[] = [];
  let tapping = opts.tapping ?? false;
  const host: AuthorizationHost = {
    device,
    client: resolveClient({ baseLibrary: opts.baseLibrary ?? '3.5.0' }),
    inUserGesture: () => tapping,
    warn: (m) => warnings.push(m),
  };
  const auth = new Authorization(host);
  return { device, auth, wx: auth.wx, warnings, tap: (on: boolean) => (tapping = on) };
}

/** Call with callbacks; resolve with the order they ran in and what they got. */
function withCallbacks(call: (cb: object) => unknown): Promise<{ returned: unknown; order: string[]; res: Record<string, unknown> }> {
  return new Promise((resolve) => {
    const order: string[] = [];
    let res: Record<string, unknown> = {};
    const returned = call({
      success: (r: Record<string, unknown>) => (order.push('success'), (res = r)),
      fail: (r: Record<string, unknown>) => (order.push('fail'), (res = r)),
      complete: () => {
        order.push('complete');
        resolve({ returned, order, res });
      },
    });
    order.push('returned');
  });
}

describe('authorization', () => {
  it('fails wx.authorize for the camera after the device denies it, with "authorize:fail auth deny"', async () => {
    const { device, wx } = setup();
    device.setPermission('camera', false);
    const r = await withCallbacks((cb) => wx.authorize({ scope: 'scope.camera', ...cb }));
    expect(r).toEqual({ returned: undefined, order: ['returned', 'fail', 'complete'], res: { errMsg: 'authorize:fail auth deny' } });
    await expect(wx.authorize({ scope: 'scope.camera' })).rejects.toEqual({ errMsg: 'authorize:fail auth deny' });
  });

  it('maps scope.record to the microphone, and succeeds for an allowed scope', async () => {
    const { device, wx } = setup();
    device.setPermission('microphone', false);
    await expect(wx.authorize({ scope: 'scope.record' })).rejects.toEqual({ errMsg: 'authorize:fail auth deny' });
    await expect(wx.authorize({ scope: 'scope.camera' })).resolves.toEqual({ errMsg: 'authorize:ok' });
    const r = await withCallbacks((cb) => wx.authorize({ scope: 'scope.userLocation', ...cb }));
    expect(r.order).toEqual(['returned', 'success', 'complete']);
    expect(r.res).toEqual({ errMsg: 'authorize:ok' });
  });

  it('lists in getSetting only the scopes asked for or decided on, with the device answer', async () => {
    const { device, wx } = setup();
    expect(await wx.getSetting()).toEqual({ errMsg: 'getSetting:ok', authSetting: {} });
    await wx.authorize({ scope: 'scope.camera' });
    expect(await wx.getSetting()).toEqual({ errMsg: 'getSetting:ok', authSetting: { 'scope.camera': true } });
    device.setPermission('microphone', false);
    expect((await wx.getSetting())?.authSetting).toEqual({ 'scope.camera': true, 'scope.record': false });
    device.setPermission('camera', false);
    expect((await wx.getSetting())?.authSetting).toEqual({ 'scope.camera': false, 'scope.record': false });
    // The user turns the camera back on in the settings page.
    device.setPermission('camera', true);
    const r = await withCallbacks((cb) => wx.getSetting({ withSubscriptions: true, ...cb }));
    expect(r.order).toEqual(['returned', 'success', 'complete']);
    expect(r.res).toEqual({
      errMsg: 'getSetting:ok',
      authSetting: { 'scope.camera': true, 'scope.record': false },
      subscriptionsSetting: { mainSwitch: true },
    });
  });

  it('opens the settings only during a tap from base library 2.3.0, and answers the current settings', async () => {
    const { device, wx, tap } = setup();
    device.setPermission('camera', false);
    await expect(wx.openSetting()).rejects.toEqual({ errMsg: 'openSetting:fail can only be invoked by user TAP gesture.' });
    tap(true);
    await expect(wx.openSetting()).resolves.toEqual({ errMsg: 'openSetting:ok', authSetting: { 'scope.camera': false } });
    const old = setup({ baseLibrary: '2.2.5' });
    old.device.setPermission('camera', false);
    const r = await withCallbacks((cb) => old.wx.openSetting(cb));
    expect(r.res).toEqual({ errMsg: 'openSetting:ok', authSetting: { 'scope.camera': false } });
  });

  it('returns no Promise before base library 2.10.2, and never when a callback is given', async () => {
    const { wx } = setup({ baseLibrary: '2.10.1' });
    expect(wx.authorize({ scope: 'scope.camera' })).toBeUndefined();
    expect(wx.getSetting()).toBeUndefined();
    const current = setup();
    expect(current.wx.getSetting({ complete: () => undefined })).toBeUndefined();
    expect(current.wx.getSetting()).toBeInstanceOf(Promise);
  });

  it('rejects a scope that is not one, with the client errMsg and a warning that suggests the nearest', async () => {
    const { wx, warnings } = setup();
    await expect(wx.authorize({ scope: 'scope.camra' })).rejects.toEqual({ errMsg: 'authorize:fail invalid scope' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^\[live-harness\] wx\.authorize\(\{ scope: "scope\.camra" \}\) failed: it is not a scope the client knows\. Did you mean "scope\.camera"\? Scopes: scope\.userInfo, /,
    );
    await expect(wx.authorize({})).rejects.toEqual({
      errno: 1001,
      errMsg: 'authorize:fail parameter error: parameter.scope should be String instead of Undefined;',
    });
    expect((await wx.getSetting())?.authSetting).toEqual({});
  });

  it('stops listening to the device once disposed', async () => {
    const { device, auth, wx } = setup();
    auth.dispose();
    device.setPermission('camera', false);
    expect((await wx.getSetting())?.authSetting).toEqual({});
  });
});
