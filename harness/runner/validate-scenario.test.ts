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
      '[live-harness] Failed to load scenario "n": timeline[0].do "cut-netwrok" is not an action. Did you mean "cut-network"? Use one of cut-network, restore-network, stall-network, refuse-connections, fail-dns, server-close, reset-connections, background, foreground, phone-call, end-phone-call, deny-camera, deny-microphone, back, or an object with one of network, device, page, setData, tap, context, publish, unpublish, freeze.',
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
