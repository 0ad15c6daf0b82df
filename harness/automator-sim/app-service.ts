/**
 * What an automation server adds to the mini-program's app service: the
 * console it reports (App.enableLog), the functions a script exposed
 * (App.addBinding), `wx` methods a script mocked (App.mockWxMethod), and a
 * `Date` that runs off the host's by `clockSkewMs` (a phone whose clock
 * differs). Handed to the rig as extra globals of the app service.
 */
import { claimGlobals } from '../page';
import { toWire } from './protocol';

type Fn = (...args: unknown[]) => unknown;
type Emit = (method: string, params: Record<string, unknown>) => void;

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

export class AppService {
  private logging = false;
  private readonly bindings = new Map<string, Fn>();
  private readonly releases: Array<() => void> = [];
  private readonly console: Console;

  constructor(
    private readonly emit: Emit,
    private readonly clockSkewMs: number,
    /** an uncaught error of page code (here: a timer's callback threw) */
    private readonly onUncaught: (e: unknown) => void = () => undefined,
  ) {
    const real = globalThis.console;
    const wrapped = Object.create(real) as Record<string, unknown>;
    for (const type of CONSOLE_METHODS) {
      wrapped[type] = (...args: unknown[]) => {
        if (this.logging) this.emit('App.logAdded', { type, args: args.map(logArg) });
        (real[type] as Fn).apply(real, args);
      };
    }
    this.console = wrapped as unknown as Console;
  }

  /** The globals this adds over the rig's own (`base`). */
  scope(base: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
    const extra: Record<string, unknown> = { console: this.console, ...Object.fromEntries(this.bindings) };
    if (this.clockSkewMs !== 0) extra.Date = skewedDate((base.Date as DateConstructor | undefined) ?? Date, this.clockSkewMs);
    // A timer's callback that throws is the app's uncaught exception: reported, and the app (and the clock) go on, as in WeChat.
    for (const name of ['setTimeout', 'setInterval'] as const) {
      const timer = (base[name] as Fn | undefined) ?? (globalThis[name] as unknown as Fn);
      extra[name] = (fn: unknown, ms?: unknown, ...args: unknown[]) =>
        timer(
          typeof fn === 'function'
            ? (...a: unknown[]) => {
                try {
                  (fn as Fn)(...a);
                } catch (e) {
                  this.onUncaught(e);
                }
              }
            : fn,
          ms,
          ...args,
        );
    }
    return extra;
  }

  enableLog(): void {
    this.logging = true;
  }

  /**
   * A global function `name` whose calls become App.bindingCalled events.
   * Modules loaded from now on see it in their scope; code already loaded
   * reaches it as a global.
   */
  addBinding(name: string): void {
    const fn: Fn = (...args: unknown[]) => {
      this.emit('App.bindingCalled', { name, args: args.map((a) => toWire(a) ?? null) });
    };
    this.bindings.set(name, fn);
    this.releases.push(claimGlobals({ [name]: fn }));
  }

  /** Take back every global this claimed. */
  dispose(): void {
    for (const r of this.releases.splice(0).reverse()) r();
    this.bindings.clear();
    this.logging = false;
  }
}

function logArg(a: unknown): unknown {
  if (a instanceof Error) return a.stack ?? a.message;
  const w = toWire(a);
  return w === undefined ? String(a) : w;
}

/** A Date class reading `base` shifted by `skewMs`: `new Date()` and `Date.now()` move, explicit dates do not. */
export function skewedDate(base: DateConstructor, skewMs: number): DateConstructor {
  class SkewedDate extends base {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(base.now() + skewMs);
      else super(...(args as [string]));
    }
    static override now(): number {
      return base.now() + skewMs;
    }
  }
  return SkewedDate as unknown as DateConstructor;
}
