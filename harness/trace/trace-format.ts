/**
 * A trace: what a real client did in one run, kept as data so that the model
 * can be replayed against it (docs/traces.md describes every field). Times are
 * ms on the host's session clock; for a phone they were mapped from the
 * phone's own clock by a measured offset, kept with its uncertainty.
 *
 * Loading checks every field and names the first wrong one with its path,
 * because a trace is often written by hand from a device log.
 */
import { readFileSync } from 'node:fs';
import { nearest } from '../../mocks/model';

export const TRACE_FORMAT = 'live-harness-trace';
export const TRACE_VERSION = 1;

/** The kinds a trace entry may have: the component events, the calls the page made, and the server's view. */
export const TRACE_KINDS = [
  'statechange',
  'netstatus',
  'error',
  'bgmstart',
  'bgmprogress',
  'bgmcomplete',
  'audiovolumenotify',
  'fullscreenchange',
  'enterpictureinpicture',
  'leavepictureinpicture',
  'call',
  'server',
] as const;
export type TraceKind = (typeof TRACE_KINDS)[number];

export interface TraceElement {
  /** `pusher#<id>` or `player#<id>`: the source its entries carry */
  readonly source: string;
  readonly kind: 'pusher' | 'player';
  /** the element's id attribute */
  readonly id: string;
  /** ms on the session clock when the element was on the page with these attributes */
  readonly insertedAtMs: number;
  /** the element's attributes, by the model's (camelCase) names: `url`, `autopush`, `minBitrate` … */
  readonly attributes: Readonly<Record<string, unknown>>;
}

export interface TraceEntry {
  /** ms on the host's session clock */
  readonly t: number;
  /** `pusher#id`, `player#id`, or `server` */
  readonly source: string;
  readonly kind: TraceKind;
  readonly code?: number;
  /** the event's detail; for a call `{method, args}`; for the server `{event, key}` */
  readonly detail?: unknown;
  /** for a phone: the phone's own Date.now() when it saw the entry, before mapping */
  readonly deviceT?: number;
}

export interface TraceClock {
  /** how device times were mapped: 'host' (recorded on the host clock), 'offset' (phone clock − measured offset), 'log' (read from a log's own stamps) */
  readonly mapping: 'host' | 'offset' | 'log';
  /** phone clock − host clock, ms, when mapping is 'offset' */
  readonly offsetMs?: number;
  /** ± bound of every mapped time, ms (half the best round trip, plus the phone clock's resolution) */
  readonly uncertaintyMs?: number;
  /** round trips the offset was measured from */
  readonly samples?: number;
}

export interface Trace {
  readonly format: typeof TRACE_FORMAT;
  readonly version: typeof TRACE_VERSION;
  /** where it came from: the target, the client, and for a hand-made trace the log it was derived from */
  readonly recorded: {
    readonly target: string;
    readonly by: string;
    readonly at?: string;
    readonly source?: string;
    readonly note?: string;
    /** the WeChat client profile (platform, base library) the model should behave like */
    readonly client?: Readonly<Record<string, unknown>>;
    /** model parameters that differ from the defaults for this client */
    readonly params?: Readonly<Record<string, unknown>>;
  };
  readonly clock: TraceClock;
  /** ms the run covered */
  readonly durationMs: number;
  readonly elements: readonly TraceElement[];
  /** in time order */
  readonly entries: readonly TraceEntry[];
}

export class TraceError extends Error {
  readonly code = 'LH_TRACE';
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function finite(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * Check a parsed trace; `where` names it in errors (a file path).
 * Throws TraceError naming the first wrong field, what it should be, and the fix.
 */
export function validateTrace(raw: unknown, where = 'the trace'): Trace {
  const fail = (path: string, reason: string, remedy: string): never => {
    throw new TraceError(`[live-harness] Failed to load ${where}: ${path} ${reason}. ${remedy}`);
  };
  const keys = (o: Obj, path: string, allowed: readonly string[]): void => {
    for (const k of Object.keys(o))
      if (!allowed.includes(k)) {
        const hint = nearest(k, allowed);
        fail(
          `${path}${path ? '.' : ''}${k}`,
          'is not a trace field',
          hint ? `Did you mean "${hint}"? See docs/traces.md.` : `Valid fields: ${allowed.join(', ')}.`,
        );
      }
  };
  if (!isObj(raw))
    return fail('the file', 'is not a JSON object', 'A trace is an object with format, version, recorded, clock, durationMs, elements and entries.');
  keys(raw, '', ['format', 'version', 'recorded', 'clock', 'durationMs', 'elements', 'entries']);
  if (raw.format !== TRACE_FORMAT) fail('format', `is ${JSON.stringify(raw.format)}, not "${TRACE_FORMAT}"`, 'Is this a live-harness trace?');
  if (raw.version !== TRACE_VERSION)
    fail(
      'version',
      `is ${JSON.stringify(raw.version)}; this live-harness reads version ${TRACE_VERSION}`,
      'Record the trace again, or convert it (docs/traces.md).',
    );
  const rec = raw.recorded;
  if (!isObj(rec)) return fail('recorded', 'is missing', 'Say where the trace came from: { "target": "device", "by": "…" }.');
  keys(rec, 'recorded', ['target', 'by', 'at', 'source', 'note', 'client', 'params']);
  if (typeof rec.target !== 'string' || typeof rec.by !== 'string')
    fail('recorded.target / recorded.by', 'must be strings', 'Name the target and the recorder.');
  for (const k of ['client', 'params'] as const) if (rec[k] !== undefined && !isObj(rec[k])) fail(`recorded.${k}`, 'must be an object', 'Give it as { … }.');
  const clock = raw.clock;
  if (!isObj(clock)) return fail('clock', 'is missing', 'Give { "mapping": "host" | "offset" | "log" }.');
  keys(clock, 'clock', ['mapping', 'offsetMs', 'uncertaintyMs', 'samples']);
  const mappings = ['host', 'offset', 'log'];
  if (typeof clock.mapping !== 'string' || !mappings.includes(clock.mapping)) {
    const hint = typeof clock.mapping === 'string' ? nearest(clock.mapping, mappings) : undefined;
    fail('clock.mapping', `is ${JSON.stringify(clock.mapping)}`, `Use one of ${mappings.join(', ')}.${hint ? ` Did you mean "${hint}"?` : ''}`);
  }
  if (clock.mapping === 'offset' && (!finite(clock.offsetMs) || !finite(clock.uncertaintyMs)))
    fail('clock', 'maps by offset but lacks offsetMs or uncertaintyMs', 'Record both (the device target does).');
  for (const k of ['offsetMs', 'uncertaintyMs', 'samples'])
    if (clock[k] !== undefined && !finite(clock[k])) fail(`clock.${k}`, 'must be a number', 'Give ms as a number.');
  if (!finite(raw.durationMs) || raw.durationMs < 0) fail('durationMs', 'must be a number ≥ 0', 'Give the ms the run covered.');
  if (!Array.isArray(raw.elements))
    return fail('elements', 'must be an array', 'List the live elements: [{ "source", "kind", "id", "insertedAtMs", "attributes" }].');
  const sources = new Set<string>(['server']);
  raw.elements.forEach((e, i) => {
    const p = `elements[${i}]`;
    if (!isObj(e)) return fail(p, 'is not an object', 'Give { "source", "kind", "id", "insertedAtMs", "attributes" }.');
    keys(e, p, ['source', 'kind', 'id', 'insertedAtMs', 'attributes']);
    if (e.kind !== 'pusher' && e.kind !== 'player') fail(`${p}.kind`, `is ${JSON.stringify(e.kind)}`, 'Use "pusher" or "player".');
    if (typeof e.id !== 'string' || e.id === '') fail(`${p}.id`, 'must be a non-empty string', "Give the element's id attribute.");
    if (typeof e.source !== 'string' || !e.source.startsWith(`${String(e.kind)}#`))
      fail(`${p}.source`, `is ${JSON.stringify(e.source)}`, `Name it "${String(e.kind)}#${String(e.id)}".`);
    if (!finite(e.insertedAtMs)) fail(`${p}.insertedAtMs`, 'must be a number', 'Give ms on the session clock.');
    if (!isObj(e.attributes))
      fail(`${p}.attributes`, 'must be an object', 'Give the attributes by the model\'s names: { "url": "rtmp://…", "autopush": true }.');
    if (sources.has(e.source as string)) fail(`${p}.source`, `repeats ${JSON.stringify(e.source)}`, 'Give each element once.');
    sources.add(e.source as string);
  });
  if (!Array.isArray(raw.entries)) return fail('entries', 'must be an array', 'List what happened: [{ "t", "source", "kind", … }].');
  let last = -Infinity;
  raw.entries.forEach((e, i) => {
    const p = `entries[${i}]`;
    if (!isObj(e)) return fail(p, 'is not an object', 'Give { "t", "source", "kind", "code"?, "detail"? }.');
    keys(e, p, ['t', 'source', 'kind', 'code', 'detail', 'deviceT']);
    if (!finite(e.t)) fail(`${p}.t`, `is ${JSON.stringify(e.t)}, not a number`, 'Give ms on the session clock.');
    if ((e.t as number) < last) fail(`${p}.t`, `(${String(e.t)}) is earlier than the entry before it (${last})`, 'Keep entries in time order.');
    last = e.t as number;
    if (typeof e.kind !== 'string' || !(TRACE_KINDS as readonly string[]).includes(e.kind)) {
      const hint = typeof e.kind === 'string' ? nearest(e.kind, TRACE_KINDS) : undefined;
      fail(`${p}.kind`, `is ${JSON.stringify(e.kind)}`, hint ? `Did you mean "${hint}"?` : `Use one of ${TRACE_KINDS.join(', ')}.`);
    }
    if (typeof e.source !== 'string' || !sources.has(e.source))
      fail(
        `${p}.source`,
        `is ${JSON.stringify(e.source)}, which no element names`,
        `Use "server" or one of the elements' sources: ${[...sources].join(', ')}.`,
      );
    if (e.code !== undefined && !Number.isInteger(e.code)) fail(`${p}.code`, 'must be an integer', 'Give the status code as a number.');
    if (e.kind === 'statechange' && e.code === undefined) fail(`${p}.code`, 'is missing on a statechange', 'Give the code, e.g. 1002.');
    if (e.kind === 'call') {
      const d = e.detail;
      if (!isObj(d) || typeof d.method !== 'string') fail(`${p}.detail`, 'of a call must be { "method", "args"? }', 'Name the context method the page called.');
    }
    if (e.kind === 'server') {
      const d = e.detail;
      if (!isObj(d) || typeof d.event !== 'string' || typeof d.key !== 'string')
        fail(`${p}.detail`, 'of a server entry must be { "event", "key" }', 'Give what the server saw: { "event": "publish", "key": "live/abc" }.');
    }
    if (e.deviceT !== undefined && !finite(e.deviceT)) fail(`${p}.deviceT`, 'must be a number', "Give the phone's Date.now().");
  });
  return raw as unknown as Trace;
}

/** Read and check a trace file. */
export function loadTrace(path: string): Trace {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new TraceError(`[live-harness] Failed to load trace ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}. Check the path.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new TraceError(`[live-harness] Failed to load trace ${path}: it is not JSON (${(e as Error).message}). Fix the file.`);
  }
  return validateTrace(parsed, `trace ${path}`);
}

/** The trace as its file holds it: stable key order, one entry per line for readable diffs. */
export function serializeTrace(trace: Trace): string {
  const { entries, elements, ...head } = trace;
  const lines = [
    '{',
    ...Object.entries(head).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`),
    `  "elements": [${elements.length ? '\n' + elements.map((e) => `    ${JSON.stringify(e)}`).join(',\n') + '\n  ' : ''}],`,
    `  "entries": [${entries.length ? '\n' + entries.map((e) => `    ${JSON.stringify(e)}`).join(',\n') + '\n  ' : ''}]`,
    '}',
  ];
  return lines.join('\n') + '\n';
}
