import { FAULT_VERBS } from '../../mocks/link';
import { validateScenario } from './validate-scenario';
import type { Scenario } from './scenario';

const ok: Scenario = { name: 'n', description: 'd', setup: { page: 'pages/play/play' }, duration: '10s', expect: { sequence: [2004] } };
const check = (over: Record<string, unknown>) => () => validateScenario({ ...ok, ...over } as Scenario);

describe('validateScenario', () => {
  it('accepts a well-formed scenario', () => {
    expect(check({})).not.toThrow();
    expect(
      check({ needs: [], timeline: [{ at: '5s', do: { freeze: 'live/demo', for: '3s' } }], expect: { sequences: [[2004], ['player#p 2007']] } }),
    ).not.toThrow();
  });

  it('names a misspelt action and suggests the nearest', () => {
    expect(check({ timeline: [{ at: '1s', do: 'cut-netwrok' }] })).toThrow(
      '[live-harness] Failed to load scenario "n": timeline[0].do "cut-netwrok" is not an action. Did you mean "cut-network"? Use one of cut-network, restore-network, stall-network, refuse-connections, fail-dns, server-close, reset-connections, background, foreground, phone-call, end-phone-call, deny-camera, deny-microphone, back, or an object with one of fault, network, device, page, setData, tap, context, publish, unpublish, freeze.',
    );
  });

  it('accepts every fault in the vocabulary, and every older spelling of one', () => {
    const faults = [
      { fault: 'cut' },
      { fault: 'cut', forMs: 4000 },
      { fault: 'restore' },
      { fault: 'stall', forMs: 4000 },
      { fault: 'refuse', forMs: 500 },
      { fault: 'failDns', host: 'x.livepush.myqcloud.com' },
      { fault: 'failHandshake' },
      { fault: 'serverClose', target: 'live/demo' },
      { fault: 'reset' },
      { fault: 'shape', upKbps: 300, rttMs: 200 },
      { fault: 'useProfile', profile: '3g' },
    ];
    expect(new Set(faults.map((f) => f.fault))).toEqual(new Set(FAULT_VERBS));
    const older = ['cut-network', 'restore-network', 'stall-network', 'refuse-connections', 'fail-dns', 'server-close', 'reset-connections'];
    const network = [
      { network: { set: { upKbps: 300 } } },
      { network: { stallFor: '4s' } },
      { network: { serverClose: 'live/demo' } },
      { network: { failDns: 'x.com' } },
    ];
    expect(check({ timeline: [{ at: '1s', do: [...faults, ...older, ...network] }] })).not.toThrow();
  });

  it('names a misspelt fault, or a misspelt parameter, and suggests the nearest', () => {
    expect(check({ timeline: [{ at: '1s', do: { fault: 'stal', forMs: 4000 } }] })).toThrow(
      '[live-harness] Failed to load scenario "n": timeline[0].do.fault "stal" is not a fault. Did you mean "stall"? Use one of cut, restore, stall, refuse, failDns, failHandshake, serverClose, reset, shape, useProfile.',
    );
    expect(check({ timeline: [{ at: '1s', do: [{ fault: 'stall', forMS: 4000 }] }] })).toThrow(
      '[live-harness] Failed to load scenario "n": timeline[0].do[0].forMS is not a parameter of stall. Did you mean "forMs"? stall takes forMs.',
    );
    expect(check({ timeline: [{ at: '1s', do: { network: { stalFor: '4s' } } }] })).toThrow(
      '[live-harness] Failed to load scenario "n": timeline[0].do.network.stalFor is not a network action. Did you mean "stallFor"? Use one of stallFor, failDns, serverClose, set.',
    );
    expect(check({ timeline: [{ at: '1s', do: { network: { set: { upKbs: 300 } } } }] })).toThrow(
      '[live-harness] Failed to load scenario "n": timeline[0].do.network.set.upKbs is not a parameter of shape. Did you mean "upKbps"? shape takes rttMs, jitterMs, upKbps, downKbps, lossPct.',
    );
  });

  it('names a bad parameter value with its unit, and a profile that does not exist', () => {
    expect(check({ timeline: [{ at: '1s', do: { fault: 'stall', forMs: '4s' } }] })).toThrow(
      '[live-harness] Failed to load scenario "n": timeline[0].do.forMs must be a number of ms, above 0, got "4s". Set forMs: how long the stall lasts; absent = until restore (units are in the name: write forMs: 4000, not "4s").',
    );
    expect(check({ timeline: [{ at: '1s', do: { fault: 'shape', lossPct: 120 } }] })).toThrow(
      '[live-harness] Failed to load scenario "n": timeline[0].do.lossPct must be a number of pct, 0–100, got 120. Set lossPct: share of packets lost, 0–100 (TCP turns it into lost throughput).',
    );
    expect(check({ timeline: [{ at: '1s', do: { fault: 'shape' } }] })).toThrow(
      '[live-harness] Failed to load scenario "n": timeline[0].do.fault shape names nothing to change. Give at least one of rttMs, jitterMs, upKbps, downKbps, lossPct.',
    );
    expect(check({ timeline: [{ at: '1s', do: { fault: 'useProfile', profile: '5g' } }] })).toThrow(
      '[live-harness] Failed to load scenario "n": timeline[0].do.profile "5g" is not a built-in profile. Did you mean "4g"? Use one of wifi, 4g, 3g, weak, loopback, or a profile object.',
    );
    expect(check({ network: { name: 'x', extends: '4g', lossPct: 101 } })).toThrow(
      '[live-harness] Failed to load scenario "n": network is not a valid profile: "lossPct" must be a number in 0–100, got 101. Set "lossPct" (units are in the name).',
    );
    expect(check({ timeline: [{ at: '1s', do: { network: { stallFor: 'a while' } } }] })).toThrow(
      /^\[live-harness\] Failed to load scenario "n": timeline\[0\]\.do\.network\.stallFor is not a duration \("a while"\)\. \[live-harness\] Failed to parse duration/,
    );
    expect(check({ timeline: [{ at: '1s', do: { network: {} } }] })).toThrow(
      `[live-harness] Failed to load scenario "n": timeline[0].do.network {} names no fault. Give one of stallFor, failDns, serverClose, set, or write the fault itself: { fault: 'stall', forMs: 4000 }.`,
    );
  });

  it('names a bad freeze duration', () => {
    expect(check({ timeline: [{ at: '1s', do: { freeze: 'live/demo', for: 'a while' } }] })).toThrow(
      /^\[live-harness\] Failed to load scenario "n": timeline\[0\]\.do\.for is not a duration \("a while"\)\. Use ms as a number or a string like "500ms", "3s", "1\.5m"\./,
    );
  });

  it('names a step that comes after the end', () => {
    expect(check({ timeline: [{ at: '12s', do: 'background' }] })).toThrow(
      '[live-harness] Failed to load scenario "n": timeline[0].at (12000 ms) is after the end of the scenario (10000 ms). Lengthen "duration" or move the step earlier.',
    );
  });

  it('names an unknown capability and suggests the nearest', () => {
    expect(check({ needs: ['real-medai'] })).toThrow(
      '[live-harness] Failed to load scenario "n": needs has "real-medai", which is not a capability. Did you mean "real-media"? Use a list of virtual-time, real-media, device (or [] for a story any target can run).',
    );
  });

  it('names malformed sequences', () => {
    expect(check({ expect: { sequences: 'x' } })).toThrow(
      '[live-harness] Failed to load scenario "n": expect.sequences is not a list of sequences. Write sequences: [[step, step], [step, step]].',
    );
    expect(check({ expect: { sequences: [[2004], []] } })).toThrow(
      '[live-harness] Failed to load scenario "n": expect.sequences[1] is not a non-empty list of steps. Write each sequence as [step, step, …].',
    );
    expect(check({ expect: { sequences: [[2004], [2.5]] } })).toThrow(
      /^\[live-harness\] Failed to load scenario "n": expect\.sequences\[1\]\[0\] is not a step \(\[live-harness\] Failed to parse sequence step 2\.5: a code must be an integer\./,
    );
  });

  it('refuses a scenario that expects nothing', () => {
    expect(check({ expect: {} })).toThrow(
      '[live-harness] Failed to load scenario "n": expect is empty. A scenario that expects nothing proves nothing; add a sequence or page state.',
    );
  });
});
