/**
 * The timers and `Date` page code sees (a retry after 1 s, a "live for 00:42"
 * counter). In virtual time they follow the rig's clock, or a page's own retry
 * would never fire inside a millisecond-long story; on real media they are the
 * real ones. Either way they are the rig's: handed to the mini-program's
 * modules as globals of their scope (never patched onto Node's), and every
 * timer a page left behind is cleared when the rig is disposed.
 */
import { type Clock, RealClock, type VirtualClock } from '../../mocks/time';

/** Fixed epoch so that Date.now() in page code is deterministic across runs. */
export const VIRTUAL_EPOCH_MS = Date.UTC(2024, 0, 1, 8, 0, 0);

type TimerFn = (...args: unknown[]) => void;

export interface PageTimers {
  /** setTimeout, clearTimeout, setInterval, clearInterval and Date, for the page's scope */
  scope(): Readonly<Record<string, unknown>>;
  dispose(): void;
}

/** Page timers on a clock: the virtual clock in virtual time, with a Date that reads it. */
export class ClockPageTimers implements PageTimers {
  private nextId = 1;
  private readonly handles = new Map<number, { id: number }>();
  private readonly values: Readonly<Record<string, unknown>>;

  constructor(
    private readonly clock: Clock,
    date: DateConstructor,
  ) {
    this.values = {
      setTimeout: (fn: TimerFn, ms?: number, ...args: unknown[]) => this.set(fn, ms ?? 0, args, false),
      setInterval: (fn: TimerFn, ms?: number, ...args: unknown[]) => this.set(fn, ms ?? 0, args, true),
      clearTimeout: (id?: number) => this.clear(id),
      clearInterval: (id?: number) => this.clear(id),
      Date: date,
    };
  }

  scope(): Readonly<Record<string, unknown>> {
    return this.values;
  }

  dispose(): void {
    for (const h of this.handles.values()) this.clock.clearTimer(h);
    this.handles.clear();
  }

  private set(fn: TimerFn, ms: number, args: unknown[], repeat: boolean): number {
    const id = this.nextId++;
    const delay = Math.max(repeat ? 1 : 0, Number(ms) || 0);
    const fire = (): void => {
      if (repeat) this.handles.set(id, this.clock.setTimer(delay, fire));
      else this.handles.delete(id);
      fn(...args);
    };
    this.handles.set(id, this.clock.setTimer(delay, fire));
    return id;
  }

  private clear(id: number | undefined): void {
    if (id === undefined) return;
    const h = this.handles.get(id);
    if (h) this.clock.clearTimer(h);
    this.handles.delete(id);
  }
}

/** A Date whose "now" is the virtual clock, from a fixed epoch. */
export function virtualDate(clock: VirtualClock): DateConstructor {
  const now = (): number => VIRTUAL_EPOCH_MS + Math.floor(clock.now());
  class VirtualDate extends Date {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(now());
      else super(...(args as [number]));
    }
    static override now(): number {
      return now();
    }
  }
  return VirtualDate as unknown as DateConstructor;
}

/** Real timers, on a clock of their own, so that none outlives the rig. */
export function realPageTimers(): PageTimers {
  const clock = new RealClock();
  const timers = new ClockPageTimers(clock, Date);
  return {
    scope: () => timers.scope(),
    dispose: () => {
      timers.dispose();
      clock.clearAll();
    },
  };
}
