/**
 * wx.createLivePusherContext / wx.createLivePlayerContext over the mocks.
 * A context binds when it is created, as WeChat's does: made in onLoad, before
 * the view exists, it stays unbound and its calls fail (Q4).
 */
import { supports } from '../model/client';
import type { CallResult } from '../model/events';
import { PLAYER_METHODS, PUSHER_METHODS } from '../model/methods';
import { attachedHandles, handleOf, type LiveHandle } from './registry';
import { activeRuntime } from './runtime';

type Callbacks = { success?: (r: unknown) => void; fail?: (r: unknown) => void; complete?: (r: unknown) => void };

interface Scope {
  selectComponent?: (selector: string) => unknown;
}

function findHandle(kind: 'pusher' | 'player', id: string | undefined, scope: Scope | undefined): LiveHandle | undefined {
  if (id && scope && typeof scope.selectComponent === 'function') {
    const h = handleOf(scope.selectComponent(`#${id}`));
    if (h && h.kind === kind) return h;
  }
  const all = attachedHandles().filter((h) => h.kind === kind);
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

function makeContext(kind: 'pusher' | 'player', id: string | undefined, scope: Scope | undefined): Record<string, unknown> {
  const rt = activeRuntime();
  const prefix = kind === 'pusher' ? 'operateLivePusher' : 'operateLivePlayer';
  const tag = kind === 'pusher' ? 'live-pusher' : 'live-player';
  const early = rt.params.contextBeforeReadyIsUnbound && scope !== undefined && !rt.isViewReady(scope);
  const handle = early ? undefined : findHandle(kind, id, scope);
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
          ? `the context was created before the page's view existed (in onLoad?); create it in onReady (Q4)`
          : `no <${tag}${id ? ` id="${id}"` : ''}> was on the page when the context was created`;
        result = { ok: false, errMsg: `${prefix}:fail ${why}` };
        if (!warned) {
          warned = true;
          const message = `[live-harness] ${kind === 'pusher' ? 'LivePusherContext' : 'LivePlayerContext'}.${method}() did nothing: ${why}.`;
          rt.record({ source, kind: 'warning', detail: { message } });
          console.warn(message);
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

/** The documented form takes no id (the page's only pusher, Q8); the issue's form takes (id, this). */
export function createLivePusherContext(id?: string, scope?: Scope): Record<string, unknown> {
  return makeContext('pusher', typeof id === 'string' ? id : undefined, scope);
}

export function createLivePlayerContext(id: string, scope?: Scope): Record<string, unknown> {
  return makeContext('player', id, scope);
}
