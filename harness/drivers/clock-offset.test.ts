import { ClockOffsetError, measureClockOffset, offsetFromSamples } from './clock-offset';

describe('the phone clock offset', () => {
  it('takes the sample with the shortest round trip: offset from its midpoint, uncertainty half its round trip plus 1 ms of Date.now() resolution', () => {
    const o = offsetFromSamples([
      { sentAt: 1000, phoneAt: 38_010, receivedAt: 1010 },
      { sentAt: 2000, phoneAt: 39_001, receivedAt: 2002 },
      { sentAt: 3000, phoneAt: 40_020, receivedAt: 3040 },
    ]);
    expect(o).toEqual({ offsetMs: 37_000, uncertaintyMs: 2, bestRoundTripMs: 2, samples: 3 });
  });

  it('leaves out samples without a phone time, and says what to check when none is left', () => {
    expect(
      offsetFromSamples([
        { sentAt: 0, phoneAt: NaN, receivedAt: 1 },
        { sentAt: 5, phoneAt: 10, receivedAt: 5 },
      ]).samples,
    ).toBe(1);
    expect(() => offsetFromSamples([{ sentAt: 0, phoneAt: NaN, receivedAt: 1 }])).toThrow(
      new ClockOffsetError(
        "[live-harness] Failed to measure the phone's clock: no round trip gave a time. Check that evaluate() reaches the phone (is the session connected?).",
      ),
    );
  });

  it('bounds a skewed clock read through a real asynchronous round trip', async () => {
    const skewMs = -12_345;
    const o = await measureClockOffset(() => new Promise<number>((resolve) => setImmediate(() => resolve(Date.now() + skewMs))), 5);
    // Date.now() against the monotonic host epoch differs by a constant here; measure it the same way.
    const reference = skewMs + (Date.now() - (performance.timeOrigin + performance.now()));
    expect(Math.abs(o.offsetMs - reference)).toBeLessThanOrEqual(o.uncertaintyMs + 1);
    expect(o.samples).toBe(5);
  });
});
