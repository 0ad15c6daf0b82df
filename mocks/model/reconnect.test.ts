import { VirtualClock } from '../time';
import { ReconnectPolicy } from './reconnect';

/** A loss handler that logs what the policy asked for, and when. */
function recorder(clock: VirtualClock, log: string[], policy: () => ReconnectPolicy) {
  const on = {
    giveUp: () => void log.push(`give-up@${clock.now()}`),
    retrying: () => void log.push(`retry#${policy().attempts}@${clock.now()}`),
    connect: () => {
      log.push(`connect@${clock.now()}`);
      // Every attempt fails again at once.
      policy().afterLoss(on);
    },
  };
  return on;
}

describe('ReconnectPolicy', () => {
  it('announces each attempt, makes it one interval later, and gives up after the last', () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    const policy = new ReconnectPolicy(clock, { reconnectAttempts: 3, reconnectIntervalMs: 1000 });
    policy.afterLoss(recorder(clock, log, () => policy));
    clock.advance(10_000);
    expect(log).toEqual(['retry#1@0', 'connect@1000', 'retry#2@1000', 'connect@2000', 'retry#3@2000', 'connect@3000', 'give-up@3000']);
    expect(clock.pending).toBe(0);
  });

  it('counts afresh after a connection got going', () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    const policy = new ReconnectPolicy(clock, { reconnectAttempts: 2, reconnectIntervalMs: 500 });
    const on = { giveUp: () => void log.push('give-up'), retrying: () => void log.push(`retry#${policy.attempts}`), connect: () => void log.push('connect') };
    policy.afterLoss(on);
    clock.advance(500);
    policy.restartCount();
    policy.afterLoss(on);
    clock.advance(500);
    policy.afterLoss(on);
    clock.advance(500);
    policy.afterLoss(on);
    expect(log).toEqual(['retry#1', 'connect', 'retry#1', 'connect', 'retry#2', 'connect', 'give-up']);
  });

  it('leaves no attempt behind once cancelled, and starts the count again', () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    const policy = new ReconnectPolicy(clock, { reconnectAttempts: 3, reconnectIntervalMs: 1000 });
    policy.afterLoss({ giveUp: () => void log.push('give-up'), retrying: () => void log.push('retry'), connect: () => void log.push('connect') });
    expect(policy.attempts).toBe(1);
    policy.cancel();
    clock.advance(5000);
    expect(log).toEqual(['retry']);
    expect(policy.attempts).toBe(0);
    expect(clock.pending).toBe(0);
  });
});
