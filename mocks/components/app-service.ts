/**
 * The app-service calls live pages make besides the live tags: wx.request,
 * storage and system info (trtc-wx reports every event with wx.request, reads
 * `TUIScene` from storage and asks for the system info). Each call goes on the
 * timeline; the answers are a phone's:
 * - wx.request: a host nobody answers is a host the phone cannot reach — the
 *   call fails, asynchronously, as a lookup that found nothing does. A test
 *   answers a URL prefix with `answer()`.
 * - storage: per rig, empty at start; a missing key reads as '' (sync) or
 *   fails with `getStorage:fail data not found` (async), as the client does.
 * - system info: a phone of the client profile's platform and base library.
 */
import type { ClientProfile } from '../model';
import type { RecordedEvent } from './runtime';

type Callbacks = { success?: (r: unknown) => void; fail?: (r: unknown) => void; complete?: (r: unknown) => void };

/** What a test says a URL answers. */
export interface RequestAnswer {
  readonly statusCode?: number;
  readonly data?: unknown;
  readonly header?: Readonly<Record<string, string>>;
  /** time the round trip takes; default 50 ms */
  readonly afterMs?: number;
}

export interface AppServiceHost {
  readonly client: ClientProfile;
  /** run fn after ms on the rig's clock */
  later(ms: number, fn: () => void): void;
  record(e: RecordedEvent): void;
}

/** The `wx` functions this adds. */
export type AppServiceWx = Record<
  | 'request'
  | 'getStorage'
  | 'getStorageSync'
  | 'setStorage'
  | 'setStorageSync'
  | 'removeStorage'
  | 'removeStorageSync'
  | 'clearStorage'
  | 'clearStorageSync'
  | 'getStorageInfoSync'
  | 'getSystemInfo'
  | 'getSystemInfoSync',
  (...args: never[]) => unknown
>;

/** How long a DNS lookup that finds nothing takes before the request fails. UNCONFIRMED; a phone's resolver answers in tens of ms. */
const LOOKUP_FAIL_MS = 30;

export class AppService {
  readonly wx: AppServiceWx;
  private readonly storage = new Map<string, unknown>();
  private readonly answers: Array<{ prefix: string; answer: RequestAnswer }> = [];

  constructor(private readonly host: AppServiceHost) {
    this.wx = {
      request: (o: Record<string, unknown> & Callbacks = {}) => this.request(o),
      getStorage: (o: { key?: unknown } & Callbacks = {}) => {
        const key = String(o.key);
        const has = this.storage.has(key);
        this.note('getStorage', { key }, has, has ? undefined : 'getStorage:fail data not found');
        this.reply(o, 'getStorage', has ? { data: this.storage.get(key) } : undefined, 'data not found');
      },
      getStorageSync: (key: string) => {
        this.note('getStorageSync', { key }, true);
        return this.storage.has(key) ? this.storage.get(key) : '';
      },
      setStorage: (o: { key?: unknown; data?: unknown } & Callbacks = {}) => {
        this.storage.set(String(o.key), cloneValue(o.data));
        this.note('setStorage', { key: String(o.key) }, true);
        this.reply(o, 'setStorage', {});
      },
      setStorageSync: (key: string, data: unknown) => {
        this.storage.set(key, cloneValue(data));
        this.note('setStorageSync', { key }, true);
      },
      removeStorage: (o: { key?: unknown } & Callbacks = {}) => {
        this.storage.delete(String(o.key));
        this.note('removeStorage', { key: String(o.key) }, true);
        this.reply(o, 'removeStorage', {});
      },
      removeStorageSync: (key: string) => {
        this.storage.delete(key);
        this.note('removeStorageSync', { key }, true);
      },
      clearStorage: (o: Callbacks = {}) => {
        this.storage.clear();
        this.note('clearStorage', {}, true);
        this.reply(o, 'clearStorage', {});
      },
      clearStorageSync: () => {
        this.storage.clear();
        this.note('clearStorageSync', {}, true);
      },
      getStorageInfoSync: () => ({ keys: [...this.storage.keys()], currentSize: 1, limitSize: 10240 }),
      getSystemInfo: (o: Callbacks = {}) => {
        this.note('getSystemInfo', {}, true);
        this.reply(o, 'getSystemInfo', this.systemInfo());
      },
      getSystemInfoSync: () => {
        this.note('getSystemInfoSync', {}, true);
        return this.systemInfo();
      },
    };
  }

  /** Requests to URLs starting with `prefix` get this answer (the newest matching prefix wins). */
  answer(prefix: string, answer: RequestAnswer): void {
    this.answers.unshift({ prefix, answer });
  }

  private request(o: Record<string, unknown> & Callbacks): { abort(): void } {
    const url = String(o.url ?? '');
    const method = String(o.method ?? 'GET').toUpperCase();
    const hit = this.answers.find((a) => url.startsWith(a.prefix));
    let aborted = false;
    const failure = hit ? undefined : lookupFailed(this.host.client);
    this.host.record({
      source: 'wx',
      kind: 'call',
      detail: { method: 'request', args: { url, method }, ok: !failure, ...(failure ? { errMsg: failure } : {}) },
    });
    const settle = (ok: boolean, res: Record<string, unknown>): void => {
      if (aborted) return;
      if (ok) o.success?.(res);
      else o.fail?.(res);
      o.complete?.(res);
    };
    if (hit) {
      const a = hit.answer;
      this.host.later(a.afterMs ?? 50, () =>
        settle(true, { errMsg: 'request:ok', statusCode: a.statusCode ?? 200, data: a.data ?? '', header: { ...(a.header ?? {}) }, cookies: [] }),
      );
    } else {
      this.host.later(LOOKUP_FAIL_MS, () => settle(false, { errMsg: failure }));
    }
    return {
      abort: () => {
        aborted = true;
      },
    };
  }

  /** A mid-range phone of the client profile's platform; the figures besides platform and base library are illustrative. */
  private systemInfo(): Record<string, unknown> {
    const ios = this.host.client.platform === 'ios';
    return {
      brand: ios ? 'iPhone' : 'HUAWEI',
      model: ios ? 'iPhone 13' : 'NOH-AN00',
      pixelRatio: 3,
      screenWidth: 390,
      screenHeight: 844,
      windowWidth: 390,
      windowHeight: 844,
      statusBarHeight: 47,
      language: 'zh_CN',
      version: '8.0.50',
      system: ios ? 'iOS 17.0' : 'Android 13',
      platform: this.host.client.platform,
      fontSizeSetting: 16,
      SDKVersion: this.host.client.baseLibrary,
    };
  }

  private note(method: string, args: Record<string, unknown>, ok: boolean, errMsg?: string): void {
    this.host.record({ source: 'wx', kind: 'call', detail: { method, args, ok, ...(errMsg ? { errMsg } : {}) } });
  }

  /** Answer as the client does: later, success or fail, then complete. */
  private reply(o: Callbacks, api: string, result: Record<string, unknown> | undefined, failure = ''): void {
    const res = result ? { errMsg: `${api}:ok`, ...result } : { errMsg: `${api}:fail ${failure}` };
    void Promise.resolve().then(() => {
      if (result) o.success?.(res);
      else o.fail?.(res);
      o.complete?.(res);
    });
  }
}

/**
 * What wx.request says when the host does not resolve. The exact text is
 * UNCONFIRMED: Android's network stack reports Chromium's net error, iOS
 * NSURLErrorCannotFindHost.
 */
function lookupFailed(client: ClientProfile): string {
  return client.platform === 'android'
    ? 'request:fail -105:net::ERR_NAME_NOT_RESOLVED'
    : 'request:fail A server with the specified hostname could not be found.';
}

/** Storage keeps JSON-able data, as the client serialises it. */
function cloneValue(v: unknown): unknown {
  return v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as unknown);
}
