/**
 * App.callWxMethod and App.mockWxMethod over the rig's `wx` (the object page
 * code holds): a call waits for the API's success or fail callback, as
 * DevTools does, and a mock replaces the method for page code and scripts
 * alike until it is restored.
 */
import { ProtocolError, toWire } from './protocol';

type Fn = (...args: unknown[]) => unknown;

/** How long a callback-style API may take to answer (wall clock) before the call is failed rather than left hanging. */
export const WX_CALLBACK_BUDGET_MS = 10_000;

export class WxMethods {
  private readonly originals = new Map<string, PropertyDescriptor | undefined>();

  constructor(
    private readonly wx: Record<string, unknown>,
    private readonly compile: (source: string) => unknown,
  ) {}

  /** Call `wx[method](...args)`: a sync API's value, or what its success callback got; its fail callback's errMsg is the error. */
  async call(method: string, args: readonly unknown[], action: string): Promise<unknown> {
    const fn = this.wx[method];
    if (typeof fn !== 'function')
      throw new ProtocolError(
        `[live-harness] Failed to run ${action}: wx.${method} does not exist in this client. Check the name against the WeChat API docs.`,
      );
    const first = args[0];
    const callbackStyle = !method.endsWith('Sync') && !/^(on|off|create)[A-Z]/.test(method) && (first === undefined || isPlainObject(first));
    if (!callbackStyle) return (fn as Fn).apply(this.wx, [...args]);
    return new Promise((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        reject(
          new ProtocolError(
            `[live-harness] Failed to run ${action}: wx.${method} called neither success nor fail within ${WX_CALLBACK_BUDGET_MS} ms. Call a sync API, or one that answers.`,
          ),
        );
      }, WX_CALLBACK_BUDGET_MS);
      timer.unref?.();
      const done = (ok: boolean, res: unknown): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (ok) resolve(res);
        else reject(new ProtocolError(errMsgOf(res) ?? `${method}:fail`));
      };
      const options = {
        ...((first as Record<string, unknown> | undefined) ?? {}),
        success: (r: unknown) => done(true, r),
        fail: (r: unknown) => done(false, r),
      };
      try {
        const ret = (fn as Fn).apply(this.wx, [options, ...args.slice(1)]);
        // Promise-style answers count too (miniprogram-simulate's APIs return one).
        if (ret && typeof (ret as Promise<unknown>).then === 'function')
          (ret as Promise<unknown>).then(
            (r) => done(true, r),
            (e) => done(false, e),
          );
      } catch (e) {
        settled = true;
        clearTimeout(timer);
        reject(e);
      }
    });
  }

  /**
   * Mock `wx[method]`: with `result`, it answers that (returned, and passed
   * to success/complete); with `functionDeclaration`, that function runs in
   * the app service with the call's arguments followed by `extraArgs`, and
   * `this.origin` is the real method.
   */
  mock(method: string, how: { result: unknown } | { functionDeclaration: string; extraArgs: readonly unknown[] }, action: string): void {
    if (!this.originals.has(method)) this.originals.set(method, Object.getOwnPropertyDescriptor(this.wx, method));
    const origin = this.originalFn(method);
    let replacement: Fn;
    if ('result' in how) {
      const result = how.result;
      replacement = (...args: unknown[]) => {
        const opts = args[0];
        if (isPlainObject(opts)) {
          const o = opts as Record<string, Fn | undefined>;
          void Promise.resolve().then(() => {
            if (typeof o.success === 'function') o.success(clone(result));
            if (typeof o.complete === 'function') o.complete(clone(result));
          });
        }
        return clone(result);
      };
    } else {
      let impl: unknown;
      try {
        impl = this.compile(how.functionDeclaration);
      } catch (e) {
        this.restore(method);
        throw new ProtocolError(
          `[live-harness] Failed to run ${action}: the function for wx.${method} does not compile (${(e as Error).message}). Send a function's source.`,
        );
      }
      if (typeof impl !== 'function') {
        this.restore(method);
        throw new ProtocolError(`[live-harness] Failed to run ${action}: functionDeclaration for wx.${method} is not a function. Send a function's source.`);
      }
      const extra = [...how.extraArgs];
      replacement = (...args: unknown[]) => (impl as Fn).apply({ origin }, [...args, ...extra]);
    }
    this.wx[method] = replacement;
  }

  /** Put the real method back (nothing to do when it was never mocked). */
  restore(method: string): void {
    if (!this.originals.has(method)) return;
    const d = this.originals.get(method);
    this.originals.delete(method);
    if (d) Object.defineProperty(this.wx, method, d);
    else delete this.wx[method];
  }

  restoreAll(): void {
    for (const m of [...this.originals.keys()]) this.restore(m);
  }

  private originalFn(method: string): Fn | undefined {
    const d = this.originals.get(method);
    const real = d ? d.value : Object.getPrototypeOf(this.wx)?.[method];
    return typeof real === 'function' ? (real as Fn).bind(this.wx) : undefined;
  }
}

function isPlainObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function errMsgOf(v: unknown): string | undefined {
  if (v instanceof Error) return v.message;
  if (isPlainObject(v) && typeof (v as { errMsg?: unknown }).errMsg === 'string') return (v as { errMsg: string }).errMsg;
  return undefined;
}

function clone(v: unknown): unknown {
  return v === undefined ? undefined : toWire(v);
}
