/**
 * The wire of the DevTools automation protocol as miniprogram-automator 0.12.1
 * speaks it: a request `{id, method, params}`, a reply `{id, result}` or
 * `{id, error: {message}}`, and id-less events `{method, params}`.
 */
import { nearest } from '../../mocks/model';

/** What a handler gets besides its params. */
export interface CallContext {
  /** the method as the client named it (`Page.getData`) */
  readonly method: string;
}

/** One method of a domain: params in, result out (a plain object, or undefined for `{}`). */
export type MethodHandler = (params: Record<string, unknown>, call: CallContext) => unknown;

/** A domain's methods by their short name (`getData` for `Page.getData`). */
export type DomainHandlers = Readonly<Record<string, MethodHandler>>;

/** An error the client is meant to see: it becomes `Error(message)` in the script. */
export class ProtocolError extends Error {
  readonly code = 'LH_AUTOMATOR_PROTOCOL';
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

export interface Request {
  readonly id: string | number;
  readonly method: string;
  readonly params: Record<string, unknown>;
}

/** A frame that is not a request; `id` is set when the frame carried one, so the reply can name it. */
export interface Malformed {
  readonly malformed: string;
  readonly id: string | number | null;
}

export function parseFrame(text: string): Request | Malformed {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch (e) {
    return { malformed: `it is not JSON (${(e as Error).message})`, id: null };
  }
  if (!frame || typeof frame !== 'object' || Array.isArray(frame)) return { malformed: 'it is not a JSON object', id: null };
  const f = frame as Record<string, unknown>;
  const id = typeof f.id === 'string' || typeof f.id === 'number' ? f.id : null;
  if (id === null || id === '') return { malformed: 'it has no "id" (a string or number)', id: null };
  if (typeof f.method !== 'string' || !/^[A-Za-z]+\.[A-Za-z]+$/.test(f.method))
    return { malformed: `its "method" ${JSON.stringify(f.method)} is not "Domain.name"`, id };
  if (f.params !== undefined && f.params !== null && (typeof f.params !== 'object' || Array.isArray(f.params)))
    return { malformed: `its "params" is not an object (got ${Array.isArray(f.params) ? 'an array' : typeof f.params})`, id };
  return { id, method: f.method, params: (f.params ?? {}) as Record<string, unknown> };
}

export function malformedMessage(m: Malformed): string {
  return `[live-harness] Failed to read a request: the frame is malformed: ${m.malformed}. Send {"id": "<uuid>", "method": "Domain.name", "params": {…}} as miniprogram-automator does.`;
}

export function unsupportedMessage(method: string, known: readonly string[]): string {
  const guess = nearest(method, known);
  return (
    `[live-harness] Failed to run ${method}: automator-sim does not support this method${guess ? `. Did you mean "${guess}"?` : '.'} ` +
    `It supports: ${[...known].sort().join(', ')}. docs/automator-sim.md lists what each does.`
  );
}

/** Params a method needs: a string one, read or refused with the method's name. */
export function stringParam(params: Record<string, unknown>, name: string, call: CallContext): string {
  const v = params[name];
  if (typeof v !== 'string' || v === '')
    throw new ProtocolError(`[live-harness] Failed to run ${call.method}: param "${name}" must be a non-empty string (got ${JSON.stringify(v) ?? 'nothing'}).`);
  return v;
}

export function arrayParam(params: Record<string, unknown>, name: string, call: CallContext): unknown[] {
  const v = params[name];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new ProtocolError(`[live-harness] Failed to run ${call.method}: param "${name}" must be an array (got ${JSON.stringify(v)}).`);
  return v;
}

/** A result crosses the wire as JSON: what JSON cannot carry is dropped, as the real client sees it. */
export function toWire(v: unknown): unknown {
  if (v === undefined) return undefined;
  try {
    const text = JSON.stringify(v);
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return String(v);
  }
}
