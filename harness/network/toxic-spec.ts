/**
 * Toxics as data: what a test, a profile or the media link asks the proxy
 * for (`{ type: 'latency', latencyMs: 500, direction: 'downstream' }`), the
 * check that says what is wrong with one, and the factory that makes it.
 */
import { nearest } from '../../mocks/model';
import type { DirectionChoice, Toxic } from './toxic';
import {
  bandwidthToxic,
  closeToxic,
  handshakeGarbageToxic,
  latencyToxic,
  lossToxic,
  partitionToxic,
  refuseToxic,
  resetToxic,
  slicerToxic,
  stallToxic,
} from './toxics';

/** Which connections a toxic reaches; every field given must match. */
export interface ConnectionMatch {
  /** the proxy route (`rtmp`, `http-flv`) */
  readonly route?: string;
  /** the participant (`player#far`), as the connecting side tagged it */
  readonly who?: string;
  /** every pusher or every player */
  readonly role?: 'pusher' | 'player';
  /** the page's stream key (`live/abc`) */
  readonly key?: string;
  /** the page URL's host */
  readonly host?: string;
  /** only connections of the phone (tagged `phone: true`), not of remote anchors */
  readonly phone?: boolean;
}

interface Common {
  /** unique among the proxy's toxics; generated when absent */
  readonly name?: string;
  /** 'both' by default (stream toxics) */
  readonly direction?: DirectionChoice;
  /** every connection when absent */
  readonly match?: ConnectionMatch;
}

export type ToxicSpec = Common &
  (
    | { readonly type: 'latency'; readonly latencyMs: number; readonly jitterMs?: number; readonly seed?: number }
    | { readonly type: 'bandwidth'; readonly rateKbps: number }
    | { readonly type: 'slicer'; readonly averageBytes: number; readonly variationBytes?: number; readonly delayMs: number; readonly seed?: number }
    | { readonly type: 'stall' }
    | { readonly type: 'partition' }
    | { readonly type: 'reset'; readonly afterMs?: number }
    | { readonly type: 'close'; readonly afterMs?: number; readonly afterBytes?: number }
    | { readonly type: 'refuse' }
    | { readonly type: 'handshakeGarbage'; readonly closeAfterMs?: number }
    | { readonly type: 'loss'; readonly lossPct: number; readonly retransmitMs?: number; readonly seed?: number }
  );

export type ToxicType = ToxicSpec['type'];

/** Each type's parameters: [name, required]. */
const PARAMS: Readonly<Record<ToxicType, readonly (readonly [string, boolean])[]>> = {
  latency: [
    ['latencyMs', true],
    ['jitterMs', false],
    ['seed', false],
  ],
  bandwidth: [['rateKbps', true]],
  slicer: [
    ['averageBytes', true],
    ['variationBytes', false],
    ['delayMs', true],
    ['seed', false],
  ],
  stall: [],
  partition: [],
  reset: [['afterMs', false]],
  close: [
    ['afterMs', false],
    ['afterBytes', false],
  ],
  refuse: [],
  handshakeGarbage: [['closeAfterMs', false]],
  loss: [
    ['lossPct', true],
    ['retransmitMs', false],
    ['seed', false],
  ],
};

export const TOXIC_TYPES = Object.keys(PARAMS) as readonly ToxicType[];
const COMMON = ['type', 'name', 'direction', 'match'];

export class ToxicError extends Error {
  readonly code = 'LH_TOXIC';
  constructor(message: string) {
    super(message);
    this.name = 'ToxicError';
  }
}

/** Check a toxic given as data; throws a ToxicError that names the field and the fix. */
export function checkToxic(input: unknown): ToxicSpec {
  const fail = (reason: string, remedy: string): never => {
    throw new ToxicError(`[live-harness] Failed to add toxic ${JSON.stringify(input)}: ${reason}. ${remedy}`);
  };
  if (typeof input !== 'object' || input === null) return fail('it is not an object', "Write e.g. { type: 'latency', latencyMs: 500 }.");
  const o = input as Record<string, unknown>;
  const type = o.type;
  if (typeof type !== 'string' || !(type in PARAMS)) {
    const near = typeof type === 'string' ? nearest(type, TOXIC_TYPES) : undefined;
    return fail(`${JSON.stringify(type)} is not a toxic`, `${near ? `Did you mean "${near}"? ` : ''}Use one of ${TOXIC_TYPES.join(', ')}.`);
  }
  const params = PARAMS[type as ToxicType];
  const names = params.map(([n]) => n);
  for (const key of Object.keys(o)) {
    if (COMMON.includes(key) || names.includes(key)) continue;
    const near = nearest(key, [...names, ...COMMON]);
    fail(
      `"${key}" is not a parameter of ${type}`,
      `${near ? `Did you mean "${near}"? ` : ''}${type} takes ${names.length ? names.join(', ') : 'no parameters'} (units are in the names).`,
    );
  }
  for (const [name, required] of params) {
    const v = o[name];
    if (v === undefined) {
      if (required) fail(`${type} needs "${name}"`, `Give ${name} as a number (the unit is in its name).`);
      continue;
    }
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      fail(`"${name}" must be a number ≥ 0, got ${JSON.stringify(v)}`, `Write ${name}: 500, not "500ms".`);
  }
  if (type === 'bandwidth' && !((o.rateKbps as number) > 0)) fail('"rateKbps" must be above 0', 'Use a stall to stop the bytes altogether.');
  if (type === 'loss' && (o.lossPct as number) > 100) fail(`"lossPct" must be in 0–100, got ${String(o.lossPct)}`, 'Give a percentage.');
  if (type === 'slicer' && (o.averageBytes as number) < 1) fail('"averageBytes" must be at least 1', 'Give the segment size in bytes.');
  if (type === 'close' && o.afterMs === undefined && o.afterBytes === undefined) fail('close needs "afterMs" or "afterBytes"', 'Say when the hang-up comes.');
  if (o.direction !== undefined && !['upstream', 'downstream', 'both'].includes(o.direction as string))
    fail(`"direction" must be 'upstream', 'downstream' or 'both', got ${JSON.stringify(o.direction)}`, 'Upstream is phone → server.');
  return o as unknown as ToxicSpec;
}

/** Make the toxic a spec describes (checked first). */
export function createToxic(spec: ToxicSpec): Toxic {
  const s = checkToxic(spec);
  switch (s.type) {
    case 'latency':
      return latencyToxic(s);
    case 'bandwidth':
      return bandwidthToxic(s);
    case 'slicer':
      return slicerToxic(s);
    case 'stall':
      return stallToxic();
    case 'partition':
      return partitionToxic();
    case 'reset':
      return resetToxic(s);
    case 'close':
      return closeToxic(s);
    case 'refuse':
      return refuseToxic();
    case 'handshakeGarbage':
      return handshakeGarbageToxic(s);
    case 'loss':
      return lossToxic(s);
  }
}
