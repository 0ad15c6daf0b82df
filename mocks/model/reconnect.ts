/**
 * The SDK's reconnect rule (Q1): after a lost connection it waits
 * reconnect-interval and tries again, up to reconnect-attempts times in a row;
 * a connection that gets going starts the count afresh. Past the last attempt
 * it gives up (-1307 pusher, -2301 player) and the page must start again.
 */
import type { Clock, TimerHandle } from '../time';
import type { ModelParams } from './params';

export class ReconnectPolicy {
  private made = 0;
  private timer: TimerHandle | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly params: Pick<ModelParams, 'reconnectAttempts' | 'reconnectIntervalMs'>,
  ) {}

  /** Attempts made since the last connection that got going. */
  get attempts(): number {
    return this.made;
  }

  /**
   * One connection was lost: give up when the attempts are spent, or else
   * announce the attempt and make it after the interval. The announcement
   * goes out before the timer is set: timers due at one instant fire in the
   * order they were set, so this order is part of a seed's timeline.
   */
  afterLoss(on: { giveUp(): void; retrying(): void; connect(): void }): void {
    if (this.made >= this.params.reconnectAttempts) return on.giveUp();
    this.made++;
    on.retrying();
    this.timer = this.clock.setTimer(this.params.reconnectIntervalMs, () => {
      this.timer = undefined;
      on.connect();
    });
  }

  /** A connection got going, or a new session begins: the count starts again. */
  restartCount(): void {
    this.made = 0;
  }

  /** The session ended: no attempt is pending and the count starts again. */
  cancel(): void {
    this.made = 0;
    this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }
}
