/**
 * WeChat DevTools renders <live-pusher>/<live-player> but they emit nothing
 * and their contexts do nothing. This driver supplies what they lack: the
 * page code keeps running in DevTools' own runtime, while
 *  - the live contexts are intercepted (`mockWxMethod`, function form): their
 *    calls reach Node through an exposed binding, run on the behaviour model,
 *    and the answer goes back to the page's success/fail/complete;
 *  - the live tags' attributes are read through the protocol and fed to the
 *    model (insert, then every change);
 *  - the model's events are fired on the live tags (`Element.triggerEvent`),
 *    so the page's bind* handlers run in DevTools.
 * The model runs here on a ModelHost, in virtual time or on local media.
 * The driver knows only the protocol: automator-sim with `live: 'inert'`
 * and DevTools are the same to it.
 */
import type { LiveHandle } from '../../mocks/components';
import { ModelHost, type ModelHostOptions } from '../rig';
import type { AutomatorElement, AutomatorMiniProgram } from './automator-client';
import { uniqueName } from './automator-client';
import { BARRIER_SOURCE, interceptContextSource, interceptWxSource, reportPagesSource, resolveCallbackSource } from './app-side';
import { changedAttributes, RemoteElements, type RemoteLiveElement } from './remote-elements';

export type DevtoolsDriverOptions = Omit<ModelHostOptions, 'port'>;

interface Tracked {
  readonly handle: LiveHandle;
  readonly element: AutomatorElement;
  readonly pageId: number;
  attributes: Readonly<Record<string, unknown>>;
}

type BindingCall =
  | { op: 'create'; ctx: number; kind: 'pusher' | 'player'; id?: string; route?: string; page?: boolean }
  | { op: 'call'; ctx: number; method: string; args?: Record<string, unknown>; cb: number }
  | { op: 'setData'; route?: string; patch?: Record<string, unknown> }
  | { op: 'lifecycle'; route?: string; name: string }
  | { op: 'wx'; method: string; args?: Record<string, unknown>; cb: number };

const CONTEXT_METHODS = { pusher: 'createLivePusherContext', player: 'createLivePlayerContext' } as const;

/**
 * The asynchronous app-service APIs the model answers (trtc-wx reports with
 * wx.request, reads storage and system info): the network and the client are
 * the model's, as on simulate. The synchronous ones (getStorageSync …) cannot
 * wait for a round trip and stay the runtime's own.
 */
const APP_SERVICE_METHODS = ['request', 'getStorage', 'setStorage', 'removeStorage', 'clearStorage', 'getSystemInfo'] as const;

export class DevtoolsDriver implements AsyncDisposable {
  readonly host: ModelHost;
  private readonly remote: RemoteElements;
  private readonly tracked = new Map<string, Tracked>();
  /** each context by its app-side number, and whether a page (not a component) made it */
  private readonly contexts = new Map<number, { ctx: Record<string, unknown>; byPage: boolean }>();
  private closing = false;
  private readonly binding = uniqueName('live');
  private readonly store = uniqueName('store');
  private readonly mark = uniqueName('reported');
  /** protocol work in order: deliveries, binding calls, callback answers */
  private work: Promise<void> = Promise.resolve();
  private pending = 0;
  private syncing: Promise<void> = Promise.resolve();
  private rescan = false;
  private installed = false;
  private stopped = false;
  /** what went wrong on the protocol side; a session with any fails */
  readonly problems: string[] = [];

  constructor(
    private readonly mp: AutomatorMiniProgram,
    options: DevtoolsDriverOptions = {},
  ) {
    this.remote = new RemoteElements(mp);
    this.host = new ModelHost({
      ...options,
      port: {
        deliver: (element, type, detail) => {
          const t = this.tracked.get(element.source);
          if (!t) return;
          this.enqueue(async () => {
            try {
              await t.element.trigger(type, detail);
            } catch (e) {
              // Its page was unloaded meanwhile: the event goes with the page, as on a phone. Any other failure counts.
              await this.sync();
              if (this.tracked.get(element.source) === t) throw e;
              return;
            }
            // A handler may have changed the tag's attributes (setData): read them again before the next step.
            this.rescan = true;
          });
        },
      },
    });
  }

  /** Install the interception (binding, then both context mocks). Idempotent. */
  async start(): Promise<void> {
    if (this.installed) return;
    this.installed = true;
    await this.mp.exposeFunction(this.binding, ((call: BindingCall) => this.enqueue(() => this.onBinding(call))) as never);
    for (const kind of ['pusher', 'player'] as const) {
      // The methods this client's contexts have: the model's list, filtered by the base library.
      const methods = Object.keys(this.host.context(kind, undefined));
      await this.mp.mockWxMethod(CONTEXT_METHODS[kind], interceptContextSource(kind, this.binding, this.store, methods, this.mark));
    }
    for (const method of APP_SERVICE_METHODS) await this.mp.mockWxMethod(method, interceptWxSource(method, this.binding, this.store));
  }

  /** Read the live tags of every page and bring the models in line: new ones inserted, changed ones updated, gone ones removed. */
  sync(): Promise<void> {
    // One reading at a time: a context's creation (from the page) and a settle (from the driver) may both ask.
    const next = this.syncing.then(() => this.readAndApply());
    this.syncing = next.catch(() => undefined);
    return next;
  }

  private async readAndApply(): Promise<void> {
    await this.mp.evaluate(reportPagesSource(this.binding, this.mark));
    const seen = new Set<string>();
    for (const r of await this.remote.read()) {
      const source = this.sourceOf(r);
      seen.add(source);
      const t = this.tracked.get(source);
      if (!t) {
        // Tracked before attach: autoplay may emit at once, and its events must find the element.
        const entry = { element: r.element, pageId: r.pageId, attributes: r.attributes } as Omit<Tracked, 'handle'> & { handle?: LiveHandle };
        this.tracked.set(source, entry as Tracked);
        entry.handle = this.host.attach(r.kind, r.id, { ...r.attributes }, r.pageId, source);
        continue;
      }
      const changed = changedAttributes(t.attributes, r.attributes);
      t.attributes = r.attributes;
      if (Object.keys(changed).length > 0) this.host.update(t.handle, changed);
    }
    for (const [source, t] of [...this.tracked]) {
      if (seen.has(source)) continue;
      this.tracked.delete(source);
      this.host.detach(t.handle);
    }
  }

  /** `pusher#id`, or `pusher#id@route#pageId` when another page already shows that id. */
  private sourceOf(r: RemoteLiveElement): string {
    const plain = `${r.kind}#${r.id}`;
    const holder = this.tracked.get(plain);
    if (!holder || holder.pageId === r.pageId) return plain;
    return `${plain}@${r.route}#${r.pageId}`;
  }

  /**
   * Let the remote page catch up: deliver every event, run every context call
   * the page made, read the tags again where a handler may have changed them,
   * until nothing more happens. A round trip at the end makes sure every
   * binding call the app service made before it has arrived.
   */
  async settle(): Promise<void> {
    for (let round = 0; round < 50; round++) {
      this.host.clean();
      await this.work;
      if (this.rescan) {
        this.rescan = false;
        await this.sync();
      }
      await this.mp.evaluate(BARRIER_SOURCE);
      await this.work;
      if (!this.host.dirty && this.pending === 0 && !this.rescan) return;
    }
    this.problems.push(
      '[live-harness] The page kept reacting to live events for 50 rounds without settling; a handler may be looping (setData → event → setData).',
    );
  }

  /** Move the model's time (virtual: instantly, event by event; real media: by waiting), delivering as it goes. */
  async advance(ms: number): Promise<void> {
    const dirty = (): boolean => this.host.dirty || this.pending > 0;
    await this.host.advance(ms, {
      get dirty() {
        return dirty();
      },
      settle: () => this.settle(),
    });
  }

  private enqueue(job: () => Promise<void>): void {
    this.pending++;
    this.work = this.work
      .then(job)
      .catch((e: unknown) => {
        if (!this.stopped) this.problems.push(e instanceof Error ? e.message : String(e));
      })
      .finally(() => {
        this.pending--;
      });
  }

  private async onBinding(call: BindingCall): Promise<void> {
    // What the page did, on the model's clock: the timeline a rig keeps has it under `page`.
    if (call.op === 'setData') {
      this.host.record({ source: 'page', kind: 'setData', detail: call.patch ?? {} });
      this.rescan = true;
      return;
    }
    if (call.op === 'lifecycle') {
      this.host.record({ source: 'page', kind: 'lifecycle', detail: { route: call.route, name: call.name } });
      return;
    }
    if (call.op === 'wx') {
      const fn = (this.host.appService.wx as unknown as Record<string, (o: Record<string, unknown>) => unknown>)[call.method];
      // The model answers later (a request's round trip) or in a microtask: the answer joins the queue then.
      const answer = (ok: boolean) => (res: unknown) =>
        this.enqueue(async () => void (await this.mp.evaluate(resolveCallbackSource(this.store), call.cb, ok, res)));
      fn({ ...(call.args ?? {}), success: answer(true), fail: answer(false) });
      return;
    }
    if (call.op === 'create') {
      // Bind as WeChat does, to the element on the page now: read the page first.
      await this.sync();
      this.contexts.set(call.ctx, { ctx: this.host.context(call.kind, call.id), byPage: call.page === true });
      return;
    }
    // A call acts on the element as it is now: a setData just before it (a url set, then start() in its callback) must be read first.
    if (this.rescan) {
      this.rescan = false;
      await this.sync();
    }
    const made = this.contexts.get(call.ctx);
    // The app is closing and a component made this context: its detached lifetime runs once its page's view (the top one:
    // pages unload top first) has gone, live tags included, as WeChat tears a page down after its onUnload.
    if (this.closing && made && !made.byPage) this.detachTopPage();
    const fn = made?.ctx[call.method];
    if (typeof fn !== 'function') {
      await this.mp.evaluate(resolveCallbackSource(this.store), call.cb, false, { errMsg: `${call.method}:fail not supported` });
      return;
    }
    const answer = await new Promise<{ ok: boolean; res: unknown }>((resolve) => {
      (fn as (o: Record<string, unknown>) => void)({
        ...(call.args ?? {}),
        success: (res: unknown) => resolve({ ok: true, res }),
        fail: (res: unknown) => resolve({ ok: false, res }),
      });
    });
    await this.mp.evaluate(resolveCallbackSource(this.store), call.cb, answer.ok, answer.res);
  }

  /**
   * Close the app as a simulate session ends: every page unloads, top first
   * (`App.exit`, which the client's own close() sends), and what the pages'
   * onUnload does (a room's exitRoom → 1019) reaches the models; then the
   * tags leave. Components' detached lifetimes find their tags gone.
   */
  async closePages(): Promise<void> {
    await this.settle();
    this.closing = true;
    await this.mp.send('App.exit', {});
    await this.settle();
    await this.sync();
    await this.settle();
  }

  private detachTopPage(): void {
    const top = Math.max(...[...this.tracked.values()].map((t) => t.pageId));
    for (const [source, t] of [...this.tracked]) {
      if (t.pageId !== top) continue;
      this.tracked.delete(source);
      this.host.detach(t.handle);
    }
  }

  /** Put the real context factories back and stop the models. Idempotent. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const errors: unknown[] = [];
    if (this.installed)
      for (const method of [...Object.values(CONTEXT_METHODS), ...APP_SERVICE_METHODS]) {
        try {
          await this.mp.restoreWxMethod(method);
        } catch (e) {
          errors.push(e);
        }
      }
    try {
      await this.host.dispose();
    } catch (e) {
      errors.push(e);
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `[live-harness] Failed to stop the devtools driver cleanly: ${errors.length} errors.`);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
