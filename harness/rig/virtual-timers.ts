/**
 * Page code uses setTimeout/setInterval and Date.now (a retry after 1 s, a
 * "live for 00:42" counter). In virtual time those must follow the rig's clock,
 * or a page's own retry would never fire inside a millisecond-long story.
 */
import type { VirtualClock } from '../../mocks/time';

/** Fixed epoch so that Date.now() in page code is deterministic across runs. */
export const VIRTUAL_EPOCH_MS = Date.UTC(2024, 0, 1, 8, 0, 0);

type TimerFn = (...args: unknown[]) => void;

export class VirtualTimers {
  private saved: Record<string, unknown> | undefined;
  private nextId = 1;
  private readonly handles = new Map<number, { id: number }>();

  constructor(private readonly clock: VirtualClock) {}

  install(): void {
    if (this.saved) return;
    const g = globalThis as unknown as Record<string, unknown>;
    const dateCtor = g.Date as DateConstructor;
    this.saved = { setTimeout: g.setTimeout, clearTimeout: g.clearTimeout, setInterval: g.setInterval, clearInterval: g.clearInterval, dateNow: dateCtor.now };
    g.setTimeout = (fn: TimerFn, ms?: number, ...args: unknown[]) => this.set(fn, ms ?? 0, args, false);
    g.setInterval = (fn: TimerFn, ms?: number, ...args: unknown[]) => this.set(fn, ms ?? 0, args, true);
    g.clearTimeout = (id?: number) => this.clear(id);
    g.clearInterval = (id?: number) => this.clear(id);
    dateCtor.now = () => VIRTUAL_EPOCH_MS + Math.floor(this.clock.now());
  }

  uninstall(): void {
    if (!this.saved) return;
    const g = globalThis as unknown as Record<string, unknown>;
    g.setTimeout = this.saved.setTimeout;
    g.clearTimeout = this.saved.clearTimeout;
    g.setInterval = this.saved.setInterval;
    g.clearInterval = this.saved.clearInterval;
    (g.Date as DateConstructor).now = this.saved.dateNow as () => number;
    this.saved = undefined;
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
