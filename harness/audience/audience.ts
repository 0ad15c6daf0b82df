/**
 * An audience: N lightweight viewers of one stream (no page, no model), in
 * worker threads sized to the machine, each measuring first frame, latency
 * from the in-band clock, stalls and received rate into histograms. A share
 * of the audience may watch through its own fault proxy (a profile or
 * toxics). It stops by itself after `maxDurationS`, and on stop() it hands
 * back one AudienceSummary.
 *
 *   await using audience = await new Audience({ stream: 'live/a', viewers: 200, protocol: 'http-flv' }, urls).start();
 *   …
 *   const summary = await audience.stop();
 */
import '../dispose-symbols';
import { availableParallelism } from 'node:os';
import { extname, join as joinPath } from 'node:path';
import { Worker } from 'node:worker_threads';
import { BUILTIN_PROFILES, validateProfile } from '../../mocks/link';
import { nearest } from '../../mocks/model';
import { isLoopback } from '../media';
import { checkToxic, FaultProxy, type StartedFaultProxy, type ToxicSpec, toxicsForShape } from '../network';
import { type AudienceJoin, MAX_RAMP_S, MAX_VIEWERS, planViewers, type ShardSpec } from './audience-plan';
import type { AudienceGroupSummary, AudiencePoint, AudienceProtocol, AudienceSummary } from './audience-summary';
import { Histogram } from './histogram';
import { DEFAULT_STALL_MS, GroupFigures, type KeepUp } from './viewer-stats';
import type { FromWorker, ToWorker, ViewerPlan, WorkerSetup } from './worker-protocol';

/** A share of the audience on its own network path. */
export interface AudienceFault {
  /** the share of viewers, 0–1 (1: the whole audience) */
  readonly share: number;
  /** a built-in network profile (`3g`, `weak` …): its delay, loss and per-viewer downlink cap */
  readonly profile?: string;
  /** toxics of the fault proxy (docs/faults.md, "Toxics") on that share's connections */
  readonly toxics?: readonly ToxicSpec[];
  /** how the report names the share; from the profile or the toxics by default */
  readonly name?: string;
}

export interface AudienceOptions {
  /** the stream key, as a page names it (`live/abc`) */
  readonly stream: string;
  readonly viewers: number;
  readonly protocol: AudienceProtocol;
  /** all at once (default), or spread evenly over rampS seconds */
  readonly join?: AudienceJoin;
  readonly faults?: readonly AudienceFault[];
  /** no video frame for this long is a stall; 500 ms by default */
  readonly stallMs?: number;
  /** the audience stops by itself after this long; 600 s by default, 3600 at most */
  readonly maxDurationS?: number;
  /** names it on the timeline (`audience#<id>`) */
  readonly id?: string;
}

export interface AudienceTarget {
  /** the stream's RTMP and HTTP-FLV URLs on the server */
  readonly rtmp: string;
  readonly httpFlv: string;
  /** hosts other than loopback load may go to: the external server named explicitly (LIVE_HARNESS_SERVER) */
  readonly allowedHosts?: readonly string[];
}

export interface AudienceHooks {
  /** ms for the series' `t` (the rig's clock); ms since start by default */
  readonly now?: () => number;
  /** viewers joined (first frame) and left since the last call, and the totals; at most once a tick */
  readonly onCounts?: (c: { readonly joined: number; readonly left: number; readonly watching: number }) => void;
  /** the audience stopped (by stop(), dispose or its own bound): its summary, once */
  readonly onStop?: (summary: AudienceSummary) => void;
  /** which shard of a sharded load run this process runs */
  readonly shard?: ShardSpec;
}

export class AudienceError extends Error {
  readonly code = 'LH_AUDIENCE';
  constructor(message: string) {
    super(message);
    this.name = 'AudienceError';
  }
}

const TICK_MS = 1000;
const MAX_DURATION_S = 3600;
const CONNECT_TIMEOUT_MS = 10_000;
/** Viewers per worker before another thread is worth its start-up. */
const VIEWERS_PER_WORKER = 50;

/** How many worker threads an audience of this size runs in: one per core at most. */
export function audienceThreads(viewers: number): number {
  return Math.max(1, Math.min(availableParallelism(), Math.ceil(viewers / VIEWERS_PER_WORKER)));
}

const fail = (reason: string, remedy: string): never => {
  throw new AudienceError(`[live-harness] Failed to start the audience: ${reason}. ${remedy}`);
};

/** Check the options as data; say which field is wrong and how to fix it. */
export function checkAudienceOptions(o: AudienceOptions): void {
  if (typeof o.stream !== 'string' || o.stream.length === 0) fail('"stream" is missing', 'Name the stream key the page publishes, e.g. stream: "live/abc".');
  if (!Number.isInteger(o.viewers) || o.viewers < 1 || o.viewers > MAX_VIEWERS)
    fail(
      `"viewers" must be a whole number in 1–${MAX_VIEWERS}, got ${JSON.stringify(o.viewers)}`,
      'Spread a larger audience over machines with `live-harness load --shard i/n`.',
    );
  if (o.protocol !== 'rtmp' && o.protocol !== 'http-flv') {
    const near = nearest(String(o.protocol), ['rtmp', 'http-flv']);
    fail(`"protocol" ${JSON.stringify(o.protocol)} is not one of rtmp, http-flv`, near ? `Did you mean "${near}"?` : 'Use "rtmp" or "http-flv".');
  }
  const j = o.join ?? 'burst';
  if (j !== 'burst' && !(typeof j === 'object' && j !== null && typeof j.rampS === 'number' && j.rampS >= 0 && j.rampS <= MAX_RAMP_S))
    fail(`"join" must be "burst" or { rampS } with rampS in 0–${MAX_RAMP_S}, got ${JSON.stringify(j)}`, 'Write join: "burst" or join: { rampS: 30 }.');
  if (o.maxDurationS !== undefined && !(o.maxDurationS > 0 && o.maxDurationS <= MAX_DURATION_S))
    fail(
      `"maxDurationS" must be in (0, ${MAX_DURATION_S}], got ${JSON.stringify(o.maxDurationS)}`,
      'An audience always stops by itself; give it a bound it can reach.',
    );
  if (o.stallMs !== undefined && !(o.stallMs > 0 && o.stallMs <= 60_000))
    fail(`"stallMs" must be in (0, 60000], got ${JSON.stringify(o.stallMs)}`, 'Give the gap between frames that counts as a stall, e.g. stallMs: 1000.');
  let total = 0;
  (o.faults ?? []).forEach((f, i) => {
    const at = `faults[${i}]`;
    if (!(typeof f.share === 'number' && f.share > 0 && f.share <= 1))
      fail(`${at}.share must be in (0, 1], got ${JSON.stringify(f.share)}`, 'Write share: 0.1 for 10% of the viewers.');
    total += f.share;
    const has = Number(f.profile !== undefined) + Number(f.toxics !== undefined);
    if (has !== 1)
      fail(
        `${at} needs exactly one of "profile" or "toxics"`,
        'Write { share: 0.1, profile: "3g" } or { share: 0.1, toxics: [{ type: "latency", latencyMs: 500 }] }.',
      );
    if (f.profile !== undefined && !Object.hasOwn(BUILTIN_PROFILES, f.profile)) {
      const near = nearest(String(f.profile), Object.keys(BUILTIN_PROFILES));
      fail(
        `${at}.profile ${JSON.stringify(f.profile)} is not a built-in profile`,
        near ? `Did you mean "${near}"?` : `Use one of ${Object.keys(BUILTIN_PROFILES).join(', ')}.`,
      );
    }
    for (const t of f.toxics ?? []) checkToxic(t);
  });
  if (total > 1 + 1e-9) fail(`the faults' shares add up to ${total.toFixed(2)}, more than the whole audience`, 'Make the shares sum to 1 or less.');
}

function faultName(f: AudienceFault): string {
  if (f.name) return f.name;
  if (f.profile) return f.profile;
  return (f.toxics ?? []).map((t) => (t.type === 'latency' ? `latency ${t.latencyMs}ms` : t.type)).join(' + ');
}

function hostOf(url: string): { host: string; port: number } {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return { host, port: Number(u.port || (u.protocol === 'rtmp:' ? 1935 : 80)) };
}

function workerEntry(): { file: string; eval: boolean } {
  const ext = extname(__filename);
  const file = joinPath(__dirname, `audience-worker${ext}`);
  // From the TypeScript sources (tests, tsx) the worker loads through tsx; from dist it is plain JavaScript.
  if (ext === '.ts') return { file: `require('tsx/cjs/api').register();require(${JSON.stringify(file)});`, eval: true };
  return { file, eval: false };
}

interface Running {
  readonly worker: Worker;
  final?: Extract<FromWorker, { type: 'final' }>;
  /** called once its final figures are in */
  onFinal?: () => void;
  stalled: number;
}

export class Audience implements AsyncDisposable {
  private readonly workers: Running[] = [];
  private readonly proxies: StartedFaultProxy[] = [];
  private readonly series: AudiencePoint[] = [];
  private window = new Histogram();
  private pendingJoined = 0;
  private pendingLeft = 0;
  private joinedTotal = 0;
  private leftTotal = 0;
  private startedAt = 0;
  private ticker: NodeJS.Timeout | undefined;
  private deadline: NodeJS.Timeout | undefined;
  private stopping: Promise<AudienceSummary> | undefined;
  private planned = 0;
  private groupNames: string[] = ['healthy'];
  private groupViewers: number[] = [];
  private keepUps: KeepUp[] = [];
  private readonly errors: string[] = [];
  private readonly groupOf = new Map<number, number>();

  constructor(
    readonly options: AudienceOptions,
    private readonly target: AudienceTarget,
    private readonly hooks: AudienceHooks = {},
  ) {
    checkAudienceOptions(options);
    const url = options.protocol === 'rtmp' ? target.rtmp : target.httpFlv;
    const { host } = hostOf(url);
    if (!isLoopback(host) && host !== 'localhost' && !(target.allowedHosts ?? []).includes(host))
      fail(
        `${host} is neither loopback nor the external server named explicitly`,
        'An audience loads only this machine or the server set in LIVE_HARNESS_SERVER; name the server there to load it.',
      );
  }

  get id(): string {
    return this.options.id ?? 'audience';
  }

  /** Start the threads (and the shares' fault proxies); viewers join by the plan from here on. */
  async start(): Promise<this> {
    const o = this.options;
    const faults = o.faults ?? [];
    const url = o.protocol === 'rtmp' ? this.target.rtmp : this.target.httpFlv;
    const route = o.protocol;
    const plan = planViewers(
      o.viewers,
      faults.map((f) => f.share),
      o.join ?? 'burst',
      this.hooks.shard,
    );
    this.planned = plan.length;
    for (const p of plan) this.groupOf.set(p.index, p.group);
    this.groupNames = ['healthy', ...faults.map(faultName)];
    this.groupViewers = this.groupNames.map((_, g) => plan.filter((p) => p.group === g).length);
    // Each share gets a proxy of its own in front of the server: its toxics reach only its viewers.
    const urls: string[] = [url];
    const server = hostOf(url);
    try {
      for (const [k, f] of faults.entries()) {
        const proxy = await new FaultProxy({ routes: { [route]: server } }).start();
        this.proxies.push(proxy);
        const at = proxy.endpoint(route);
        const u = new URL(url);
        u.hostname = at.host;
        u.port = String(at.port);
        urls.push(u.toString());
        const viewersOfShare = plan.filter((p) => p.group === k + 1).map((p) => p.index);
        for (const t of this.shareToxics(f, k + 1, viewersOfShare)) proxy.addToxic(t);
      }
    } catch (e) {
      await this.closeProxies();
      throw e;
    }
    const threads = audienceThreads(plan.length);
    const parts: ViewerPlan[][] = Array.from({ length: threads }, () => []);
    plan.forEach((p, i) => parts[i % threads].push({ ...p, url: urls[p.group], protocol: o.protocol }));
    this.startedAt = Date.now();
    try {
      this.spawn(parts);
    } catch (e) {
      await this.stop();
      throw e;
    }
    this.ticker = setInterval(() => this.tick(), TICK_MS);
    this.deadline = setTimeout(() => void this.stop(), (o.maxDurationS ?? 600) * 1000);
    return this;
  }

  private spawn(parts: readonly ViewerPlan[][]): void {
    const o = this.options;
    const entry = workerEntry();
    for (const viewers of parts) {
      const setup: WorkerSetup = {
        viewers,
        groups: this.groupNames.length,
        stallMs: o.stallMs ?? DEFAULT_STALL_MS,
        tickMs: TICK_MS,
        connectTimeoutMs: CONNECT_TIMEOUT_MS,
      };
      const worker = new Worker(entry.file, { eval: entry.eval, workerData: setup });
      const running: Running = { worker, stalled: 0 };
      worker.on('message', (m: FromWorker) => this.onMessage(running, m));
      worker.on('error', (e) => this.errors.push(e.message));
      this.workers.push(running);
    }
  }

  private shareToxics(f: AudienceFault, group: number, viewers: readonly number[]): ToxicSpec[] {
    const prefix = `${this.id}:share${group}`;
    if (f.toxics) return f.toxics.map((t, i) => ({ ...t, name: t.name ?? `${prefix}:${i}`, match: undefined }));
    const profile = validateProfile(f.profile);
    // The proxy carries only this share's viewers: its delay and loss reach each of them.
    // A radio's cap is each viewer's own, so the downlink cap is one toxic per viewer.
    const out: ToxicSpec[] = [];
    for (const t of toxicsForShape(profile, prefix, group)) {
      if (t.type !== 'bandwidth') out.push({ ...t, match: undefined });
      else for (const v of viewers) out.push({ ...t, name: `${t.name}:${v}`, match: { who: `viewer-${v}` } });
    }
    return out;
  }

  private onMessage(w: Running, m: FromWorker): void {
    if (m.type === 'tick') {
      this.pendingJoined += m.joined;
      this.pendingLeft += m.left;
      w.stalled = m.stalled;
      this.window.merge(m.window);
    } else if (m.type === 'local') {
      // Tag it on its share's proxy, where a per-viewer toxic (a radio's cap) finds it.
      const group = this.groupOf.get(m.index) ?? 0;
      if (group > 0) this.proxies[group - 1]?.tag(m.address, m.port, { who: `viewer-${m.index}`, role: 'player' });
    } else {
      w.final = m;
      this.pendingJoined += m.joined;
      this.pendingLeft += m.left;
      w.onFinal?.();
    }
  }

  private tick(): void {
    const joined = this.pendingJoined;
    const left = this.pendingLeft;
    this.pendingJoined = 0;
    this.pendingLeft = 0;
    this.joinedTotal += joined;
    this.leftTotal += left;
    const watching = this.joinedTotal - this.leftTotal;
    if (joined || left) this.hooks.onCounts?.({ joined, left, watching });
    this.series.push({
      t: Math.round(this.hooks.now ? this.hooks.now() : Date.now() - this.startedAt),
      joined: watching,
      p50LatencyMs: Math.round(this.window.percentile(0.5)),
      p95LatencyMs: Math.round(this.window.percentile(0.95)),
      stalled: this.workers.reduce((n, w) => n + w.stalled, 0),
    });
    this.window = new Histogram();
  }

  /** From now on, keep-up figures (fps, media pace) count afresh: bench:load marks once the audience has joined. */
  mark(): void {
    for (const w of this.workers) w.worker.postMessage({ type: 'mark' } satisfies ToWorker);
  }

  /** viewers that got a first frame and have not left, as of the last tick */
  get watching(): number {
    return this.joinedTotal - this.leftTotal;
  }

  /** each viewer's keep-up figures since the last mark (after stop()) */
  get viewers(): readonly KeepUp[] {
    return this.keepUps;
  }

  /** Stop every viewer, thread and proxy; the audience's summary. Idempotent. */
  stop(): Promise<AudienceSummary> {
    this.stopping ??= this.stopOnce();
    return this.stopping;
  }

  private async stopOnce(): Promise<AudienceSummary> {
    clearTimeout(this.deadline);
    await Promise.all(this.workers.map((w) => this.stopWorker(w)));
    clearInterval(this.ticker);
    this.tick();
    await this.closeProxies();
    this.keepUps = this.workers.flatMap((w) => w.final?.viewers ?? []).sort((a, b) => a.index - b.index);
    const summary = this.summary();
    this.hooks.onStop?.(summary);
    return summary;
  }

  private stopWorker(w: Running): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      // A thread that does not answer is ended: its viewers are lost to the figures, never left running.
      const timer = setTimeout(() => void w.worker.terminate().then(done, done), 5000);
      w.worker.once('exit', done);
      // Its last tick may still be on the way: only the final figures end it.
      w.onFinal = () => void w.worker.terminate();
      if (w.final) w.onFinal();
      else w.worker.postMessage({ type: 'stop' } satisfies ToWorker);
    });
  }

  private async closeProxies(): Promise<void> {
    await Promise.allSettled(this.proxies.splice(0).map((p) => p.stop()));
  }

  private summary(): AudienceSummary {
    const finals = this.workers.map((w) => w.final).filter((f) => f !== undefined);
    const groups: AudienceGroupSummary[] = this.groupNames.map((name, g) => ({
      name,
      viewers: this.groupViewers[g],
      joined: this.keepUps.filter((v) => v.group === g && v.joined).length,
      left: this.keepUps.filter((v) => v.group === g && v.left).length,
      stalledViewers: this.keepUps.filter((v) => v.group === g && v.stalled).length,
      histograms: GroupFigures.merge(finals.map((f) => f.groups[g])),
    }));
    return {
      ...(this.options.id !== undefined ? { id: this.options.id } : {}),
      stream: this.options.stream,
      protocol: this.options.protocol,
      viewers: this.planned,
      joined: this.keepUps.filter((v) => v.joined).length,
      left: this.keepUps.filter((v) => v.left).length,
      stalledViewers: this.keepUps.filter((v) => v.stalled).length,
      histograms: GroupFigures.merge(groups.map((g) => g.histograms)),
      series: this.series,
      ...(groups.length > 1 ? { groups } : {}),
      ...(this.hooks.shard ? { shards: { of: this.hooks.shard.count, merged: [this.hooks.shard.index] } } : {}),
    };
  }

  /** what went wrong in the threads, if anything (a thread's uncaught error) */
  get problems(): readonly string[] {
    return this.errors;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}
