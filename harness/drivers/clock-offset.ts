/**
 * Where a phone's clock stands against the host's: measured by round trips
 * at session start. Each sample reads the host clock, asks the phone for its
 * `Date.now()`, and reads the host clock again; the phone read its clock
 * somewhere inside that round trip, so the sample with the shortest round
 * trip bounds the offset tightest: offset = phone − host midpoint, within
 * ± half that round trip, plus the phone clock's own resolution (1 ms for
 * `Date.now()`).
 */

export interface ClockSample {
  /** host epoch ms when the request left */
  readonly sentAt: number;
  /** the phone's Date.now() */
  readonly phoneAt: number;
  /** host epoch ms when the answer came */
  readonly receivedAt: number;
}

export interface ClockOffset {
  /** phone clock − host clock, ms */
  readonly offsetMs: number;
  /** every mapped time is within ± this of the host time of the same instant, ms */
  readonly uncertaintyMs: number;
  /** the shortest round trip, ms */
  readonly bestRoundTripMs: number;
  readonly samples: number;
}

/** `Date.now()` counts whole ms: a phone reading may be up to 1 ms behind the instant. */
export const PHONE_CLOCK_RESOLUTION_MS = 1;

export class ClockOffsetError extends Error {
  readonly code = 'LH_CLOCK_OFFSET';
}

/** Host epoch ms, with sub-ms precision and never stepping back (unlike Date.now()). */
export function hostEpochMs(): number {
  return performance.timeOrigin + performance.now();
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export function offsetFromSamples(samples: readonly ClockSample[]): ClockOffset {
  const valid = samples.filter((s) => Number.isFinite(s.phoneAt) && s.receivedAt >= s.sentAt);
  if (valid.length === 0)
    throw new ClockOffsetError(
      "[live-harness] Failed to measure the phone's clock: no round trip gave a time. Check that evaluate() reaches the phone (is the session connected?).",
    );
  const best = valid.reduce((a, b) => (b.receivedAt - b.sentAt < a.receivedAt - a.sentAt ? b : a));
  const rtt = best.receivedAt - best.sentAt;
  return {
    offsetMs: round(best.phoneAt - (best.sentAt + rtt / 2)),
    uncertaintyMs: round(rtt / 2 + PHONE_CLOCK_RESOLUTION_MS),
    bestRoundTripMs: round(rtt),
    samples: valid.length,
  };
}

/** Take `count` samples with `readPhone` (one round trip each), one after another. */
export async function measureClockOffset(readPhone: () => Promise<number>, count = 9): Promise<ClockOffset> {
  const samples: ClockSample[] = [];
  for (let i = 0; i < count; i++) {
    const sentAt = hostEpochMs();
    const phoneAt = await readPhone();
    const receivedAt = hostEpochMs();
    samples.push({ sentAt, phoneAt: Number(phoneAt), receivedAt });
  }
  return offsetFromSamples(samples);
}
