/**
 * The pending ends of timed faults (`{ fault: 'cut', forMs: 4000 }`), one per
 * fault and scope. They are tracked so that restore(), or the same fault
 * applied again, replaces an old end instead of leaving a timer behind that
 * later undoes a newer fault.
 */
import type { Clock, TimerHandle } from '../time';

export class FaultEnds {
  private readonly ends = new Map<string, TimerHandle>();

  constructor(private readonly clock: Clock) {}

  /** The fault `key` now ends after `forMs` (never, when undefined), whatever end it had before. */
  set(key: string, forMs: number | undefined, end: () => void): void {
    this.cancel(key);
    if (forMs === undefined) return;
    this.ends.set(
      key,
      this.clock.setTimer(forMs, () => {
        this.ends.delete(key);
        end();
      }),
    );
  }

  cancel(key: string): void {
    const h = this.ends.get(key);
    if (!h) return;
    this.clock.clearTimer(h);
    this.ends.delete(key);
  }

  clear(): void {
    for (const h of this.ends.values()) this.clock.clearTimer(h);
    this.ends.clear();
  }
}
