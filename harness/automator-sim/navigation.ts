/**
 * wx.navigateTo, redirectTo, navigateBack, reLaunch and switchTab over the
 * rig's page stack, with WeChat's answers (`navigateTo:ok`,
 * `switchTab:fail can not switch to no-tabBar page` …) and its rules (tab
 * pages only by switchTab, ten pages at most, no going back from the first).
 * Page code and App.callWxMethod reach the same functions; one route change
 * runs at a time, in the order they were asked for.
 */
import type { Rig } from '../rig';

type Fn = (...args: unknown[]) => unknown;
type Callbacks = { url?: unknown; delta?: unknown; success?: Fn; fail?: Fn; complete?: Fn };

export const NAVIGATION_METHODS = ['navigateTo', 'redirectTo', 'navigateBack', 'reLaunch', 'switchTab'] as const;
export type NavigationMethod = (typeof NAVIGATION_METHODS)[number];

/** WeChat's page stack holds ten pages. */
export const MAX_PAGE_STACK = 10;

class NavigationFailure extends Error {}

export class Navigation {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly rig: Rig,
    /** page code threw while the pages changed: the app's uncaught exception */
    private readonly onPageError: (e: unknown) => void,
  ) {}

  /** The five functions, for the rig's `wx`. */
  functions(): Record<NavigationMethod, Fn> {
    const out = {} as Record<NavigationMethod, Fn>;
    for (const m of NAVIGATION_METHODS) out[m] = (opts?: unknown) => this.request(m, (opts ?? {}) as Callbacks);
    return out;
  }

  private request(method: NavigationMethod, o: Callbacks): Promise<{ errMsg: string }> {
    const run = this.queue.then(() => this.perform(method, o));
    this.queue = run.catch(() => undefined);
    return run.then(
      (res) => {
        if (typeof o.success === 'function') o.success(res);
        if (typeof o.complete === 'function') o.complete(res);
        return res;
      },
      (e: unknown) => {
        const res = { errMsg: e instanceof NavigationFailure ? e.message : `${method}:fail ${e instanceof Error ? e.message : String(e)}` };
        if (!(e instanceof NavigationFailure)) this.onPageError(e);
        const hasHandler = typeof o.fail === 'function' || typeof o.complete === 'function';
        if (typeof o.fail === 'function') o.fail(res);
        if (typeof o.complete === 'function') o.complete(res);
        // Promise style (no callbacks) rejects, as the base library's promisified APIs do.
        if (hasHandler) return res;
        throw Object.assign(new Error(res.errMsg), { errMsg: res.errMsg });
      },
    );
  }

  private async perform(method: NavigationMethod, o: Callbacks): Promise<{ errMsg: string }> {
    const ok = { errMsg: `${method}:ok` };
    const fail = (why: string): never => {
      throw new NavigationFailure(`${method}:fail ${why}`);
    };
    const stack = this.rig.pageStack;
    if (method === 'navigateBack') {
      const delta = o.delta === undefined ? 1 : Number(o.delta);
      if (!Number.isFinite(delta) || delta < 1) fail(`parameter error: delta should be a number >= 1`);
      if (stack.length <= 1) fail('cannot navigate back at first page.');
      await this.rig.back(Math.min(Math.floor(delta), stack.length - 1));
      return ok;
    }
    if (typeof o.url !== 'string' || o.url === '') return fail('parameter error: parameter.url should be String instead of ' + typeof o.url + ';');
    const url = this.resolve(o.url);
    const route = url.split('?')[0];
    const tabs = this.rig.tabRoutes;
    if (method === 'switchTab') {
      if (!tabs.has(route)) fail(`can not switch to no-tabBar page`);
      await this.rig.switchTab(route);
      return ok;
    }
    if (tabs.has(route) && method !== 'reLaunch') fail(`can not ${method} a tabbar page`);
    if (method === 'navigateTo' && stack.length >= MAX_PAGE_STACK) fail('webview count limit exceed');
    if (!this.knownRoute(route)) fail(`page "${route}" is not found`);
    if (method === 'navigateTo') await this.rig.loadPage(url);
    else if (method === 'redirectTo') await this.rig.redirectTo(url);
    else await this.rig.reLaunch(url);
    return ok;
  }

  private knownRoute(route: string): boolean {
    try {
      return this.rig.routes.has(route);
    } catch {
      return false;
    }
  }

  /** `/pages/a/a?x=1` as is; `../b/b` relative to the current page's folder. */
  private resolve(url: string): string {
    if (url.startsWith('/')) return url.replace(/^\/+/, '');
    const current = this.rig.currentPage?.route ?? '';
    const parts = current.split('/').slice(0, -1);
    const [path, query] = url.split('?');
    for (const seg of path.split('/')) {
      if (seg === '..') parts.pop();
      else if (seg !== '.' && seg !== '') parts.push(seg);
    }
    return parts.join('/') + (query !== undefined ? `?${query}` : '');
  }
}
