/**
 * A network profile: the steady conditions of the phone's network, plus
 * scripted incidents. Units are in the names (toxiproxy's unit-less names are
 * a trap we avoid).
 */
export interface NetworkProfile {
  readonly name: string;
  readonly rttMs: number;
  readonly jitterMs: number;
  readonly upKbps: number;
  readonly downKbps: number;
  /** share of packets lost, 0–100; TCP turns loss into lost throughput */
  readonly lossPct: number;
  /** incidents on the profile's own schedule, relative to when the profile is applied */
  readonly incidents?: readonly NetworkIncident[];
}

export type IncidentKind = 'cut' | 'stall' | 'dns-fail' | 'refuse' | 'server-close' | 'reset' | 'handshake-fail';

export interface NetworkIncident {
  readonly atMs: number;
  /** how long it lasts; absent = until restored (for cut/stall/dns-fail/refuse/handshake-fail), instantaneous for server-close/reset */
  readonly forMs?: number;
  readonly kind: IncidentKind;
  /** limit to a stream key (`live/abc`) or a host; absent = everything */
  readonly target?: string;
}

export const BUILTIN_PROFILES: Readonly<Record<string, NetworkProfile>> = Object.freeze({
  // Figures are typical of each access type, chosen to exercise adaptation, not measured on one network.
  wifi: { name: 'wifi', rttMs: 30, jitterMs: 5, upKbps: 20_000, downKbps: 50_000, lossPct: 0 },
  '4g': { name: '4g', rttMs: 60, jitterMs: 15, upKbps: 5_000, downKbps: 20_000, lossPct: 0.5 },
  '3g': { name: '3g', rttMs: 150, jitterMs: 40, upKbps: 700, downKbps: 1_500, lossPct: 1 },
  weak: { name: 'weak', rttMs: 300, jitterMs: 120, upKbps: 400, downKbps: 600, lossPct: 3 },
  loopback: { name: 'loopback', rttMs: 1, jitterMs: 0, upKbps: 1_000_000, downKbps: 1_000_000, lossPct: 0 },
});

const KINDS: readonly IncidentKind[] = ['cut', 'stall', 'dns-fail', 'refuse', 'server-close', 'reset', 'handshake-fail'];

export class NetworkProfileError extends Error {
  readonly code = 'LH_NETWORK_PROFILE';
  constructor(message: string) {
    super(message);
    this.name = 'NetworkProfileError';
  }
}

/** Check a profile given as data (JSON fixture or scenario) and say exactly what is wrong. */
export function validateProfile(input: unknown, label = 'network profile'): NetworkProfile {
  const fail = (reason: string, remedy: string): never => {
    throw new NetworkProfileError(`[live-harness] Failed to load ${label}: ${reason}. ${remedy}`);
  };
  if (typeof input === 'string') {
    const p = BUILTIN_PROFILES[input];
    if (!p) fail(`"${input}" is not a built-in profile`, `Use one of ${Object.keys(BUILTIN_PROFILES).join(', ')}, or pass an object.`);
    return p as NetworkProfile;
  }
  if (typeof input !== 'object' || input === null)
    return fail('expected an object or a profile name', 'Pass e.g. { name: "mine", rttMs: 50, jitterMs: 10, upKbps: 2000, downKbps: 8000, lossPct: 0 }.');
  const o = input as Record<string, unknown>;
  const base = typeof o.extends === 'string' ? validateProfile(o.extends, label) : undefined;
  const num = (k: keyof NetworkProfile, max = Infinity): number => {
    const v = o[k] ?? (base ? base[k] : undefined);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > max)
      fail(`"${k}" must be a number in 0–${max === Infinity ? '∞' : max}, got ${JSON.stringify(v)}`, `Set "${k}" (units are in the name).`);
    return v as number;
  };
  const incidents = (o.incidents ?? []) as unknown;
  if (!Array.isArray(incidents)) fail('"incidents" must be an array', 'Use [{ "atMs": 5000, "forMs": 3000, "kind": "stall" }].');
  const checked = (incidents as unknown[]).map((raw, i) => {
    const inc = raw as Record<string, unknown>;
    if (!KINDS.includes(inc.kind as IncidentKind)) fail(`incidents[${i}].kind ${JSON.stringify(inc.kind)} is not known`, `Use one of ${KINDS.join(', ')}.`);
    if (typeof inc.atMs !== 'number' || inc.atMs < 0) fail(`incidents[${i}].atMs must be a number ≥ 0`, 'Give the start in ms from when the profile applies.');
    if (inc.forMs !== undefined && (typeof inc.forMs !== 'number' || inc.forMs <= 0))
      fail(`incidents[${i}].forMs must be a number > 0`, 'Give the duration in ms, or leave it out for "until restored".');
    return { atMs: inc.atMs as number, forMs: inc.forMs as number | undefined, kind: inc.kind as IncidentKind, target: inc.target as string | undefined };
  });
  return {
    name: typeof o.name === 'string' ? o.name : (base?.name ?? 'custom'),
    rttMs: num('rttMs', 60_000),
    jitterMs: num('jitterMs', 60_000),
    upKbps: num('upKbps'),
    downKbps: num('downKbps'),
    lossPct: num('lossPct', 100),
    incidents: checked,
  };
}
