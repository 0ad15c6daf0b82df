/**
 * A phone (through `remote()`), where the real components emit the real
 * events: this driver only listens. It wraps the page's handlers and the live
 * contexts inside the app service so that every live event the page
 * receives, and every context call it makes (with its answer), is reported
 * through an exposed binding with the phone's own `Date.now()`. Those times
 * are mapped onto the host's session clock by an offset measured with round
 * trips at start, whose uncertainty is kept with the timeline.
 * The driver knows only the protocol: automator-sim with `live: 'mock'` and
 * a skewed clock is a phone to it.
 */
import { Timeline, type TimelineEntry } from '../record';
import type { Trace, TraceElement, TraceEntry } from '../trace';
import { TRACE_FORMAT, TRACE_VERSION } from '../trace';
import type { AutomatorMiniProgram } from './automator-client';
import { remoteConnected, uniqueName } from './automator-client';
import { BARRIER_SOURCE, captureContextSource, captureHandlersSource, PHONE_NOW_SOURCE } from './app-side';
import { hostEpochMs, measureClockOffset, type ClockOffset } from './clock-offset';
import { RemoteElements, type LiveKind } from './remote-elements';

export interface DeviceDriverOptions {
  /** call `remote()` first (a phone that scans the QR code); false when the session is already remote. Default true. */
  readonly remote?: boolean;
  /** round trips for the clock offset; the shortest bounds it. Default 9. */
  readonly roundTrips?: number;
}

/** One captured entry as the phone reported it, before and after mapping. */
export interface CapturedEntry {
  /** ms on the host's session clock (mapped) */
  t: number;
  /** the phone's Date.now() */
  readonly deviceT: number;
  readonly source: string;
  readonly kind: TimelineEntry['kind'];
  readonly code?: number;
  detail: Record<string, unknown>;
}

type Report =
  | { op: 'event'; type: string; id?: string; route?: string; handler?: string; detail: Record<string, unknown>; t: number }
  | { op: 'call'; kind: LiveKind; id?: string; method: string; args?: Record<string, unknown>; t: number }
  | { op: 'answer'; kind: LiveKind; id?: string; method: string; ok: boolean; res?: unknown; t: number };

const CONTEXT_METHODS = { pusher: 'createLivePusherContext', player: 'createLivePlayerContext' } as const;

export class DeviceDriver implements AsyncDisposable {
  /** what the phone reported, on the host's session clock, in the order it arrived */
  readonly timeline = new Timeline();
  readonly captured: CapturedEntry[] = [];
  readonly problems: string[] = [];
  /** phone clock against host clock, measured at start */
  clock: ClockOffset | undefined;
  /** the live elements seen on the phone's pages, with their attributes when first seen */
  readonly elements = new Map<string, TraceElement>();
  private startEpochMs = hostEpochMs();
  private readonly remote: RemoteElements;
  private readonly binding = uniqueName('capture');
  private readonly mark = uniqueName('wrapped');
  private work: Promise<void> = Promise.resolve();
  private readonly waitingAnswers: CapturedEntry[] = [];
  /** protocol elements already learned, and which one holds each source now */
  private readonly protocolElements = new WeakSet<object>();
  private readonly holders = new Map<string, object>();
  private installed = false;
  private stopped = false;

  constructor(
    private readonly mp: AutomatorMiniProgram,
    private readonly options: DeviceDriverOptions = {},
  ) {
    this.remote = new RemoteElements(mp);
  }

  /** Connect to the phone, measure its clock, and install the capture. */
  async start(): Promise<void> {
    if (this.installed) return;
    this.installed = true;
    if (this.options.remote !== false) await remoteConnected(this.mp);
    this.clock = await measureClockOffset(async () => Number(await this.mp.evaluate(PHONE_NOW_SOURCE)), this.options.roundTrips ?? 9);
    // The session clock starts once the phone's clock is known: every time after this maps onto it.
    this.startEpochMs = hostEpochMs();
    this.timeline.record({
      t: 0,
      source: 'rig',
      kind: 'action',
      detail: {
        action: 'clock-offset',
        offsetMs: this.clock.offsetMs,
        uncertaintyMs: this.clock.uncertaintyMs,
        bestRoundTripMs: this.clock.bestRoundTripMs,
        samples: this.clock.samples,
      },
    });
    await this.mp.exposeFunction(this.binding, ((r: Report) => this.enqueue(() => this.onReport(r))) as never);
    for (const kind of ['pusher', 'player'] as const) await this.mp.mockWxMethod(CONTEXT_METHODS[kind], captureContextSource(kind, this.binding, this.mark));
    await this.capturePages();
  }

  /** ms since the session started, on the host's clock. */
  now(): number {
    return hostEpochMs() - this.startEpochMs;
  }

  /** Host epoch ms when the session clock read 0. */
  get sessionEpochMs(): number {
    return this.startEpochMs;
  }

  /** A phone time (its Date.now()) on the host's session clock. */
  mapPhoneTime(phoneMs: number): number {
    if (!this.clock) throw new Error('[live-harness] Failed to map a phone time: the clock offset is not measured yet. Await start() first.');
    return Math.round((phoneMs - this.clock.offsetMs - this.startEpochMs) * 1000) / 1000;
  }

  /** Wrap the handlers of pages not wrapped yet, and learn their live elements. Call after a page opened. */
  async capturePages(): Promise<void> {
    await this.mp.evaluate(captureHandlersSource(this.binding, this.mark));
    await this.learnElements();
  }

  /** Wait until every report the phone sent before now has been recorded. */
  async sync(): Promise<void> {
    await this.work;
    await this.mp.evaluate(BARRIER_SOURCE);
    await this.work;
    // A call still unanswered by now goes on the timeline as made; its answer, when it comes, completes the trace's copy.
    this.flushCalls();
  }

  /** A server event seen on the host (the media server the phone uses), at host session time `t` (default now). */
  recordServer(event: string, key: string, t = this.now()): void {
    this.flushCalls();
    this.push({ t: Math.round(t * 1000) / 1000, deviceT: NaN, source: 'server', kind: 'server', detail: { event, key } });
  }

  private async learnElements(): Promise<void> {
    const seen = await this.remote.read();
    const onStack = new Set<object>(seen.map((r) => r.element));
    for (const r of seen) {
      if (this.protocolElements.has(r.element)) continue;
      // Named as a rig names it: `pusher#id`, unless a page still on the stack shows that id too.
      const plain = `${r.kind}#${r.id}`;
      const holder = this.holders.get(plain);
      const source = holder && onStack.has(holder) ? `${plain}@${r.route}#${r.pageId}` : plain;
      this.holders.set(source, r.element);
      this.protocolElements.add(r.element);
      // A page opened again (reLaunch) shows the same id anew: its attributes are the ones a replay starts from.
      this.elements.set(source, { source, kind: r.kind, id: r.id, insertedAtMs: Math.round(this.now() * 1000) / 1000, attributes: { ...r.attributes } });
    }
  }

  /** The element a report is about: by id, or (a pusher's context takes none) the only one of its kind. */
  private async sourceOf(kind: LiveKind | undefined, id: string | undefined): Promise<string> {
    const find = (): string | undefined => {
      const all = [...this.elements.values()].filter((e) => (kind === undefined || e.kind === kind) && (id === undefined || e.id === id));
      return all.length >= 1 ? all[all.length - 1].source : undefined;
    };
    let s = find();
    if (!s) {
      await this.learnElements();
      s = find();
    }
    return s ?? `${kind ?? 'live'}#${id ?? '?'}`;
  }

  private async onReport(r: Report): Promise<void> {
    const t = this.mapPhoneTime(r.t);
    if (r.op === 'answer') return this.answer(r, t, await this.sourceOf(r.kind, r.id));
    // Anything else the phone reports comes after the calls still waiting for their answer: they go on the timeline as made.
    this.flushCalls();
    if (r.op === 'event') {
      const source = await this.sourceOf(undefined, r.id);
      const detail = r.detail ?? {};
      const code = typeof detail.code === 'number' ? detail.code : typeof detail.errCode === 'number' ? detail.errCode : undefined;
      this.push({ t, deviceT: r.t, source, kind: r.type as TimelineEntry['kind'], ...(code !== undefined ? { code } : {}), detail });
      return;
    }
    const source = await this.sourceOf(r.kind, r.id);
    const entry: CapturedEntry = { t, deviceT: r.t, source, kind: 'call', detail: { method: r.method, args: r.args ?? {} } };
    this.captured.push(entry);
    this.waitingAnswers.push(entry);
  }

  /**
   * A context answers its call (success or fail) moments after it, before
   * anything the call sets going: the call goes on the timeline then, at the
   * time it was made, with `ok` (and `errMsg`), as a rig records it.
   */
  private answer(r: Extract<Report, { op: 'answer' }>, t: number, source: string): void {
    const i = this.waitingAnswers.findIndex((e) => e.source === source && e.detail.method === r.method);
    const call =
      i >= 0 ? this.waitingAnswers[i] : [...this.captured].reverse().find((e) => e.kind === 'call' && e.source === source && e.detail.method === r.method);
    if (!call) return;
    const errMsg = r.res && typeof r.res === 'object' ? (r.res as { errMsg?: unknown }).errMsg : undefined;
    call.detail = {
      ...call.detail,
      ok: r.ok,
      ...(!r.ok && typeof errMsg === 'string' ? { errMsg } : {}),
      answeredAfterMs: Math.round((t - call.t) * 1000) / 1000,
    };
    if (i >= 0) {
      // Calls made before it and still unanswered keep their place in front of it.
      const before = this.waitingAnswers.splice(0, i + 1);
      for (const c of before) this.record(c);
    }
  }

  private flushCalls(): void {
    for (const c of this.waitingAnswers.splice(0)) this.record(c);
  }

  private push(e: CapturedEntry): void {
    this.captured.push(e);
    this.record(e);
  }

  private record(e: CapturedEntry): void {
    this.timeline.record({ t: e.t, source: e.source, kind: e.kind, ...(e.code !== undefined ? { code: e.code } : {}), detail: e.detail });
  }

  private enqueue(job: () => Promise<void>): void {
    this.work = this.work.then(job).catch((e: unknown) => {
      if (!this.stopped) this.problems.push(e instanceof Error ? e.message : String(e));
    });
  }

  /** The run so far as a trace (fixtures/traces format, docs/traces.md). */
  toTrace(recorded: { target?: string; by: string; note?: string; client?: Record<string, unknown>; params?: Record<string, unknown> }): Trace {
    if (!this.clock) throw new Error('[live-harness] Failed to save a trace: the session never started. Await start() first.');
    const entries: TraceEntry[] = [...this.captured]
      .sort((a, b) => a.t - b.t)
      .map((e) => ({
        t: e.t,
        source: e.source,
        kind: e.kind as TraceEntry['kind'],
        ...(e.code !== undefined ? { code: e.code } : {}),
        detail: e.detail,
        ...(Number.isFinite(e.deviceT) ? { deviceT: e.deviceT } : {}),
      }));
    return {
      format: TRACE_FORMAT,
      version: TRACE_VERSION,
      recorded: {
        target: recorded.target ?? 'device',
        by: recorded.by,
        at: new Date().toISOString(),
        ...(recorded.note ? { note: recorded.note } : {}),
        ...(recorded.client ? { client: recorded.client } : {}),
        ...(recorded.params ? { params: recorded.params } : {}),
      },
      clock: { mapping: 'offset', offsetMs: this.clock.offsetMs, uncertaintyMs: this.clock.uncertaintyMs, samples: this.clock.samples },
      durationMs: Math.round(this.now()),
      // An element was on its page by its first entry at the latest (a page's onReady calls reach the host before the page is read).
      elements: [...this.elements.values()].map((el) => {
        const first = entries.find((e) => e.source === el.source);
        return first && first.t < el.insertedAtMs ? { ...el, insertedAtMs: first.t } : el;
      }),
      entries,
    };
  }

  /** Put the real context factories back. The page wrappers stay (they only report) and die with the pages. Idempotent. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const errors: unknown[] = [];
    if (this.installed)
      for (const kind of ['pusher', 'player'] as const) {
        try {
          await this.mp.restoreWxMethod(CONTEXT_METHODS[kind]);
        } catch (e) {
          errors.push(e);
        }
      }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `[live-harness] Failed to stop the device driver cleanly: ${errors.length} errors.`);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
