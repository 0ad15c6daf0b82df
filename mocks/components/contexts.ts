/**
 * wx.createLivePusherContext / wx.createLivePlayerContext over the mocks.
 * A context is a handle on a page, not on an element: as WeChat's, it finds
 * its element when it is first used, on the page that created it (the page on
 * top when the no-id form ran, or the page holding the `this` passed in), and
 * never on another page of the stack. A call made before that element exists
 * (from onLoad, Q4) fails.
 */
import { type CallResult, PLAYER_METHODS, PUSHER_METHODS, supports, TAP_ONLY_METHODS } from '../model';
import { handleOf, type ElementRegistry, type LiveHandle } from './registry';
import type { LiveRuntime } from './runtime';

type Callbacks = { success?: (r: unknown) => void; fail?: (r: unknown) => void; complete?: (r: unknown) => void };

/** A page's or component's `this`, as page code passes it. */
export interface ContextScope {
  selectComponent?: (selector: string) => unknown;
  selectOwnerComponent?: () => unknown;
}

/** What a context needs from the rig it belongs to. */
export interface ContextHost {
  readonly runtime: LiveRuntime;
  readonly registry: ElementRegistry;
  /** contexts of inert tags (WeChat DevTools): every method exists and does nothing, not even its callbacks */
  readonly inert?: boolean;
}

/**
 * The page a scope (a page's or component's `this`) lives on: its owners
 * climbed to the top. A live element's owner climbs to the same page.
 */
export function pageOfScope(scope: unknown): unknown {
  let at = scope;
  for (let i = 0; i < 64; i++) {
    const up = at && typeof at === 'object' ? (at as ContextScope).selectOwnerComponent?.() : undefined;
    if (!up || up === at) return at;
    at = up;
  }
  return at;
}

function findHandle(
  host: ContextHost,
  kind: 'pusher' | 'player',
  id: string | undefined,
  scope: ContextScope | undefined,
  page: unknown,
): LiveHandle | undefined {
  if (id && scope && typeof scope.selectComponent === 'function') {
    const h = handleOf(scope.selectComponent(`#${id}`));
    if (h && h.kind === kind) return h;
  }
  // Only the creating page's elements: a covered page's element is never another page's (the same page opened twice).
  const all = host.registry.handles().filter((h) => h.kind === kind && (page === undefined || pageOfScope(h.owner) === page));
  if (id) return all.find((h) => h.id === id);
  return all[0];
}

function inPictureInPicture(host: ContextHost, kind: 'pusher' | 'player'): LiveHandle | undefined {
  return host.registry.handles().find((h) => h.kind === kind && h.model.inPictureInPicture);
}

function stripFunctions(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (typeof v !== 'function') out[k] = v;
  return out;
}

function deliver(prefix: string, method: string, result: CallResult, cb: Callbacks): void {
  const opName = method === 'snapshot' ? 'snapshot' : prefix;
  const res = result.ok ? { errMsg: `${opName}:ok`, ...(result.result ?? {}) } : { errMsg: result.errMsg };
  // WeChat answers asynchronously; page code that relies on ordering must see the same.
  void Promise.resolve().then(() => {
    if (result.ok) cb.success?.(res);
    else cb.fail?.(res);
    cb.complete?.(res);
  });
}

export function createContext(host: ContextHost, kind: 'pusher' | 'player', id: string | undefined, scope: ContextScope | undefined): Record<string, unknown> {
  const rt = host.runtime;
  if (host.inert) return inertContext(rt, kind);
  const prefix = kind === 'pusher' ? 'operateLivePusher' : 'operateLivePlayer';
  const tag = kind === 'pusher' ? 'live-pusher' : 'live-player';
  // The page is fixed now; the element is looked up when the context is used.
  const page = scope !== undefined ? pageOfScope(scope) : rt.topPage?.();
  let bound: LiveHandle | undefined;
  const resolve = (): LiveHandle | undefined => {
    if (bound && host.registry.has(bound)) return bound;
    bound = findHandle(host, kind, id, scope, page);
    return bound;
  };
  let warned = false;
  const methods = kind === 'pusher' ? PUSHER_METHODS : PLAYER_METHODS;
  const ctx: Record<string, unknown> = {};
  for (const [method, since] of Object.entries(methods)) {
    // Methods newer than the client's base library do not exist on the context.
    if (!supports(rt.client, since)) continue;
    ctx[method] = (obj: Record<string, unknown> = {}) => {
      const args = stripFunctions(obj ?? {});
      // exitPictureInPicture is "callable from any page" (§1.1/§1.2 method tables): the small window's element, wherever it is.
      const handle = (method === 'exitPictureInPicture' ? inPictureInPicture(host, kind) : undefined) ?? resolve();
      const source = handle?.source ?? `${kind}#${id ?? '?'}`;
      let result: CallResult;
      if (!handle) {
        const early = rt.params.contextBeforeReadyIsUnbound && page !== undefined && !rt.isViewReady(page);
        const why = early
          ? `the <${tag}> does not exist yet: the call came before the page's view (in onLoad?); call it from onReady on`
          : `no <${tag}${id ? ` id="${id}"` : ''}> is on the page that created the context`;
        result = { ok: false, errMsg: `${prefix}:fail ${why}` };
        if (!warned) {
          warned = true;
          const message = `[live-harness] ${kind === 'pusher' ? 'LivePusherContext' : 'LivePlayerContext'}.${method}() did nothing: ${why}.${early ? ' See docs/quirks.md#q4.' : ''}`;
          rt.record({ source, kind: 'warning', detail: { message } });
        }
      } else if (TAP_ONLY_METHODS.has(method) && !rt.inUserGesture?.()) {
        // "仅支持在 tap 事件回调内调用" (§2.4).
        result = { ok: false, errMsg: `${prefix}:fail ${method} can only be invoked by user TAP gesture.` };
      } else {
        result = handle.model.call(method, args);
      }
      rt.record({ source, kind: 'call', detail: { method, args, ok: result.ok, ...(result.ok ? {} : { errMsg: result.errMsg }) } });
      deliver(prefix, method, result, obj ?? {});
    };
  }
  if (kind === 'pusher') {
    if (supports(rt.client, '2.29.0')) {
      // Frames reach the listener only with enableVideoCustomRender, as the push size (the pixels are not modelled).
      const renderer = (event: unknown, cb: unknown): void => {
        const handle = resolve();
        if (handle?.kind !== 'pusher' || (event !== 'frame' && event !== 'update')) return;
        handle.model.onCustomRenderer(event, typeof cb === 'function' ? (cb as (size: { width: number; height: number }) => void) : undefined);
      };
      ctx.onCustomRendererEvent = renderer;
      ctx.offCustomRendererEvent = (event: unknown) => renderer(event, undefined);
      ctx.createOffscreenCanvas = (options: Record<string, unknown> = {}) => {
        const handle = resolve();
        return offscreenCanvas(host, handle, handle?.source ?? `${kind}#${id ?? '?'}`, options);
      };
    }
  }
  return ctx;
}

/** What DevTools hands page code: the methods of the client's base library, none of which does anything. */
function inertContext(rt: ContextHost['runtime'], kind: 'pusher' | 'player'): Record<string, unknown> {
  const ctx: Record<string, unknown> = {};
  for (const [method, since] of Object.entries(kind === 'pusher' ? PUSHER_METHODS : PLAYER_METHODS))
    if (supports(rt.client, since)) ctx[method] = () => undefined;
  return ctx;
}

/**
 * LivePusherContext.createOffscreenCanvas (2.29.0): a canvas the capture
 * texture is drawn into, sized as the push. The harness has no camera texture
 * and no GPU: the canvas has the push's size and type, getContext() answers
 * null and says why once. Without a pusher it returns undefined, as a context
 * bound to nothing does nothing.
 */
function offscreenCanvas(
  host: ContextHost,
  handle: LiveHandle | undefined,
  source: string,
  options: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const rt = host.runtime;
  rt.record({ source, kind: 'call', detail: { method: 'createOffscreenCanvas', args: stripFunctions(options), ok: handle !== undefined } });
  if (!handle || handle.kind !== 'pusher') return undefined;
  const [width, height] = handle.model.pushSize;
  let warned = false;
  return {
    type: typeof options.type === 'string' ? options.type : 'webgl',
    width,
    height,
    getContext(kind: string) {
      if (!warned) {
        warned = true;
        rt.record({
          source,
          kind: 'warning',
          detail: {
            message: `[live-harness] The offscreen canvas of ${source} has no ${String(kind)} context here: the harness has no camera texture and no GPU. Test custom rendering on a device; test the rest with the canvas's size (${width}×${height}).`,
          },
        });
      }
      return null;
    },
  };
}
