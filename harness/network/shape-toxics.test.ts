/**
 * A network's steady conditions as toxics: what each figure of a profile
 * becomes on the wire, and that a loopback's figures add nothing.
 */
import { BUILTIN_PROFILES } from '../../mocks/link';
import { checkToxic, toxicsForShape } from '.';

describe('toxicsForShape', () => {
  it('turns the 3g profile into half its RTT each way, its two caps, and its loss as retransmissions', () => {
    const toxics = toxicsForShape(BUILTIN_PROFILES['3g'], '3g');
    expect(toxics.map((t) => `${t.type} ${t.direction}`)).toEqual([
      'latency upstream',
      'latency downstream',
      'bandwidth upstream',
      'bandwidth downstream',
      'loss both',
    ]);
    expect(toxics[0]).toMatchObject({ latencyMs: 75, jitterMs: 20, match: { phone: true } });
    expect(toxics[2]).toMatchObject({ rateKbps: 700 });
    expect(toxics[3]).toMatchObject({ rateKbps: 1500 });
    expect(toxics[4]).toMatchObject({ lossPct: 1, retransmitMs: 350 });
    for (const t of toxics) expect(checkToxic(t)).toBe(t);
  });

  it('adds nothing for loopback, and stops the bytes for a zero cap', () => {
    expect(toxicsForShape(BUILTIN_PROFILES.loopback)).toEqual([]);
    const zero = toxicsForShape({ ...BUILTIN_PROFILES.loopback, upKbps: 0 });
    expect(zero.map((t) => `${t.type} ${t.direction}`)).toEqual(['stall upstream']);
  });
});
