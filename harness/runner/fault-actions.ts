/**
 * The network actions of a scenario, derived from the fault vocabulary
 * (mocks/link/faults.ts): its own form, `{ fault: 'stall', forMs: 4000 }`, and
 * the older spellings it keeps as aliases — the string actions
 * ('cut-network' …) and `{ network: { stallFor: '4s', … } }`.
 */
import { checkFault, FAULT_VERBS, faultSpec, type Fault, type FaultVerb } from '../../mocks/link';
import { parseDuration } from '../assert';

/** 'cut-network' → cut, in the order of the vocabulary. */
export const FAULT_STRING_ACTIONS: ReadonlyMap<string, FaultVerb> = new Map(
  FAULT_VERBS.flatMap((v) => {
    const action = faultSpec(v).legacy?.action;
    return action ? [[action, v] as const] : [];
  }),
);

/** The keys of `{ network: { … } }`: which verb each stands for, and which parameter its value fills ('*': the value is the parameters). */
export const NETWORK_KEYS: ReadonlyMap<string, { readonly verb: FaultVerb; readonly param: string }> = new Map(
  FAULT_VERBS.flatMap((v) => {
    const k = faultSpec(v).legacy?.networkKey;
    return k ? [[k.key, { verb: v, param: k.param }] as const] : [];
  }),
);

/** What is wrong with a network action, relative to the action's own field. */
export interface FaultActionIssue {
  /** appended to the action's field: '.fault', '.forMs', '.network.stallFor' … */
  readonly path: string;
  readonly reason: string;
  readonly got?: string;
  readonly valid?: readonly string[];
  readonly remedy: string;
}

export type FaultActionResult = { readonly faults: readonly Fault[] } | { readonly issue: FaultActionIssue };

/** The faults a scenario action stands for; undefined when it is not a network action. */
export function faultsOfAction(a: unknown): FaultActionResult | undefined {
  if (typeof a === 'string') {
    const verb = FAULT_STRING_ACTIONS.get(a);
    return verb ? { faults: [{ fault: verb } as Fault] } : undefined;
  }
  if (typeof a !== 'object' || a === null) return undefined;
  if ('fault' in a) {
    const issue = checkFault(a);
    return issue ? { issue: { ...issue, path: `.${issue.field}` } } : { faults: [a as Fault] };
  }
  if ('network' in a) return legacyNetwork((a as { network: unknown }).network);
  return undefined;
}

/** `{ network: { set, stallFor, serverClose, failDns } }`, in the order the author wrote the keys. */
function legacyNetwork(n: unknown): FaultActionResult {
  const keys = [...NETWORK_KEYS.keys()];
  if (typeof n !== 'object' || n === null || Array.isArray(n) || Object.keys(n).length === 0)
    return {
      issue: {
        path: '.network',
        reason: `${JSON.stringify(n)} names no fault`,
        remedy: `Give one of ${keys.join(', ')}, or write the fault itself: { fault: 'stall', forMs: 4000 }.`,
      },
    };
  const faults: Fault[] = [];
  for (const [key, value] of Object.entries(n)) {
    const path = `.network.${key}`;
    const k = NETWORK_KEYS.get(key);
    if (!k) return { issue: { path, reason: 'is not a network action', got: key, valid: keys, remedy: `Use one of ${keys.join(', ')}.` } };
    let params: Record<string, unknown>;
    if (k.param === '*') {
      const names = Object.keys(faultSpec(k.verb).params);
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return {
          issue: { path, reason: `must be an object of ${names.join(', ')}, got ${JSON.stringify(value)}`, remedy: `Write e.g. ${key}: { upKbps: 300 }.` },
        };
      params = { ...value };
    } else if (faultSpec(k.verb).params[k.param]?.unit === 'ms') {
      try {
        params = { [k.param]: parseDuration(value as never) };
      } catch (e) {
        return { issue: { path, reason: `is not a duration (${JSON.stringify(value)})`, remedy: e instanceof Error ? e.message : String(e) } };
      }
    } else params = { [k.param]: value };
    const fault = { fault: k.verb, ...params };
    const issue = checkFault(fault);
    // The older form names the fault by its key; report the parameter under it.
    if (issue) return { issue: { ...issue, path: k.param === '*' && issue.field !== 'fault' ? `${path}.${issue.field}` : path } };
    faults.push(fault as Fault);
  }
  return { faults };
}
