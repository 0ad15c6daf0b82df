/**
 * The one vocabulary of network faults. Every verb a test, a scenario or a
 * network profile can use is listed here once, with its parameters as data
 * (units in their names). The `Fault` type, the scenario actions, the
 * methods of `rig.network`, profile incidents, scenario validation and
 * docs/faults.md are all derived from this list; each link interprets it
 * (see FaultInterpreter in types.ts).
 */

/** How a parameter's value is read: its unit, or what kind of name it is. */
export type ParamUnit = 'ms' | 'kbps' | 'pct' | 'host' | 'target' | 'profile';

export interface FaultParamSpec {
  readonly unit: ParamUnit;
  /** one line: what the parameter means, and what its absence means */
  readonly doc: string;
  /** a value to show in docs and examples */
  readonly example: number | string;
  readonly required?: true;
  /** numbers: the largest value that makes sense */
  readonly max?: number;
  /** numbers: must be above 0, not just at least 0 */
  readonly positive?: true;
}

export interface FaultSpec {
  /** one line: what happens to the phone's network */
  readonly doc: string;
  /**
   * lasting: holds until restore() or its `forMs` runs out;
   * instant: happens once; steady: changes the network's conditions.
   */
  readonly kind: 'lasting' | 'instant' | 'steady';
  readonly params: Readonly<Record<string, FaultParamSpec>>;
  /** the action the timeline records (source `network`, kind `action`) */
  readonly timeline: string;
  /** whether a network profile may schedule it as an incident */
  readonly incident: boolean;
  /** spellings from before this vocabulary, still accepted */
  readonly legacy?: {
    /** a scenario string action: `do: 'cut-network'` */
    readonly action?: string;
    /** a profile incident kind: `{ kind: 'dns-fail' }` */
    readonly incidentKind?: string;
    /** a key of the scenario action `{ network: { … } }`, and the parameter its value fills ('*': the value is the parameters) */
    readonly networkKey?: { readonly key: string; readonly param: string };
  };
}

const forMs = (what: string) => ({ unit: 'ms', doc: `how long ${what} lasts; absent = until restore`, example: 4000, positive: true }) as const;
const target = { unit: 'target', doc: 'only connections of this stream key (`live/abc`) or host; absent = all', example: 'live/demo' } as const;

export const FAULTS = {
  cut: {
    doc: 'The phone loses its network: open sockets break, connects in flight fail, lookups fail.',
    kind: 'lasting',
    params: { forMs: forMs('the cut') },
    timeline: 'cut',
    incident: true,
    legacy: { action: 'cut-network', incidentKind: 'cut' },
  },
  restore: {
    doc: "Undo every lasting fault; the profile's steady conditions stay.",
    kind: 'instant',
    params: {},
    timeline: 'restore',
    incident: true,
    legacy: { action: 'restore-network' },
  },
  stall: {
    doc: 'Black hole: packets vanish without an error; transfers and connects hang until their timeouts.',
    kind: 'lasting',
    params: { forMs: forMs('the stall') },
    timeline: 'stall',
    incident: true,
    legacy: { action: 'stall-network', incidentKind: 'stall', networkKey: { key: 'stallFor', param: 'forMs' } },
  },
  partition: {
    doc: "Silent partition: a black hole that also loses the phone's hang-ups. Bytes stop as in a stall; a connection the phone gives up on meanwhile never ends on the server, which keeps it (a ghost) until its own timeout or until it next writes after the partition lifts.",
    kind: 'lasting',
    params: { forMs: forMs('the partition') },
    timeline: 'partition',
    incident: true,
  },
  refuse: {
    doc: 'New connections are refused (TCP RST on connect); open ones go on.',
    kind: 'lasting',
    params: { forMs: forMs('the refusal') },
    timeline: 'refuse',
    incident: true,
    legacy: { action: 'refuse-connections', incidentKind: 'refuse' },
  },
  failDns: {
    doc: 'Name lookups fail, so new connections fail before they start; open ones go on.',
    kind: 'lasting',
    params: { host: { unit: 'host', doc: 'only this host; absent = every host', example: '1234.livepush.myqcloud.com' }, forMs: forMs('the failure') },
    timeline: 'dns-fail',
    incident: true,
    legacy: { action: 'fail-dns', incidentKind: 'dns-fail', networkKey: { key: 'failDns', param: 'host' } },
  },
  failHandshake: {
    doc: 'RTMP handshakes fail after TCP connects; HTTP-FLV is not affected.',
    kind: 'lasting',
    params: { forMs: forMs('the failure') },
    timeline: 'handshake-fail',
    incident: true,
    legacy: { incidentKind: 'handshake-fail' },
  },
  serverClose: {
    doc: 'The server hangs up on open connections (a kick).',
    kind: 'instant',
    params: { target },
    timeline: 'server-close',
    incident: true,
    legacy: { action: 'server-close', incidentKind: 'server-close', networkKey: { key: 'serverClose', param: 'target' } },
  },
  reset: {
    doc: 'Open sockets break with a TCP reset; connects in flight fail.',
    kind: 'instant',
    params: { target },
    timeline: 'reset',
    incident: true,
    legacy: { action: 'reset-connections', incidentKind: 'reset' },
  },
  shape: {
    doc: "Change the network's steady conditions; the parameters left out keep their values.",
    kind: 'steady',
    params: {
      rttMs: { unit: 'ms', doc: 'round-trip time', example: 200, max: 60_000 },
      jitterMs: { unit: 'ms', doc: 'round-trip jitter', example: 50, max: 60_000 },
      upKbps: { unit: 'kbps', doc: 'uplink capacity', example: 300 },
      downKbps: { unit: 'kbps', doc: 'downlink capacity', example: 1000 },
      lossPct: { unit: 'pct', doc: 'share of packets lost, 0–100 (TCP turns it into lost throughput)', example: 2, max: 100 },
    },
    timeline: 'set',
    incident: true,
    legacy: { networkKey: { key: 'set', param: '*' } },
  },
  useProfile: {
    doc: "Switch to a network profile: its steady conditions, and its incidents from now on (the last profile's pending ones are dropped).",
    kind: 'steady',
    params: {
      profile: { unit: 'profile', doc: "a built-in name ('wifi', '4g', '3g', 'weak', 'loopback') or a profile object", example: '3g', required: true },
    },
    timeline: 'profile',
    incident: false,
  },
} as const satisfies Readonly<Record<string, FaultSpec>>;

export type FaultVerb = keyof typeof FAULTS;

export const FAULT_VERBS = Object.keys(FAULTS) as readonly FaultVerb[];

/** The spec of a verb, typed loosely enough to iterate over. */
export function faultSpec(verb: FaultVerb): FaultSpec {
  return FAULTS[verb];
}

/** The steady conditions of a network (what `shape` sets). */
export interface NetworkShape {
  readonly rttMs: number;
  readonly jitterMs: number;
  readonly upKbps: number;
  readonly downKbps: number;
  /** share of packets lost, 0–100; TCP turns loss into lost throughput */
  readonly lossPct: number;
}

/**
 * A network profile: the steady conditions of the phone's network, plus
 * faults on the profile's own schedule. Units are in the names.
 */
export interface NetworkProfile extends NetworkShape {
  readonly name: string;
  /** faults on the profile's own schedule, relative to when the profile is applied */
  readonly incidents?: readonly (NetworkIncident | LegacyNetworkIncident)[];
}

type ParamValue<S extends FaultParamSpec> = S['unit'] extends 'ms' | 'kbps' | 'pct' ? number : S['unit'] extends 'profile' ? string | NetworkProfile : string;
type RequiredKeys<P> = { [K in keyof P]: P[K] extends { readonly required: true } ? K : never }[keyof P];
type FaultParams<P extends Readonly<Record<string, FaultParamSpec>>> = {
  readonly [K in RequiredKeys<P>]: ParamValue<P[K]>;
} & {
  readonly [K in Exclude<keyof P, RequiredKeys<P>>]?: ParamValue<P[K]>;
};
type Flat<T> = { [K in keyof T]: T[K] };

/** One fault, as data: `{ fault: 'stall', forMs: 4000 }`. */
export type Fault = { [V in FaultVerb]: Flat<{ readonly fault: V } & FaultParams<(typeof FAULTS)[V]['params']>> }[FaultVerb];

/** The fault of one verb: `FaultOf<'shape'>`. */
export type FaultOf<V extends FaultVerb> = Extract<Fault, { readonly fault: V }>;

type IncidentVerb = { [V in FaultVerb]: (typeof FAULTS)[V]['incident'] extends true ? V : never }[FaultVerb];

/** A fault a profile schedules: `{ atMs: 10000, fault: 'stall', forMs: 2500 }`. */
export type NetworkIncident = Flat<{ readonly atMs: number } & FaultOf<IncidentVerb>>;

/** The incident kinds from before this vocabulary (`dns-fail` for failDns …), still accepted. */
export type IncidentKind = { [V in FaultVerb]: (typeof FAULTS)[V] extends { readonly legacy: { readonly incidentKind: infer K } } ? K : never }[FaultVerb];

/** The incident form from before this vocabulary: `{ atMs, kind: 'dns-fail', forMs?, target? }`. */
export interface LegacyNetworkIncident {
  readonly atMs: number;
  /** how long it lasts; absent = until restored (lasting kinds only) */
  readonly forMs?: number;
  readonly kind: IncidentKind;
  /** limit to a stream key or a host (the host whose lookups fail, for dns-fail) */
  readonly target?: string;
}

/** What is wrong with a fault given as data, for a caller to phrase in its own error. */
export interface FaultIssue {
  /** 'fault', or the parameter at fault */
  readonly field: string;
  readonly reason: string;
  /** the name that was given where one of `valid` was expected (for a "Did you mean") */
  readonly got?: string;
  readonly valid?: readonly string[];
  readonly remedy: string;
}

/** Check a fault given as data (scenario, profile, plain JS); undefined when it is a well-formed Fault. */
export function checkFault(input: unknown): FaultIssue | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { field: 'fault', reason: `${JSON.stringify(input)} is not a fault`, remedy: "Write e.g. { fault: 'stall', forMs: 4000 }." };
  const o = input as Record<string, unknown>;
  const verb = o.fault;
  if (typeof verb !== 'string' || !(verb in FAULTS))
    return {
      field: 'fault',
      reason: `${JSON.stringify(verb)} is not a fault`,
      ...(typeof verb === 'string' ? { got: verb } : {}),
      valid: FAULT_VERBS,
      remedy: `Use one of ${FAULT_VERBS.join(', ')}.`,
    };
  const spec = faultSpec(verb as FaultVerb);
  const names = Object.keys(spec.params);
  for (const key of Object.keys(o)) {
    if (key === 'fault' || key in spec.params) continue;
    return {
      field: key,
      reason: `is not a parameter of ${verb}`,
      got: key,
      valid: names,
      remedy: names.length ? `${verb} takes ${names.join(', ')}.` : `${verb} takes no parameters.`,
    };
  }
  for (const [name, p] of Object.entries(spec.params)) {
    const v = o[name];
    if (v === undefined) {
      if (p.required) return { field: name, reason: `is missing (${verb} needs it)`, remedy: `Give ${name}: ${p.doc}.` };
      continue;
    }
    const issue = checkValue(name, p, v);
    if (issue) return issue;
  }
  if (spec.kind === 'steady' && names.every((n) => o[n] === undefined))
    return { field: 'fault', reason: `${verb} names nothing to change`, valid: names, remedy: `Give at least one of ${names.join(', ')}.` };
  return undefined;
}

function checkValue(name: string, p: FaultParamSpec, v: unknown): FaultIssue | undefined {
  switch (p.unit) {
    case 'ms':
    case 'kbps':
    case 'pct': {
      const max = p.max ?? Infinity;
      const ok = typeof v === 'number' && Number.isFinite(v) && (p.positive ? v > 0 : v >= 0) && v <= max;
      if (ok) return undefined;
      const range = `${p.positive ? 'above 0' : '0'}${max === Infinity ? '' : `–${max}`}`;
      const hint = typeof v === 'string' ? ` (units are in the name: write ${name}: 4000, not "4s")` : '';
      return { field: name, reason: `must be a number of ${p.unit}, ${range}, got ${JSON.stringify(v)}`, remedy: `Set ${name}: ${p.doc}${hint}.` };
    }
    case 'host':
    case 'target':
      if (typeof v === 'string' && v.trim() !== '') return undefined;
      return { field: name, reason: `must be a non-empty string, got ${JSON.stringify(v)}`, remedy: `Set ${name}: ${p.doc}.` };
    case 'profile':
      if (typeof v === 'string' || (typeof v === 'object' && v !== null && !Array.isArray(v))) return undefined;
      return { field: name, reason: `must be a profile name or object, got ${JSON.stringify(v)}`, remedy: `Set ${name}: ${p.doc}.` };
  }
}

/** For the `default` of a switch over verbs: fails to compile when a verb has no case, and says so at run time for bad input from JS. */
export function unknownFault(f: never): never {
  const verb = (f as { fault?: unknown } | undefined)?.fault;
  throw new Error(`[live-harness] Failed to apply fault ${JSON.stringify(verb)}: it is not a fault. Use one of ${FAULT_VERBS.join(', ')}.`);
}
