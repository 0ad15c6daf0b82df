/**
 * Real mini-program pages on miniprogram-simulate, which has no Page():
 * a `Page({...})` file with its .json/.wxml/.wxss is loaded as the component
 * it is underneath, and driven through WeChat's page lifecycle in WeChat's
 * order: onLoad(query) → onShow → (view attached) → onReady.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { setImmediate as realSetImmediate } from 'node:timers';
import { readAppConfig, type AppConfig } from './app-config';
import { queryAll, queryOne, type PageElement } from './element-query';
import { claimGlobals } from './globals';
import { MiniProgramModules } from './modules';

type Fn = (...args: unknown[]) => unknown;

// miniprogram-simulate needs a DOM when it loads: it is required on first use, never at import time.
const lazyRequire = createRequire(__filename);

export interface PageHooks {
  onLifecycle?(page: LoadedPage, name: string, args: readonly unknown[]): void;
  onSetData?(page: LoadedPage, patch: Record<string, unknown>): void;
  onVisibility?(page: LoadedPage, visible: boolean): void;
}

export interface PageRuntimeOptions {
  /** mini-program root: where app.json lives */
  readonly rootPath: string;
  readonly hooks?: PageHooks;
  /** usingComponents overrides, e.g. the rig's own live tags, or plugin paths to local mocks */
  readonly usingComponents?: Readonly<Record<string, string>>;
  /**
   * More globals of the app service, seen by every module of the mini-program
   * (`wx` functions, timers, `Date`); merged over the runtime's own
   * (Page, Component, App, getApp, getCurrentPages, and miniprogram-simulate's `wx`).
   */
  readonly scope?: () => Readonly<Record<string, unknown>>;
}

export class PageLoadError extends Error {
  readonly code = 'LH_PAGE_LOAD';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PageLoadError';
  }
}

interface SimComponent {
  instance: Record<string, unknown> & { data: Record<string, unknown>; setData: (patch: Record<string, unknown>, cb?: () => void) => void };
  dom: HTMLElement;
  attach(parent: Element): void;
  detach(): void;
  querySelector(sel: string): PageElement | undefined;
  querySelectorAll(sel: string): PageElement[];
  // exparser's tree under the wrapper: what element-query matches tags, attributes and positions on
  _exparserNode: Parameters<typeof queryOne>[0]['_exparserNode'];
}

interface Simulate {
  load(path: string, tagName?: string | Record<string, unknown>, options?: Record<string, unknown>): string;
  render(id: string, props?: Record<string, unknown>): SimComponent;
}

/** One page (or component) on the stack. */
export class LoadedPage {
  visible = true;
  viewReady = false;
  unloaded = false;

  constructor(
    readonly route: string,
    readonly query: Readonly<Record<string, string>>,
    /** `route#n`: the n-th instance of this route in the runtime, to tell two instances apart */
    readonly label: string,
    private readonly comp: SimComponent,
    private readonly options: Record<string, unknown>,
    private readonly host: PageRuntime,
    readonly parent: Element,
  ) {}

  /** The `this` page code sees. */
  get instance(): Record<string, unknown> & { data: Record<string, unknown> } {
    return this.comp.instance;
  }

  get data(): Record<string, unknown> {
    return this.comp.instance.data;
  }

  get dom(): HTMLElement {
    return this.comp.dom;
  }

  /** Call a page method (a handler, or your own) with `this` = the page. */
  call(method: string, ...args: unknown[]): unknown {
    const fn = this.comp.instance[method];
    if (typeof fn !== 'function') {
      const known = Object.keys(this.options).filter((k) => typeof this.options[k] === 'function');
      throw new PageLoadError(`[live-harness] Failed to call ${this.route}.${method}(): the page has no such method. It has: ${known.join(', ') || 'none'}.`);
    }
    return (fn as Fn).apply(this.comp.instance, args);
  }

  /** setData from outside, resolving once the callback ran (the view is updated). */
  setData(patch: Record<string, unknown>): Promise<void> {
    return new Promise((res) => this.comp.instance.setData(patch, () => res()));
  }

  /**
   * The first element matching `selector` in the page's template, or undefined:
   * WXML tags (`button`, `live-player`), `#id`, `.class`, attributes
   * (`[data-id="3"]`), `:nth-of-type(2)` and friends, descendants, `>`, `>>>`.
   */
  querySelector(selector: string): PageElement | undefined {
    return queryOne(this.comp, selector);
  }

  /** Every element matching `selector`, in document order (the items of a wx:for list in list order). */
  querySelectorAll(selector: string): PageElement[] {
    return queryAll(this.comp, selector);
  }

  /** Trimmed text of the first element matching `selector`, or null when it is not rendered. */
  text(selector: string): string | null {
    const el = this.querySelector(selector);
    return el ? (el.dom.textContent ?? '').trim() : null;
  }

  /** Tap an element (fires bindtap/catchtap, bubbling as WeChat's tap does); resolves once the handler has run. */
  async tap(selector: string): Promise<void> {
    const el = this.querySelector(selector);
    if (!el)
      throw new PageLoadError(
        `[live-harness] Failed to tap ${JSON.stringify(selector)} on ${this.route}: no element matches. Check the selector against the page's WXML.`,
      );
    await this.host.userGesture(() => el.dispatchEvent('tap'));
  }

  /** Tap an element this page selected, as a user would; resolves once the handler has run. */
  async tapElement(el: PageElement): Promise<void> {
    await this.host.userGesture(() => el.dispatchEvent('tap'));
  }

  /** The app went to the background (or another page covered this one). */
  hide(): void {
    if (!this.visible || this.unloaded) return;
    this.visible = false;
    this.host.lifecycle(this, 'onHide', []);
    this.host.visibility(this, false);
  }

  show(): void {
    if (this.visible || this.unloaded) return;
    this.visible = true;
    this.host.lifecycle(this, 'onShow', []);
    this.host.visibility(this, true);
  }

  /** @internal */ runLifecycle(name: string, args: readonly unknown[]): void {
    const fn = this.options[name];
    if (typeof fn !== 'function') return;
    try {
      (fn as Fn).apply(this.comp.instance, args as unknown[]);
    } catch (e) {
      throw new PageLoadError(
        `[live-harness] Failed to run ${this.route}.${name}(): it threw ${e instanceof Error ? e.message : String(e)}. Fix the page code; the original error is the cause.`,
        { cause: e },
      );
    }
  }

  /** @internal */ unload(): void {
    if (this.unloaded) return;
    this.host.lifecycle(this, 'onUnload', []);
    this.unloaded = true;
    this.comp.detach();
  }
}

export class PageRuntime {
  private readonly stack: LoadedPage[] = [];
  /** tab pages switchTab hid: alive, off the stack, shown again when their tab is */
  private readonly parkedTabs = new Map<string, LoadedPage>();
  private readonly components: LoadedPage[] = [];
  private readonly byInstance = new WeakMap<object, LoadedPage>();
  private readonly loads = new Map<string, number>();
  private readonly rootPath: string;
  private readonly modules: MiniProgramModules;
  private sim: Simulate | undefined;
  private appLoaded = false;
  private app: Record<string, unknown> | undefined;
  private appConfig: AppConfig | undefined;
  /** the options of the Page() call the file being loaded made */
  private captured: Record<string, unknown> | undefined;
  private releaseGlobals: (() => void) | undefined;
  private gestures = 0;

  constructor(private readonly opts: PageRuntimeOptions) {
    this.rootPath = resolve(opts.rootPath);
    this.modules = new MiniProgramModules(() => this.scope());
  }

  /** miniprogram-simulate's `wx` polyfills (storage, system info …), the base every rig's `wx` extends. */
  static simulateApi(): Record<string, unknown> {
    return lazyRequire('miniprogram-simulate/src/api') as Record<string, unknown>;
  }

  /** The page stack, bottom first (what getCurrentPages() returns, as instances). */
  get pages(): readonly LoadedPage[] {
    return this.stack;
  }

  get current(): LoadedPage | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** Is `scope` (a page's `this`) past its first render? False during onLoad/onShow (Q4). */
  isViewReady(scope: unknown): boolean {
    const p = this.pageOf(scope);
    return p ? p.viewReady : true;
  }

  /** The loaded page or component whose instance is `scope`. */
  pageOf(scope: unknown): LoadedPage | undefined {
    return scope && typeof scope === 'object' ? this.byInstance.get(scope as object) : undefined;
  }

  /** The app service's globals for every module of this mini-program. */
  scope(): Readonly<Record<string, unknown>> {
    const g = globalThis as Record<string, unknown>;
    return {
      wx: PageRuntime.simulateApi(),
      // miniprogram-simulate swaps its Component() per load; take the one of the load under way.
      Component: g.Component,
      Behavior: g.Behavior,
      Page: this.Page,
      App: this.App,
      getApp: this.getApp,
      getCurrentPages: this.getCurrentPages,
      ...(this.opts.scope?.() ?? {}),
    };
  }

  /** An expression compiled in the app service (the scope every module of the mini-program sees). */
  compile(expression: string): unknown {
    this.ensureGlobals();
    this.loadApp();
    return this.modules.compile(expression);
  }

  /** navigateTo: the current page is hidden and stays on the stack. */
  async open(routeWithQuery: string, query: Record<string, string> = {}): Promise<LoadedPage> {
    const { route, q } = splitRoute(routeWithQuery, query);
    this.ensureGlobals();
    this.loadApp();
    const base = join(this.rootPath, route);
    const missing = ['.js', '.json', '.wxml'].filter((ext) => !existsSync(base + ext));
    if (missing.length > 0) {
      throw new PageLoadError(
        `[live-harness] Failed to load page "${route}": ${missing.map((m) => base + m).join(', ')} not found under rootPath ${this.rootPath}. Check the route (as in app.json "pages") and the miniprogramRoot.`,
      );
    }
    this.appConfig ??= readAppConfig(this.rootPath, `load page "${route}"`);
    if (!this.appConfig.routes.has(route))
      throw new PageLoadError(
        `[live-harness] Failed to load page "${route}": it is not listed in app.json "pages". Add it there (the WeChat client refuses routes it does not list).`,
      );
    const prev = this.current;
    this.captured = undefined;
    let id: string;
    try {
      id = this.load(base);
    } catch (e) {
      throw new PageLoadError(
        `[live-harness] Failed to load page "${route}": ${e instanceof Error ? e.message : String(e)}. Check its .js/.json/.wxml for errors.`,
        {
          cause: e,
        },
      );
    }
    const options = this.captured as Record<string, unknown> | undefined;
    if (!options)
      throw new PageLoadError(
        `[live-harness] Failed to load page "${route}": ${base}.js never called Page({...}). A page file must call Page(); a component file belongs to loadComponent().`,
      );
    this.captured = undefined;
    const comp = this.simulate().render(id);
    const parent = document.createElement('page-wrapper');
    document.body.appendChild(parent);
    const page = new LoadedPage(route, q, this.label(route), comp, options, this, parent);
    this.adopt(page, options);
    if (prev && prev.visible) prev.hide();
    this.stack.push(page);
    page.instance.route = route;
    page.instance.__route__ = route;
    page.instance.options = { ...q };
    this.lifecycle(page, 'onLoad', [{ ...q }]);
    this.lifecycle(page, 'onShow', []);
    comp.attach(parent);
    page.viewReady = true;
    this.lifecycle(page, 'onReady', []);
    return page;
  }

  /** A custom component on its own, attached to the document. */
  async component(path: string, props: Record<string, unknown> = {}): Promise<LoadedPage> {
    this.ensureGlobals();
    const base = resolve(this.rootPath, path);
    if (!existsSync(`${base}.json`))
      throw new PageLoadError(
        `[live-harness] Failed to load component "${path}": ${base}.json not found under rootPath ${this.rootPath}. Pass the path without extension.`,
      );
    const id = this.load(base);
    const comp = this.simulate().render(id, props);
    const parent = document.createElement('component-wrapper');
    document.body.appendChild(parent);
    const c = new LoadedPage(path, {}, this.label(path), comp, {}, this, parent);
    // A component's own template exists by its ready() lifetime, where contexts are made.
    c.viewReady = true;
    this.byInstance.set(comp.instance, c);
    this.components.push(c);
    comp.attach(parent);
    return c;
  }

  /**
   * navigateBack: unload the top `delta` pages, top first, and show the one
   * below; the pages in between are never shown, as in WeChat.
   */
  async back(delta = 1): Promise<void> {
    for (let i = 0; i < Math.max(1, Math.floor(delta)) && this.stack.length > 0; i++) this.drop(this.stack.pop() as LoadedPage);
    this.current?.show();
  }

  /** redirectTo: unload the current page and open another. */
  async redirect(route: string, query?: Record<string, string>): Promise<LoadedPage> {
    const top = this.stack.pop();
    if (top) this.drop(top);
    return this.open(route, query);
  }

  /** reLaunch: unload every page (kept tab pages too), top first, and open `route`. */
  async reLaunch(route: string, query?: Record<string, string>): Promise<LoadedPage> {
    this.unloadAll();
    return this.open(route, query);
  }

  /**
   * switchTab: every page that is not a tab is unloaded (top first); tab
   * pages are hidden and kept alive, and the target tab is shown again if it
   * was loaded before, or loaded now. Only routes of app.json's tabBar list.
   */
  async switchTab(routeWithQuery: string): Promise<LoadedPage> {
    const { route } = splitRoute(routeWithQuery, {});
    this.appConfig ??= readAppConfig(this.rootPath, `switch to tab "${route}"`);
    if (!this.appConfig.tabs.has(route))
      throw new PageLoadError(
        `[live-harness] Failed to switch to tab "${route}": it is not in app.json "tabBar" "list" (tabs: ${[...this.appConfig.tabs].join(', ') || 'none'}). Use navigateTo for other pages, or add it to the tabBar.`,
      );
    while (this.stack.length > 0) {
      const p = this.stack.pop() as LoadedPage;
      if (this.appConfig.tabs.has(p.route)) {
        p.hide();
        this.parkedTabs.set(p.route, p);
      } else this.drop(p);
    }
    const kept = this.parkedTabs.get(route);
    if (kept) {
      this.parkedTabs.delete(route);
      this.stack.push(kept);
      kept.show();
      return kept;
    }
    return this.open(route);
  }

  /** Every route app.json lists (main package and subpackages). */
  get routes(): ReadonlySet<string> {
    this.appConfig ??= readAppConfig(this.rootPath, 'read the routes');
    return this.appConfig.routes;
  }

  /** The tab routes of app.json (empty when it has no tabBar). */
  get tabRoutes(): ReadonlySet<string> {
    this.appConfig ??= readAppConfig(this.rootPath, 'read the tabBar');
    return this.appConfig.tabs;
  }

  private drop(p: LoadedPage): void {
    try {
      p.unload();
    } finally {
      p.parent.remove();
    }
  }

  private unloadAll(): void {
    const errors: unknown[] = [];
    const pending = [...this.stack.splice(0).reverse(), ...[...this.parkedTabs.values()].reverse()];
    this.parkedTabs.clear();
    for (const p of pending) {
      try {
        this.drop(p);
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `[live-harness] Failed to unload the pages cleanly: ${errors.length} errors.`);
  }

  /** Unload everything, top first, and remove it from the document. */
  dispose(): void {
    const errors: unknown[] = [];
    try {
      this.unloadAll();
    } catch (e) {
      errors.push(...(e instanceof AggregateError ? e.errors : [e]));
    }
    for (const c of this.components.splice(0)) {
      try {
        c.unload();
      } catch (e) {
        errors.push(e);
      }
      c.parent.remove();
    }
    this.releaseGlobals?.();
    this.releaseGlobals = undefined;
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `[live-harness] Failed to unload the pages cleanly: ${errors.length} errors.`);
  }

  /**
   * Whether a user's tap is being handled: WeChat lets some APIs (wx.openSetting …)
   * run only then. Here the window is the handler and what it chains in
   * microtasks, until the next macrotask.
   */
  get inUserGesture(): boolean {
    return this.gestures > 0;
  }

  /** @internal Dispatch a user's gesture and let its handler run. */
  async userGesture(dispatch: () => void): Promise<void> {
    this.gestures++;
    try {
      dispatch();
      // The simulated touch is dispatched in a microtask; a macrotask boundary lets it and its handler run.
      await new Promise<void>((r) => realSetImmediate(r));
    } finally {
      this.gestures--;
    }
  }

  /** @internal */ lifecycle(page: LoadedPage, name: string, args: readonly unknown[]): void {
    this.opts.hooks?.onLifecycle?.(page, name, args);
    page.runLifecycle(name, args);
  }

  /** @internal */ visibility(page: LoadedPage, visible: boolean): void {
    this.opts.hooks?.onVisibility?.(page, visible);
  }

  private readonly getCurrentPages = (): unknown[] => this.stack.map((p) => p.instance);

  private readonly getApp = (): Record<string, unknown> => this.app ?? {};

  private readonly App = (options: Record<string, unknown>): void => {
    this.app = { ...options, globalData: cloneData(options.globalData ?? {}) };
  };

  private readonly Page = (options: Record<string, unknown>): void => {
    if (!options || typeof options !== 'object')
      throw new PageLoadError('[live-harness] Failed to register a page: Page() needs an object. Call Page({ data, onLoad, ... }).');
    this.captured = options;
    const methods: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(options)) if (typeof v === 'function') methods[k] = v;
    const component = (globalThis as Record<string, unknown>).Component as (def: Record<string, unknown>) => void;
    // The page is a component underneath: data and methods carry over; lifecycles are driven by us.
    component({ data: cloneData(options.data ?? {}), methods, options: { multipleSlots: true } });
  };

  private label(route: string): string {
    const n = (this.loads.get(route) ?? 0) + 1;
    this.loads.set(route, n);
    return `${route}#${n}`;
  }

  private load(base: string): string {
    const sim = this.simulate();
    const utils = lazyRequire('miniprogram-simulate/src/utils') as { runJs: (p: string) => void; readJson: (p: string) => unknown };
    // For the length of this load: miniprogram-simulate runs a file with a plain require(), and
    // the mini-program's module system runs it with this runtime's app-service globals instead;
    // and every component's usingComponents carries the overrides (miniprogram-simulate drops
    // them for a component whose JSON has no usingComponents of its own).
    const compile = lazyRequire('miniprogram-simulate/src/compile') as { getWxml: (path: string, config: unknown) => unknown };
    const previous = { runJs: utils.runJs, readJson: utils.readJson, getWxml: compile.getWxml };
    const overrides = this.opts.usingComponents ?? {};
    utils.runJs = (p) => this.modules.run(p);
    // WeChat's template compiler caches each file's ops in a process-wide __WXML_GLOBAL__ under the file's index
    // ($gwx_1, $gwx_2 …): a second mini-program would read the first one's. Each root gets its own, while its templates run.
    const rootPath = this.rootPath;
    compile.getWxml = (path, config) => {
      const fn = withTemplateGlobals(rootPath, () => previous.getWxml.call(compile, path, config));
      return typeof fn === 'function' ? (...a: unknown[]) => withTemplateGlobals(rootPath, () => (fn as Fn)(...a)) : fn;
    };
    utils.readJson = (p) => {
      const json = previous.readJson(p) as Record<string, unknown> | null;
      if (!json || typeof json !== 'object') return json;
      return { ...json, usingComponents: { ...((json.usingComponents as Record<string, string> | undefined) ?? {}), ...overrides } };
    };
    try {
      return sim.load(base, { rootPath: this.rootPath, compiler: 'official', usingComponents: { ...overrides } });
    } finally {
      utils.runJs = previous.runJs;
      utils.readJson = previous.readJson;
      compile.getWxml = previous.getWxml;
    }
  }

  private adopt(page: LoadedPage, options: Record<string, unknown>): void {
    const inst = page.instance as SimComponent['instance'];
    this.byInstance.set(inst, page);
    // Non-function fields of the Page object live on the instance (this.ctx = null style).
    for (const [k, v] of Object.entries(options)) {
      if (k === 'data' || typeof v === 'function' || k in inst) continue;
      inst[k] = v && typeof v === 'object' ? cloneData(v) : v;
    }
    const original = inst.setData.bind(inst) as (patch: Record<string, unknown>, cb?: () => void) => void;
    const hooks = this.opts.hooks;
    inst.setData = (patch: Record<string, unknown>, cb?: () => void) => {
      hooks?.onSetData?.(page, patch);
      original(patch, cb);
    };
  }

  private simulate(): Simulate {
    this.sim ??= lazyRequire('miniprogram-simulate') as Simulate;
    return this.sim;
  }

  /** Test code reaches getCurrentPages() and getApp() as globals: this runtime owns them until it is disposed. */
  private ensureGlobals(): void {
    this.simulate();
    this.releaseGlobals ??= claimGlobals({ getCurrentPages: this.getCurrentPages, getApp: this.getApp });
  }

  private loadApp(): void {
    if (this.appLoaded) return;
    this.appLoaded = true;
    const appJs = join(this.rootPath, 'app.js');
    if (!existsSync(appJs)) return;
    this.modules.run(appJs);
    const launch = this.app?.onLaunch;
    if (typeof launch === 'function') (launch as Fn).call(this.app, {});
    const show = this.app?.onShow;
    if (typeof show === 'function') (show as Fn).call(this.app, {});
  }
}

const templateGlobals = new Map<string, Record<string, unknown>>();

/** Run `fn` with the template compiler's globals of the mini-program at `rootPath`. */
function withTemplateGlobals<T>(rootPath: string, fn: () => T): T {
  const g = globalThis as Record<string, unknown>;
  let mine = templateGlobals.get(rootPath);
  if (!mine) {
    // Its wxs runtime patches built-in prototypes once per process (wxs_nf_init): a second run would throw.
    const outside = (g.__WXML_GLOBAL__ ?? {}) as Record<string, unknown>;
    const initialised = outside.wxs_nf_init === true || [...templateGlobals.values()].some((t) => t.wxs_nf_init === true);
    mine = initialised ? { wxs_nf_init: true } : {};
    templateGlobals.set(rootPath, mine);
  }
  const had = '__WXML_GLOBAL__' in g;
  const before = g.__WXML_GLOBAL__;
  g.__WXML_GLOBAL__ = mine;
  try {
    return fn();
  } finally {
    if (had) g.__WXML_GLOBAL__ = before;
    else delete g.__WXML_GLOBAL__;
  }
}

/** Page data is JSON by contract (it crosses to the view layer); jsdom has no structuredClone. */
export function cloneData<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function splitRoute(input: string, query: Record<string, string>): { route: string; q: Record<string, string> } {
  const [path, qs] = input.replace(/^\/+/, '').split('?');
  const q: Record<string, string> = {};
  for (const part of (qs ?? '').split('&')) {
    if (!part) continue;
    const [k, v = ''] = part.split('=');
    q[decodeURIComponent(k)] = decodeURIComponent(v);
  }
  return { route: path.replace(/\.(js|wxml|json)$/, ''), q: { ...q, ...query } };
}
