/**
 * A page in a runtime reached over the automation protocol (WeChat DevTools,
 * a phone), through the real client's Page and Element objects. The app
 * cannot be sent to the background through the protocol, so hide/show say so.
 */
import type { AutomatorMiniProgram, AutomatorPage } from '../drivers';
import { TargetError, type PageHandle } from './target';

export function queryString(query: Record<string, string> | undefined): string {
  const q = new URLSearchParams(query ?? {}).toString();
  return q ? `?${q}` : '';
}

/** reLaunch through App.callWxMethod (the client's navigation helpers sleep 3 s each), then check where it landed. */
export async function relaunch(mp: AutomatorMiniProgram, route: string, query: Record<string, string> | undefined, target: string): Promise<AutomatorPage> {
  const path = route.replace(/^\/+/, '');
  await mp.callWxMethod('reLaunch', { url: `/${path}${queryString(query)}` });
  const page = await mp.currentPage();
  if (!page || page.path !== path)
    throw new TargetError(
      `[live-harness] Failed to open ${path} on ${target}: after reLaunch the current page is ${page ? page.path : 'none'}. Check that app.json lists the route.`,
    );
  return page;
}

export class ProtocolPage implements PageHandle {
  constructor(
    readonly page: AutomatorPage,
    private readonly target: string,
    /** let the runtime catch up after an action (deliver events, read the live tags again) */
    private readonly settle: () => Promise<void>,
  ) {}

  get route(): string {
    return this.page.path;
  }

  async getData(): Promise<Record<string, unknown>> {
    return (await this.page.data()) as Record<string, unknown>;
  }

  async call(method: string, ...args: unknown[]): Promise<unknown> {
    const r = await this.page.callMethod(method, ...args);
    await this.settle();
    return r;
  }

  async setData(patch: Record<string, unknown>): Promise<void> {
    await this.page.setData(patch);
    await this.settle();
  }

  async tap(selector: string): Promise<void> {
    // page.$() answers null for every failure, even a dropped connection: $$ reports errors.
    const [el] = await this.page.$$(selector);
    if (!el)
      throw new TargetError(
        `[live-harness] Failed to tap ${JSON.stringify(selector)} on ${this.route}: no element matches. Check the selector against the page's WXML.`,
      );
    await el.tap();
    await this.settle();
  }

  async text(selector: string): Promise<string | null> {
    const [el] = await this.page.$$(selector);
    return el ? (await el.text()).trim() : null;
  }

  hide(): Promise<void> {
    return Promise.reject(this.noLifecycle('send the app to the background'));
  }

  show(): Promise<void> {
    return Promise.reject(this.noLifecycle('bring the app to the foreground'));
  }

  private noLifecycle(what: string): TargetError {
    return new TargetError(
      `[live-harness] Failed to ${what} on ${this.target}: the automation protocol has no method for it. Run background/foreground steps on simulate or automator-sim, or do it by hand on the device.`,
    );
  }
}

/** Call a live context's method in the app service, as page code would (the page on top is its scope). */
export const CONTEXT_CALL_SOURCE = `function (kind, id, method, args) {
  var pages = getCurrentPages();
  var page = pages[pages.length - 1];
  var ctx = kind === "pusher" ? wx.createLivePusherContext(id, page) : wx.createLivePlayerContext(id, page);
  if (!ctx || typeof ctx[method] !== "function") return "missing";
  ctx[method](args || {});
  return "called";
}`;

export function parseSource(source: string, method: string): { kind: 'pusher' | 'player'; id: string } {
  const m = /^(pusher|player)#([^@]+)/.exec(source);
  if (!m)
    throw new TargetError(
      `[live-harness] Failed to call ${source}.${method}(): ${JSON.stringify(source)} is not pusher#<id> or player#<id>. Name the element as the timeline does.`,
    );
  return { kind: m[1] as 'pusher' | 'player', id: m[2] };
}
