/**
 * wx.authorize / wx.getSetting / wx.openSetting over the device's permissions,
 * answering as the WeChat client does:
 * - `scope.camera` and `scope.record` are the device's camera and microphone:
 *   after `rig.device.deny('camera')` wx.authorize fails with
 *   `authorize:fail auth deny` and getSetting reports `'scope.camera': false`.
 *   Other scopes have no device behind them: the user accepts.
 * - getSetting lists only the scopes the mini-program has asked for (or the
 *   user has decided on), as the docs say: "返回值中只会出现小程序已经向用户请求过的权限".
 * - openSetting needs a user's tap from base library 2.3.0 on
 *   (`openSetting:fail can only be invoked by user TAP gesture.`).
 * - Answers arrive asynchronously, success/fail then complete; with no
 *   callback at all, base library 2.10.2 and later return a Promise instead.
 */
import { type ClientProfile, type Device, nearest, type Permission, supports } from '../model';

/** The scopes of the AuthSetting docs. */
export const AUTH_SCOPES = [
  'scope.userInfo',
  'scope.userLocation',
  'scope.userFuzzyLocation',
  'scope.userLocationBackground',
  'scope.address',
  'scope.invoiceTitle',
  'scope.invoice',
  'scope.werun',
  'scope.record',
  'scope.writePhotosAlbum',
  'scope.camera',
  'scope.bluetooth',
  'scope.addPhoneContact',
  'scope.addPhoneCalendar',
] as const;

/** The scopes a device permission answers. */
export const DEVICE_SCOPES: Readonly<Record<string, Permission>> = { 'scope.camera': 'camera', 'scope.record': 'microphone' };

/** Base library from which a call with no callback returns a Promise. */
export const PROMISE_SINCE = '2.10.2';
/** Base library from which openSetting needs a user's tap. */
export const OPEN_SETTING_TAP_SINCE = '2.3.0';

export type AuthSetting = Record<string, boolean>;

interface Callbacks<R> {
  success?: (res: R) => void;
  fail?: (res: { errMsg: string }) => void;
  complete?: (res: R | { errMsg: string }) => void;
}

export interface AuthorizeOptions extends Callbacks<{ errMsg: string }> {
  scope?: unknown;
}

export interface SettingResult {
  errMsg: string;
  authSetting: AuthSetting;
  subscriptionsSetting?: { mainSwitch: boolean };
}

export interface GetSettingOptions extends Callbacks<SettingResult> {
  withSubscriptions?: boolean;
}

export type OpenSettingOptions = Callbacks<SettingResult>;

/** What the authorization API needs from the rig. */
export interface AuthorizationHost {
  readonly device: Device;
  readonly client: ClientProfile;
  /** whether a user's tap is being handled right now */
  inUserGesture(): boolean;
  /** page code called the API wrongly: a mock warning on the timeline */
  warn(message: string): void;
}

/** The `wx` functions this module adds to a rig's mini-program. */
export interface AuthorizationWx {
  authorize(options?: AuthorizeOptions): Promise<{ errMsg: string }> | undefined;
  getSetting(options?: GetSettingOptions): Promise<SettingResult> | undefined;
  openSetting(options?: OpenSettingOptions): Promise<SettingResult> | undefined;
}

type Answer<R> = { ok: true; res: R } | { ok: false; res: { errMsg: string; errno?: number } };

export class Authorization {
  /** scopes the mini-program asked for, or the user decided on: what getSetting lists */
  private readonly known = new Set<string>();
  private readonly unsubscribe: () => void;
  readonly wx: AuthorizationWx;

  constructor(private readonly host: AuthorizationHost) {
    // rig.device.deny/allow is the user deciding (in a prompt or on the settings page).
    this.unsubscribe = host.device.subscribe((c) => {
      if (c.type !== 'permission') return;
      for (const [scope, p] of Object.entries(DEVICE_SCOPES)) if (p === c.permission) this.known.add(scope);
    });
    this.wx = {
      authorize: (o = {}) => this.answer(o, this.authorize(o)),
      getSetting: (o = {}) =>
        this.answer(o, {
          ok: true,
          res: {
            errMsg: 'getSetting:ok',
            authSetting: this.authSetting(),
            ...(o.withSubscriptions === true ? { subscriptionsSetting: { mainSwitch: true } } : {}),
          },
        }),
      openSetting: (o = {}) => this.answer(o, this.openSetting()),
    };
  }

  /** What getSetting answers now. */
  authSetting(): AuthSetting {
    const out: AuthSetting = {};
    for (const scope of this.known) out[scope] = this.granted(scope);
    return out;
  }

  dispose(): void {
    this.unsubscribe();
  }

  private granted(scope: string): boolean {
    const p = DEVICE_SCOPES[scope];
    return p === undefined ? true : this.host.device.allowed(p);
  }

  private authorize(o: AuthorizeOptions): Answer<{ errMsg: string }> {
    const scope = o.scope;
    if (typeof scope !== 'string') {
      // The client's parameter check, in the form it uses for every API (errno 1001).
      const res = { errno: 1001, errMsg: `authorize:fail parameter error: parameter.scope should be String instead of ${typeName(scope)};` };
      return { ok: false, res };
    }
    if (!(AUTH_SCOPES as readonly string[]).includes(scope)) {
      const guess = nearest(scope, AUTH_SCOPES);
      this.host.warn(
        `[live-harness] wx.authorize({ scope: ${JSON.stringify(scope)} }) failed: it is not a scope the client knows.${guess ? ` Did you mean "${guess}"?` : ''} Scopes: ${AUTH_SCOPES.join(', ')}.`,
      );
      return { ok: false, res: { errMsg: 'authorize:fail invalid scope' } };
    }
    this.known.add(scope);
    return this.granted(scope) ? { ok: true, res: { errMsg: 'authorize:ok' } } : { ok: false, res: { errMsg: 'authorize:fail auth deny' } };
  }

  private openSetting(): Answer<SettingResult> {
    if (supports(this.host.client, OPEN_SETTING_TAP_SINCE) && !this.host.inUserGesture()) {
      return { ok: false, res: { errMsg: 'openSetting:fail can only be invoked by user TAP gesture.' } };
    }
    // The settings page shows the scopes asked for; the user leaves them as the device has them.
    return { ok: true, res: { errMsg: 'openSetting:ok', authSetting: this.authSetting() } };
  }

  /** Deliver as the client does: later, success/fail then complete; or a Promise when no callback is given. */
  private answer<R>(o: Callbacks<R>, a: Answer<R>): Promise<R> | undefined {
    const callbacks = typeof o.success === 'function' || typeof o.fail === 'function' || typeof o.complete === 'function';
    if (!callbacks && supports(this.host.client, PROMISE_SINCE)) {
      return new Promise<R>((resolve, reject) => {
        if (a.ok) resolve(a.res);
        else reject(a.res);
      });
    }
    void Promise.resolve().then(() => {
      if (a.ok) o.success?.(a.res);
      else o.fail?.(a.res);
      o.complete?.(a.res);
    });
    return undefined;
  }
}

function typeName(v: unknown): string {
  if (v === undefined) return 'Undefined';
  if (v === null) return 'Null';
  if (Array.isArray(v)) return 'Array';
  const t = typeof v;
  return t.charAt(0).toUpperCase() + t.slice(1);
}
