import { Histogram, bucketFrom, bucketIndex, bucketTo } from './histogram';

describe('Histogram', () => {
  it('puts each value in the bucket whose edges hold it', () => {
    for (const v of [0, 0.5, 1, 1.5, 2, 3, 100, 999.9, 1000, 1e6]) {
      const k = bucketIndex(v);
      expect(v).toBeGreaterThanOrEqual(bucketFrom(k));
      expect(v).toBeLessThan(bucketTo(k));
    }
  });

  it('reads percentiles within a bucket of the true value', () => {
    const h = new Histogram();
    for (let v = 1; v <= 1000; v++) h.add(v);
    expect(h.count).toBe(1000);
    for (const [q, truth] of [
      [0.5, 500],
      [0.95, 950],
      [0.99, 990],
    ] as const)
      expect(Math.abs(h.percentile(q) - truth) / truth).toBeLessThan(0.045);
    expect(h.max).toBe(1000);
    expect(h.min).toBe(1);
    expect(h.percentile(1)).toBe(1000);
  });

  it('never reads a percentile outside the values it saw', () => {
    const h = new Histogram().add(700).add(700);
    expect(h.percentile(0.5)).toBe(700);
    expect(h.percentile(0.01)).toBe(700);
  });

  it('counts negative and non-finite values as zero or not at all', () => {
    const h = new Histogram().add(-3).add(NaN).add(Infinity);
    expect(h.count).toBe(1);
    expect(h.max).toBe(0);
  });

  it('merges exactly: the sum of two halves is the whole', () => {
    const whole = new Histogram();
    const a = new Histogram();
    const b = new Histogram();
    for (let i = 0; i < 5000; i++) {
      const v = (i * 7919) % 3001;
      whole.add(v);
      (i % 2 ? a : b).add(v);
    }
    expect(new Histogram().merge(a).merge(b).toJSON()).toEqual(whole.toJSON());
  });

  it('merges from its JSON form as from itself', () => {
    const a = new Histogram().add(10).add(20).add(3000, 4);
    const b = new Histogram().add(0.2).add(15);
    const viaJson = Histogram.fromJSON(JSON.parse(JSON.stringify(a.toJSON()))).merge(JSON.parse(JSON.stringify(b.toJSON())));
    expect(viaJson.toJSON()).toEqual(new Histogram().merge(a).merge(b).toJSON());
    expect(viaJson.count).toBe(8);
    expect(viaJson.countAtLeast(3000)).toBe(4);
  });

  it('refuses buckets that are not its own, and counts that do not add up', () => {
    expect(() => Histogram.fromJSON({ p50: 0, p95: 0, p99: 0, max: 5, min: 5, count: 1, buckets: [{ from: 4.9, to: 5.1, count: 1 }] })).toThrow(
      /Failed to read a histogram: bucket .* is not one of live-harness's fixed buckets/,
    );
    const good = new Histogram().add(5).toJSON();
    expect(() => Histogram.fromJSON({ ...good, count: 2 })).toThrow(/hold 1 values but it says count 2/);
  });

  it('says what a percentile share must be', () => {
    expect(() => new Histogram().add(1).percentile(95)).toThrow(/95 is not a share between 0 and 1/);
  });
});
