import { assignGroups, planViewers } from './audience-plan';
import { Audience, checkAudienceOptions } from './audience';

describe('planViewers', () => {
  it('gives each share exactly its part of the audience, spread over it', () => {
    const groups = assignGroups(20, [0.1]);
    expect(groups.filter((g) => g === 1)).toHaveLength(2);
    // one in each half: a ramp or a shard meets the share alike
    expect(groups.slice(0, 10).filter((g) => g === 1)).toHaveLength(1);
    const three = assignGroups(100, [0.1, 0.25]);
    expect([0, 1, 2].map((g) => three.filter((x) => x === g).length)).toEqual([65, 10, 25]);
  });

  it('spreads a ramp evenly from 0 to rampS', () => {
    const plan = planViewers(5, [], { rampS: 2 });
    expect(plan.map((p) => p.joinAtMs)).toEqual([0, 500, 1000, 1500, 2000]);
    expect(planViewers(3, [], 'burst').every((p) => p.joinAtMs === 0)).toBe(true);
  });

  it('splits the same viewers among shards, none twice and none left out', () => {
    const whole = planViewers(21, [0.1], { rampS: 10 });
    const shards = [1, 2, 3].map((index) => planViewers(21, [0.1], { rampS: 10 }, { index, count: 3 }));
    const merged = shards.flat().sort((a, b) => a.index - b.index);
    expect(merged).toEqual(whole);
  });

  it('gives every shard its part of every share, however the share is spaced', () => {
    // 2 of 20 on the share, 10 apart: a split by index alone would put both on one of two shards.
    const halves = [1, 2].map((index) => planViewers(20, [0.1], 'burst', { index, count: 2 }));
    expect(halves.map((h) => h.length)).toEqual([10, 10]);
    expect(halves.map((h) => h.filter((p) => p.group === 1).length)).toEqual([1, 1]);
  });
});

describe('checkAudienceOptions', () => {
  const ok = { stream: 'live/a', viewers: 10, protocol: 'rtmp' } as const;
  it('names the wrong field and the fix', () => {
    expect(() => checkAudienceOptions({ ...ok, viewers: 0 })).toThrow(/"viewers" must be a whole number in 1–5000, got 0/);
    expect(() => checkAudienceOptions({ ...ok, protocol: 'http_flv' as 'rtmp' })).toThrow(/Did you mean "http-flv"\?/);
    expect(() => checkAudienceOptions({ ...ok, join: { rampS: -1 } })).toThrow(/"join" must be "burst" or \{ rampS \}/);
    expect(() => checkAudienceOptions({ ...ok, faults: [{ share: 0.1, profile: '3G' }] })).toThrow(/Did you mean "3g"\?/);
    expect(() => checkAudienceOptions({ ...ok, faults: [{ share: 0.1 }] })).toThrow(/needs exactly one of "profile" or "toxics"/);
    expect(() => checkAudienceOptions({ ...ok, faults: [{ share: 0.1, profile: 'toString' }] })).toThrow(/is not a built-in profile/);
    expect(() => checkAudienceOptions({ ...ok, stallMs: 0 })).toThrow(/"stallMs" must be in \(0, 60000\], got 0/);
    expect(() =>
      checkAudienceOptions({
        ...ok,
        faults: [
          { share: 0.7, profile: '3g' },
          { share: 0.5, profile: 'weak' },
        ],
      }),
    ).toThrow(/add up to 1.20/);
    expect(() => checkAudienceOptions(ok)).not.toThrow();
  });

  it('loads only loopback or the external server named explicitly', () => {
    const far = { rtmp: 'rtmp://203.0.113.5/live/a', httpFlv: 'http://203.0.113.5/live/a.flv' };
    expect(() => new Audience(ok, far)).toThrow(/203\.0\.113\.5 is neither loopback nor the external server named explicitly/);
    expect(() => new Audience(ok, { ...far, allowedHosts: ['203.0.113.5'] })).not.toThrow();
    expect(() => new Audience(ok, { rtmp: 'rtmp://127.0.0.1:1935/live/a', httpFlv: 'http://127.0.0.1:8000/live/a.flv' })).not.toThrow();
  });
});
