/**
 * Profiles as data: the fixtures load, incidents are faults of the vocabulary
 * (the older kinds still load), and a wrong profile says what and how to fix it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateProfile } from './network-profile';

const fixtures = join(__dirname, '../../../fixtures/network');

describe('validateProfile', () => {
  it('loads every profile in fixtures/network', () => {
    const files = readdirSync(fixtures).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const p = validateProfile(JSON.parse(readFileSync(join(fixtures, f), 'utf8')));
      expect(p.name).toBe(f.replace(/\.json$/, ''));
    }
    expect(validateProfile(JSON.parse(readFileSync(join(fixtures, 'flaky-4g.json'), 'utf8')))).toEqual({
      name: 'flaky-4g',
      rttMs: 60,
      jitterMs: 15,
      upKbps: 5000,
      downKbps: 20000,
      lossPct: 0.5,
      incidents: [
        { atMs: 10000, fault: 'stall', forMs: 2500 },
        { atMs: 30000, fault: 'cut', forMs: 4000 },
      ],
    });
  });

  it('turns the older incident kinds into faults of the vocabulary', () => {
    const p = validateProfile({
      extends: 'wifi',
      incidents: [
        { atMs: 1, kind: 'cut', forMs: 2 },
        { atMs: 3, kind: 'dns-fail', target: 'x.com' },
        { atMs: 4, kind: 'handshake-fail' },
        { atMs: 5, kind: 'server-close', target: 'live/a' },
        { atMs: 6, kind: 'reset' },
        { atMs: 7, kind: 'refuse' },
        { atMs: 8, kind: 'stall' },
      ],
    });
    expect(p.incidents).toEqual([
      { atMs: 1, fault: 'cut', forMs: 2 },
      { atMs: 3, fault: 'failDns', host: 'x.com' },
      { atMs: 4, fault: 'failHandshake' },
      { atMs: 5, fault: 'serverClose', target: 'live/a' },
      { atMs: 6, fault: 'reset' },
      { atMs: 7, fault: 'refuse' },
      { atMs: 8, fault: 'stall' },
    ]);
  });

  it('says what is wrong with an incident, and how to fix it', () => {
    const load = (incident: unknown) => () => validateProfile({ extends: 'wifi', incidents: [incident] });
    expect(load({ atMs: 1, kind: 'dns-fial' })).toThrow(
      '[live-harness] Failed to load network profile: incidents[0].kind "dns-fial" is not known. Use "fault" with one of cut, restore, stall, partition, refuse, failDns, failHandshake, serverClose, reset, shape (or the older kinds cut, stall, refuse, dns-fail, handshake-fail, server-close, reset).',
    );
    expect(load({ atMs: 1, fault: 'stal' })).toThrow(
      '[live-harness] Failed to load network profile: incidents[0].fault "stal" is not a fault. Use one of cut, restore, stall, partition, refuse, failDns, failHandshake, serverClose, reset, shape, useProfile.',
    );
    expect(load({ atMs: 1, kind: 'server-close', forMs: 3000 })).toThrow(
      '[live-harness] Failed to load network profile: incidents[0].forMs is not a parameter of serverClose. serverClose takes target.',
    );
    expect(load({ atMs: 1, kind: 'cut', target: 'live/a' })).toThrow(
      '[live-harness] Failed to load network profile: incidents[0].target is not a parameter of cut. Leave it out: cut applies to every connection.',
    );
    expect(load({ atMs: 1, kind: 'cut', fault: 'cut' })).toThrow(
      '[live-harness] Failed to load network profile: incidents[0] has both "kind" and "fault". Keep "fault" (the vocabulary of docs/faults.md); "kind" is its older spelling.',
    );
    expect(load({ atMs: 1, fault: 'useProfile', profile: '3g' })).toThrow(
      '[live-harness] Failed to load network profile: incidents[0].fault "useProfile" cannot be scheduled by a profile. Use one of cut, restore, stall, partition, refuse, failDns, failHandshake, serverClose, reset, shape; switch profiles from the test or the scenario timeline.',
    );
    expect(load({ fault: 'cut' })).toThrow(
      '[live-harness] Failed to load network profile: incidents[0].atMs must be a number ≥ 0. Give the start in ms from when the profile applies.',
    );
    expect(load({ atMs: 1, fault: 'stall', forMs: 0 })).toThrow(
      '[live-harness] Failed to load network profile: incidents[0].forMs must be a number of ms, above 0, got 0. Set forMs: how long the stall lasts; absent = until restore.',
    );
  });

  it('checks the steady conditions against the bounds of shape', () => {
    expect(() => validateProfile({ extends: '4g', rttMs: 70_000 })).toThrow(
      '[live-harness] Failed to load network profile: "rttMs" must be a number in 0–60000, got 70000. Set "rttMs" (units are in the name).',
    );
  });
});
