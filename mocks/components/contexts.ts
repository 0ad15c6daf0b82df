/**
 * wx.createLivePusherContext / wx.createLivePlayerContext over the mocks.
 * A context binds when it is created, as WeChat's does: made in onLoad, before
 * the view exists, it stays unbound and its calls fail (Q4).
 */
import { type CallResult, PLAYER_METHODS, PUSHER_METHODS, supports } from '../model';
import { handleOf, type ElementRegistry, type LiveHandle } from './registry';
import type { LiveRuntime } from './runtime';

type Callbacks = { success?: (r: unknown) => void; fail?: (r: unknown) => void; complete?: (r: unknown) => void };

/** A page's or component's `this`, as page code passes it. */
export interface ContextScope {
  selectComponent?: (selector: string) => unknown;
}

/** What a context needs from the rig it belongs to. */
export interface ContextHost {
  readonly runtime: LiveRuntime;
  readonly registry: ElementRegistry;
  /** contexts of inert tags (WeChat DevTools): every method exists and does nothing, not even its callbacks */
  readonly inert?: boolean;
}

function findHandle(host: ContextHost, kind: 'pusher' | 'player', id: string | undefined, scope: ContextScope | undefined): LiveHandle | undefined {
  if (id && scope && typeof scope.selectComponent === 'function') {
    const h = handleOf(scope.selectComponent(`#${id}`));
    if (h && h.kind === kind) return h;
  }
  const all = host.registry.handles().filter((h) => h.kind === kind);
  if (id) return all.find((h) => h.id === id);
  return all[0];
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
  const early = rt.params.contextBeforeReadyIsUnbound && scope !== undefined && !rt.isViewReady(scope);
  const handle = early ? undefined : findHandle(host, kind, id, scope);
  const source = handle?.source ?? `${kind}#${id ?? '?'}`;
  let warned = false;
  const methods = kind === 'pusher' ? PUSHER_METHODS : PLAYER_METHODS;
  const ctx: Record<string, unknown> = {};
  for (const [method, since] of Object.entries(methods)) {
    // Methods newer than the client's base library do not exist on the context.
    if (!supports(rt.client, since)) continue;
    ctx[method] = (obj: Record<string, unknown> = {}) => {
      const args = stripFunctions(obj ?? {});
      let result: CallResult;
      if (!handle) {
        const why = early
          ? `the context was created before the page's view existed (in onLoad?); create it in onReady`
          : `no <${tag}${id ? ` id="${id}"` : ''}> was on the page when the context was created`;
        result = { ok: false, errMsg: `${prefix}:fail ${why}` };
        if (!warned) {
          warned = true;
          const message = `[live-harness] ${kind === 'pusher' ? 'LivePusherContext' : 'LivePlayerContext'}.${method}() did nothing: ${why}.${early ? ' See docs/quirks.md#q4.' : ''}`;
          rt.record({ source, kind: 'warning', detail: { message } });
        }
      } else {
        result = handle.model.call(method, args);
      }
      rt.record({ source, kind: 'call', detail: { method, args, ok: result.ok, ...(result.ok ? {} : { errMsg: result.errMsg }) } });
      deliver(prefix, method, result, obj ?? {});
    };
  }
  if (kind === 'pusher') {
    // Custom rendering hooks exist as functions; frames never arrive in a mock.
    if (supports(rt.client, '2.29.0')) {
      ctx.onCustomRendererEvent = () => undefined;
      ctx.offCustomRendererEvent = () => undefined;
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
