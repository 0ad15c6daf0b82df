/**
 * The model never reads time itself: it is handed a Clock. In virtual time the
 * clock only moves when the rig advances it, which is what makes a 60 s
 * reconnect story run in milliseconds and replay identically for one seed.
 */
export interface TimerHandle {
  readonly id: number;
}

export interface Clock {
  /** ms since the clock started */
  now(): number;
  setTimer(delayMs: number, fn: () => void): TimerHandle;
  clearTimer(handle: TimerHandle | undefined): void;
}

interface Scheduled {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** A binary heap ordered by (time, insertion order): equal times fire FIFO, so runs are deterministic. */
class TimerQueue {
  private heap: Scheduled[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(item: Scheduled): void {
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  peek(): Scheduled | undefined {
    return this.heap[0];
  }

  pop(): Scheduled | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop() as Scheduled;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

function before(a: Scheduled, b: Scheduled): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

export class VirtualClock implements Clock {
  private current = 0;
  private seq = 0;
  private readonly queue = new TimerQueue();
  private readonly live = new Map<number, Scheduled>();

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, fn: () => void): TimerHandle {
    const delay = Number.isFinite(delayMs) && delayMs > 0 ? delayMs : 0;
    const item: Scheduled = { at: this.current + delay, seq: ++this.seq, fn, cancelled: false };
    this.queue.push(item);
    this.live.set(item.seq, item);
    return { id: item.seq };
  }

  clearTimer(handle: TimerHandle | undefined): void {
    if (!handle) return;
    const item = this.live.get(handle.id);
    if (item) {
      item.cancelled = true;
      this.live.delete(handle.id);
    }
  }

  /** Timers still to fire. */
  get pending(): number {
    return this.live.size;
  }

  /** Time of the next live timer, if any. */
  nextAt(): number | undefined {
    this.dropCancelled();
    return this.queue.peek()?.at;
  }

  /**
   * Fire the next timer due at or before `limit`, moving time to it.
   * Returns false when nothing is due.
   */
  step(limit: number): boolean {
    this.dropCancelled();
    const next = this.queue.peek();
    if (!next || next.at > limit) return false;
    this.queue.pop();
    this.live.delete(next.seq);
    this.current = Math.max(this.current, next.at);
    next.fn();
    return true;
  }

  /** Synchronous advance; use the rig's async advance when page code (promises) must run in between. */
  advance(ms: number): void {
    const limit = this.current + Math.max(0, ms);
    while (this.step(limit)) {
      /* keep firing */
    }
    this.current = limit;
  }

  /** Move time forward without firing anything (used after the last due timer). */
  moveTo(t: number): void {
    if (t > this.current) this.current = t;
  }

  private dropCancelled(): void {
    let top = this.queue.peek();
    while (top && top.cancelled) {
      this.queue.pop();
      top = this.queue.peek();
    }
  }
}

/** Wall-clock time, for media mode: the same interface over real timers. */
export class RealClock implements Clock {
  private readonly origin = performance.now();
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  private seq = 0;

  now(): number {
    return performance.now() - this.origin;
  }

  setTimer(delayMs: number, fn: () => void): TimerHandle {
    const id = ++this.seq;
    const t = setTimeout(
      () => {
        this.timers.delete(id);
        fn();
      },
      Math.max(0, delayMs),
    );
    this.timers.set(id, t);
    return { id };
  }

  clearTimer(handle: TimerHandle | undefined): void {
    if (!handle) return;
    const t = this.timers.get(handle.id);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(handle.id);
  }

  /** Cancel everything: nothing the rig scheduled may outlive it. */
  clearAll(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
