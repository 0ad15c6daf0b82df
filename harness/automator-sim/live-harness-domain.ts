/**
 * The custom protocol domain `LiveHarness.*` (docs/automator-harness.md):
 * what a script holding a miniprogram-automator client can ask of the world
 * around the mini-program that automator-sim hosts: its timeline (read, and
 * pushed as it grows), metrics, marks, virtual time, faults of the one
 * vocabulary, the device, remote streams, live contexts, and what went wrong.
 *
 * Ordering: once a client called `LiveHarness.enable`, every timeline entry is
 * pushed as an `LiveHarness.entryAdded` event the moment it is recorded. The
 * server writes frames in order on one socket, so every entry recorded while
 * a request ran reaches the client before that request's reply: a client
 * mirror is complete whenever an awaited call resolves.
 */
import { FAULT_VERBS, type Fault } from '../../mocks/link';
import { DEVICE_FAULTS, nearest } from '../../mocks/model';
import { parseDuration } from '../assert';
import type { Mark, TimelineEntry } from '../record';
import type { MetricsWindow, OpenedResources, RemoteStreamOptions, Rig } from '../rig';

/** The domain's name on the wire. */
export const LIVE_HARNESS_DOMAIN = 'LiveHarness';

/** A handler gets the request's params and returns its result (or throws: an error reply). */
export type DomainHandler = (params: Record<string, unknown>) => unknown;

/** What the domain needs of the server hosting it (AutomatorSim offers it). */
export interface LiveHarnessHost {
  readonly rig: Rig;
  /** send an id-less event frame to the connected client, in order with replies */
  emit(method: string, params: Record<string, unknown>): void;
  registerDomain(name: string, handlers: Record<string, DomainHandler>): void;
}

export class LiveHarnessError extends Error {
  readonly code = 'LH_LIVE_HARNESS';
  constructor(message: string) {
    super(message);
    this.name = 'LiveHarnessError';
  }
}

export const DEVICE_ACTIONS = ['deny', 'allow', 'background', 'foreground', 'call', 'endCall', 'audioRoute', 'fault', 'clearFaults'] as const;
export type DeviceAction = (typeof DEVICE_ACTIONS)[number];
export const STREAM_ACTIONS = ['publish', 'unpublish', 'freeze', 'isLive'] as const;
export type StreamAction = (typeof STREAM_ACTIONS)[number];
export const PAGE_ACTIONS = ['hide', 'show'] as const;

/** What `LiveHarness.sync` answers: everything a client mirror needs to be complete. */
export interface LiveHarnessState {
  /** entries on the server's timeline; a mirror holding fewer fetches the rest with getTimeline */
  readonly length: number;
  readonly nowMs: number;
  readonly metrics: Record<string, unknown>;
  readonly problems: readonly string[];
  readonly warnings: readonly string[];
  /** the media server, processes and ports the session's rig opened so far */
  readonly opened: OpenedResources;
}

function fail(method: string, reason: string, remedy: string): never {
  throw new LiveHarnessError(`[live-harness] Failed to run ${LIVE_HARNESS_DOMAIN}.${method}: ${reason}. ${remedy}`);
}

function oneOf<T extends string>(method: string, field: string, v: unknown, valid: readonly T[]): T {
  if (typeof v === 'string' && (valid as readonly string[]).includes(v)) return v as T;
  const near = typeof v === 'string' ? nearest(v, valid) : undefined;
  return fail(
    method,
    `${field} ${JSON.stringify(v)} is not one of ${valid.join(', ')}`,
    `${near ? `Did you mean ${JSON.stringify(near)}? ` : ''}Use one of ${valid.join(', ')}.`,
  );
}

function str(method: string, field: string, v: unknown): string {
  if (typeof v === 'string' && v !== '') return v;
  return fail(method, `${field} must be a non-empty string, got ${JSON.stringify(v)}`, `Pass ${field}.`);
}

function duration(method: string, field: string, v: unknown): number {
  if (typeof v !== 'number' && typeof v !== 'string')
    return fail(method, `${field} must be ms or a duration like "2s", got ${JSON.stringify(v)}`, `Pass ${field}.`);
  try {
    return parseDuration(v);
  } catch (e) {
    return fail(method, `${field} ${JSON.stringify(v)} is not a duration (${e instanceof Error ? e.message : String(e)})`, 'Write ms (2000) or "2s".');
  }
}

/** A mark or ms given on the wire (a mark came back from LiveHarness.mark). */
function point(method: string, field: string, v: unknown): Mark | number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'object' && typeof (v as Mark).index === 'number' && typeof (v as Mark).t === 'number') return v as Mark;
  return fail(
    method,
    `${field} must be a mark ({t, index}) or ms, got ${JSON.stringify(v)}`,
    `Pass what ${LIVE_HARNESS_DOMAIN}.mark returned, or ms on the session's clock.`,
  );
}

/** JSON has no NaN: a missing figure travels as null, which the judge reads as "not measured" like NaN. */
function metricsJson(m: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(m)) as Record<string, unknown>;
}

/**
 * The handlers of `LiveHarness.*` over one host. Register them with
 * `installLiveHarness(host)`; `dispose()` stops the pushes.
 */
export class LiveHarnessDomain {
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly host: LiveHarnessHost) {}

  private get rig(): Rig {
    return this.host.rig;
  }

  private state(): LiveHarnessState {
    const rig = this.rig;
    return {
      length: rig.timeline.length,
      nowMs: rig.now(),
      metrics: metricsJson(rig.metrics),
      problems: [...rig.problems],
      warnings: [...rig.warnings],
      opened: rig.opened,
    };
  }

  readonly handlers: Record<string, DomainHandler> = {
    /** Start pushing `LiveHarness.entryAdded {index, entry}`; answers the entries so far. */
    enable: () => {
      if (!this.unsubscribe) {
        const tl = this.rig.timeline;
        this.unsubscribe = tl.subscribe((entry: TimelineEntry) => this.host.emit(`${LIVE_HARNESS_DOMAIN}.entryAdded`, { index: tl.length - 1, entry }));
      }
      const rig = this.rig;
      return { entries: rig.timeline.toJSON(), nowMs: rig.now(), clock: rig.realMedia ? 'real-media' : 'virtual-time' };
    },
    disable: () => {
      this.unsubscribe?.();
      this.unsubscribe = undefined;
      return {};
    },
    getTimeline: (p) => {
      const from = p.from === undefined || p.from === null ? 0 : p.from;
      if (typeof from !== 'number' || !Number.isInteger(from) || from < 0)
        fail('getTimeline', `from must be an entry index (0 or more), got ${JSON.stringify(p.from)}`, 'Pass the number of entries you already hold.');
      const tl = this.rig.timeline;
      return { from, entries: tl.since(from as number), length: tl.length };
    },
    sync: () => this.state(),
    now: () => ({ nowMs: this.rig.now() }),
    ready: async () => {
      await this.rig.ready();
      return {};
    },
    mark: (p) => {
      if (p.label !== undefined && p.label !== null && typeof p.label !== 'string')
        fail('mark', `label must be a string, got ${JSON.stringify(p.label)}`, 'Pass a label or none.');
      return { mark: this.rig.mark(typeof p.label === 'string' ? p.label : undefined) };
    },
    getMetrics: (p) => {
      const window: MetricsWindow = { from: point('getMetrics', 'from', p.from), until: point('getMetrics', 'until', p.until) };
      return { metrics: metricsJson(this.rig.metricsBetween(window)) };
    },
    advance: async (p) => {
      const ms = duration('advance', 'ms', p.ms);
      await this.rig.advance(ms);
      return { nowMs: this.rig.now() };
    },
    /** The fault vocabulary (mocks/link/faults.ts): a malformed fault is refused with the field and a "Did you mean". */
    applyFault: (p) => {
      this.rig.network.apply(p.fault as Fault);
      return {};
    },
    getFaults: () => ({ verbs: [...FAULT_VERBS], knownGaps: [...this.rig.network.knownGaps()] }),
    resource: (p) => {
      if (typeof p.ok !== 'boolean') fail('resource', `ok must be true or false, got ${JSON.stringify(p.ok)}`, 'Say whether fetching the resource succeeds.');
      const durationMs = p.durationMs === undefined || p.durationMs === null ? undefined : duration('resource', 'durationMs', p.durationMs);
      this.rig.network.resource(str('resource', 'url', p.url), { ok: p.ok as boolean, ...(durationMs === undefined ? {} : { durationMs }) });
      return {};
    },
    device: (p) => {
      const action = oneOf('device', 'action', p.action, DEVICE_ACTIONS);
      const dev = this.rig.device;
      switch (action) {
        case 'deny':
        case 'allow':
          dev[action](oneOf('device', 'permission', p.permission, ['camera', 'microphone'] as const));
          break;
        case 'audioRoute':
          dev.audioRoute(oneOf('device', 'route', p.route, ['speaker', 'headphones'] as const));
          break;
        case 'fault':
          dev.fault(oneOf('device', 'fault', p.fault, DEVICE_FAULTS));
          break;
        default:
          dev[action]();
      }
      return { inBackground: dev.inBackground };
    },
    /** The app goes to the background or comes back, as seen by the page on top (onHide/onShow). */
    page: (p) => {
      const action = oneOf('page', 'action', p.action, PAGE_ACTIONS);
      const page = this.rig.currentPage;
      if (!page) fail('page', 'no page is open', 'Open a page first (App.callWxMethod reLaunch).');
      page[action]();
      return {};
    },
    streams: async (p) => {
      const action = oneOf('streams', 'action', p.action, STREAM_ACTIONS);
      const key = str('streams', 'key', p.key);
      const s = this.rig.streams;
      switch (action) {
        case 'publish':
          await s.publish(key, (p.options ?? undefined) as RemoteStreamOptions | undefined);
          return {};
        case 'unpublish':
          await s.unpublish(key);
          return {};
        case 'freeze':
          await s.freeze(key, duration('streams', 'forMs', p.forMs));
          return {};
        case 'isLive':
          return { live: s.isLive(key) };
      }
    },
    /** Call a live context's method as page code would, with the page on top as its scope. */
    callContext: (p) => {
      const page = this.rig.currentPage;
      if (!page) fail('callContext', 'no page is open', 'Open a page first (App.callWxMethod reLaunch).');
      const args = p.args === undefined || p.args === null ? {} : p.args;
      if (typeof args !== 'object' || Array.isArray(args))
        fail('callContext', `args must be an object, got ${JSON.stringify(p.args)}`, 'Pass the options object the context method takes.');
      this.rig.context(page, str('callContext', 'source', p.source), str('callContext', 'method', p.method), { ...(args as Record<string, unknown>) });
      return {};
    },
    getWarnings: () => ({ warnings: [...this.rig.warnings], problems: [...this.rig.problems] }),
    getMediaInfo: () => {
      const rig = this.rig;
      return { clock: rig.realMedia ? 'real-media' : 'virtual-time', realMedia: rig.realMedia, opened: rig.opened, profile: rig.network.profile ?? null };
    },
  };

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}

/** Register `LiveHarness.*` on a server (AutomatorSim); returns the domain, to dispose with the server. */
export function installLiveHarness(host: LiveHarnessHost): LiveHarnessDomain {
  const domain = new LiveHarnessDomain(host);
  host.registerDomain(LIVE_HARNESS_DOMAIN, domain.handlers);
  return domain;
}
