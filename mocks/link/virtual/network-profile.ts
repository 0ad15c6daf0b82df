/**
 * Network profiles as data: the built-in ones, and the check that turns a
 * profile from a JSON fixture or a scenario into one the virtual link can
 * run, saying exactly what is wrong otherwise. Its conditions are the
 * parameters of `shape`, its incidents faults of the vocabulary (faults.ts).
 */
import { checkFault, FAULT_VERBS, FAULTS, faultSpec, type FaultVerb, type NetworkShape, type NetworkIncident, type NetworkProfile } from '../faults';

export type { IncidentKind, LegacyNetworkIncident, NetworkIncident, NetworkProfile } from '../faults';

export const BUILTIN_PROFILES: Readonly<Record<string, NetworkProfile>> = Object.freeze({
  // Figures are typical of each access type, chosen to exercise adaptation, not measured on one network.
  wifi: { name: 'wifi', rttMs: 30, jitterMs: 5, upKbps: 20_000, downKbps: 50_000, lossPct: 0 },
  '4g': { name: '4g', rttMs: 60, jitterMs: 15, upKbps: 5_000, downKbps: 20_000, lossPct: 0.5 },
  '3g': { name: '3g', rttMs: 150, jitterMs: 40, upKbps: 700, downKbps: 1_500, lossPct: 1 },
  weak: { name: 'weak', rttMs: 300, jitterMs: 120, upKbps: 400, downKbps: 600, lossPct: 3 },
  loopback: { name: 'loopback', rttMs: 1, jitterMs: 0, upKbps: 1_000_000, downKbps: 1_000_000, lossPct: 0 },
});

/** The verbs a profile may schedule, and the kinds from before the vocabulary that name them. */
const INCIDENT_VERBS = FAULT_VERBS.filter((v) => faultSpec(v).incident);
const LEGACY_KINDS = new Map<string, FaultVerb>(
  FAULT_VERBS.flatMap((v) => {
    const kind = faultSpec(v).legacy?.incidentKind;
    return kind ? [[kind, v] as const] : [];
  }),
);

export class NetworkProfileError extends Error {
  readonly code = 'LH_NETWORK_PROFILE';
  constructor(
    label: string,
    /** what is wrong, for a caller that reports it under its own field */
    readonly reason: string,
    readonly remedy: string,
  ) {
    super(`[live-harness] Failed to load ${label}: ${reason}. ${remedy}`);
    this.name = 'NetworkProfileError';
  }
}

/** Check a profile given as data (JSON fixture or scenario) and say exactly what is wrong. */
export function validateProfile(input: unknown, label = 'network profile'): NetworkProfile {
  const fail = (reason: string, remedy: string): never => {
    throw new NetworkProfileError(label, reason, remedy);
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
  const shape = faultSpec('shape').params;
  const num = (k: keyof NetworkShape): number => {
    const v = o[k] ?? (base ? base[k] : undefined);
    const max = shape[k].max ?? Infinity;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > max)
      fail(`"${k}" must be a number in 0–${max === Infinity ? '∞' : max}, got ${JSON.stringify(v)}`, `Set "${k}" (units are in the name).`);
    return v as number;
  };
  const incidents = (o.incidents ?? []) as unknown;
  if (!Array.isArray(incidents)) fail('"incidents" must be an array', 'Use [{ "atMs": 5000, "fault": "stall", "forMs": 3000 }].');
  const checked = (incidents as unknown[]).map((raw, i) => incident(raw, `incidents[${i}]`, fail));
  return {
    name: typeof o.name === 'string' ? o.name : (base?.name ?? 'custom'),
    rttMs: num('rttMs'),
    jitterMs: num('jitterMs'),
    upKbps: num('upKbps'),
    downKbps: num('downKbps'),
    lossPct: num('lossPct'),
    incidents: checked,
  };
}

function incident(raw: unknown, field: string, fail: (reason: string, remedy: string) => never): NetworkIncident {
  const example = 'Write e.g. { "atMs": 10000, "fault": "stall", "forMs": 2500 }.';
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail(`${field} is not an object`, example);
  let inc = raw as Record<string, unknown>;
  if ('kind' in inc && 'fault' in inc)
    fail(`${field} has both "kind" and "fault"`, 'Keep "fault" (the vocabulary of docs/faults.md); "kind" is its older spelling.');
  if ('kind' in inc) inc = modernize(inc, (reason, remedy) => fail(`${field}.${reason}`, remedy));
  const { atMs, ...fault } = inc;
  if (typeof atMs !== 'number' || !Number.isFinite(atMs) || atMs < 0)
    fail(`${field}.atMs must be a number ≥ 0`, 'Give the start in ms from when the profile applies.');
  const issue = checkFault(fault);
  if (issue) fail(`${field}.${issue.field} ${issue.reason}`, issue.remedy);
  const verb = fault.fault as FaultVerb;
  if (!faultSpec(verb).incident)
    fail(
      `${field}.fault "${verb}" cannot be scheduled by a profile`,
      `Use one of ${INCIDENT_VERBS.join(', ')}; switch profiles from the test or the scenario timeline.`,
    );
  return { atMs, ...fault } as NetworkIncident;
}

/** `{ kind: 'dns-fail', target, forMs }` → `{ fault: 'failDns', host, forMs }` */
function modernize(inc: Record<string, unknown>, fail: (reason: string, remedy: string) => never): Record<string, unknown> {
  const { kind, target, ...rest } = inc;
  const kinds = [...LEGACY_KINDS.keys()];
  const verb =
    typeof kind === 'string' ? (LEGACY_KINDS.get(kind) ?? (INCIDENT_VERBS.includes(kind as FaultVerb) ? (kind as FaultVerb) : undefined)) : undefined;
  if (!verb)
    return fail(`kind ${JSON.stringify(kind)} is not known`, `Use "fault" with one of ${INCIDENT_VERBS.join(', ')} (or the older kinds ${kinds.join(', ')}).`);
  const params: Readonly<Record<string, unknown>> = FAULTS[verb].params;
  // The older form had one `target` for all kinds: the host whose lookups fail, or the connections hit.
  const scope = 'target' in params ? 'target' : 'host' in params ? 'host' : undefined;
  if (target !== undefined && !scope) fail(`target is not a parameter of ${verb}`, `Leave it out: ${verb} applies to every connection.`);
  return { fault: verb, ...rest, ...(target !== undefined && scope ? { [scope]: target } : {}) };
}
