/**
 * Plays a scenario on a rig and judges it. Every expectation is checked and
 * every failure is reported (not just the first), and the timeline is kept
 * whatever happened, so a report can always be written.
 */
// Real timers: in virtual time the page's setTimeout follows the rig's clock, and the budget must not.
import { clearTimeout, setTimeout } from 'node:timers';
import { countMatches, matchSequence, parseDuration, parseStep } from '../assert';
import type { TimelineEntry } from '../record';
import { createRig, type LoadedPageHandle, type MediaOptions, type OpenedResources, type ParticipantMetrics, type Rig } from '../rig';
import type { Action, Bounds, Capability, PageExpectation, Scenario } from './scenario';
import { validateScenario } from './validate-scenario';

export interface ScenarioResult {
  readonly name: string;
  readonly status: 'passed' | 'failed' | 'not-applicable';
  readonly failures: readonly string[];
  readonly timeline: readonly TimelineEntry[];
  readonly metrics: Readonly<Record<string, ParticipantMetrics>>;
  /** 'virtual' (in-process, virtual time) or 'real' (real media, wall clock) */
  readonly clock: 'virtual' | 'real';
  /** ms the story covered on the rig's clock (virtual ms, or real ms on real media) */
  readonly virtualMs: number;
  /** wall ms the run took */
  readonly wallMs: number;
  /** on real media: the server used, and the processes and ports the rig opened (all closed again) */
  readonly opened?: OpenedResources;
}

export interface RunOptions {
  readonly miniprogramRoot: string;
  /** what the target can do; defaults to virtual time, or real media with `media` */
  readonly capabilities?: readonly Capability[];
  readonly seed?: number | string;
  /** run on real media (real sockets, a real server, real encoders) instead of in virtual time */
  readonly media?: 'local' | MediaOptions;
  /**
   * Wall-time budget of the whole run, ms; when it runs out the rig is torn
   * down and the scenario fails. Default: 60 s in virtual time, the story's
   * duration + 60 s on real media.
   */
  readonly timeoutMs?: number;
  /** aborting it (Ctrl-C) stops the run: the rig is torn down and the scenario fails as interrupted */
  readonly signal?: AbortSignal;
}

export class ScenarioStoppedError extends Error {
  readonly code = 'LH_SCENARIO_TIMEOUT';
}

export async function runScenario(scenario: Scenario, opts: RunOptions): Promise<ScenarioResult> {
  const started = performance.now();
  validateScenario(scenario);
  const caps = opts.capabilities ?? (opts.media ? ['real-media'] : ['virtual-time']);
  const clock = opts.media ? 'real' : 'virtual';
  const missing = (scenario.needs ?? ['virtual-time']).filter((n) => !caps.includes(n));
  if (missing.length > 0) {
    return {
      name: scenario.name,
      status: 'not-applicable',
      failures: [`needs ${missing.join(', ')}, which this target cannot provide`],
      timeline: [],
      metrics: {},
      clock,
      virtualMs: 0,
      wallMs: performance.now() - started,
    };
  }
  const failures: string[] = [];
  let rig: Rig;
  try {
    rig = createRig({
      seed: opts.seed ?? scenario.seed ?? 1,
      params: scenario.params,
      client: scenario.client,
      network: scenario.network,
      miniprogramRoot: opts.miniprogramRoot,
      media: opts.media,
    });
  } catch (e) {
    return {
      name: scenario.name,
      status: 'failed',
      failures: [`the rig could not be created: ${e instanceof Error ? e.message : String(e)}`],
      timeline: [],
      metrics: {},
      clock,
      virtualMs: 0,
      wallMs: performance.now() - started,
    };
  }
  const durationMs = parseDuration(scenario.duration);
  const budget = opts.timeoutMs ?? (opts.media ? durationMs + 60_000 : 60_000);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ScenarioStoppedError(
            `the run timed out after ${budget} ms of wall time (timeoutMs); everything it started was stopped. Raise timeoutMs, or look for a step that never ends`,
          ),
        ),
      budget,
    );
    onAbort = () => reject(new ScenarioStoppedError('the run was interrupted (Ctrl-C); everything it started was stopped'));
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([play(scenario, rig, failures), stopped]);
  } catch (e) {
    failures.push(e instanceof ScenarioStoppedError ? e.message : `the run threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  } finally {
    clearTimeout(timer);
    if (onAbort) opts.signal?.removeEventListener('abort', onAbort);
    try {
      await rig.dispose();
    } catch (e) {
      failures.push(`teardown failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  for (const p of rig.problems) failures.push(`the rig failed: ${p}`);
  return {
    name: scenario.name,
    status: failures.length === 0 ? 'passed' : 'failed',
    failures,
    timeline: rig.timeline.toJSON(),
    metrics: rig.metrics,
    clock,
    virtualMs: rig.now(),
    wallMs: performance.now() - started,
    ...(rig.realMedia ? { opened: rig.opened } : {}),
  };
}

/** The story itself: setup, timeline, then judgement. Failures are collected, not thrown. */
async function play(scenario: Scenario, rig: Rig, failures: string[]): Promise<void> {
  await rig.ready();
  for (const p of scenario.setup.deny ?? []) rig.device.deny(p);
  for (const s of scenario.setup.streams ?? []) await rig.streams.publish(s.key, s);
  for (const [url, r] of Object.entries(scenario.setup.resources ?? {})) rig.network.resource(url, r);
  const page = await rig.loadPage(scenario.setup.page, scenario.setup.query ? { ...scenario.setup.query } : undefined);
  const steps = [...(scenario.timeline ?? [])].map((s) => ({ ...s, atMs: parseDuration(s.at) })).sort((a, b) => a.atMs - b.atMs);
  for (const step of steps) {
    await rig.advance(Math.max(0, step.atMs - rig.now()));
    const actions = step.do === undefined ? [] : Array.isArray(step.do) ? (step.do as Action[]) : [step.do as Action];
    for (const a of actions) await perform(rig, page, a);
    if (step.expect) failures.push(...checkPage(page, step.expect, `at ${step.at}`));
  }
  await rig.advance(Math.max(0, parseDuration(scenario.duration) - rig.now()));
  failures.push(...judge(scenario, rig, page));
}

async function perform(rig: Rig, page: LoadedPageHandle, a: Action): Promise<void> {
  if (typeof a === 'string') {
    switch (a) {
      case 'cut-network':
        return rig.network.cut();
      case 'restore-network':
        return rig.network.restore();
      case 'stall-network':
        return rig.network.stall();
      case 'refuse-connections':
        return rig.network.refuse();
      case 'fail-dns':
        return rig.network.failDns();
      case 'server-close':
        return rig.network.serverClose();
      case 'reset-connections':
        return rig.network.reset();
      case 'background':
        page.hide();
        return rig.device.background();
      case 'foreground':
        rig.device.foreground();
        return page.show();
      case 'phone-call':
        return rig.device.call();
      case 'end-phone-call':
        return rig.device.endCall();
      case 'deny-camera':
        return rig.device.deny('camera');
      case 'deny-microphone':
        return rig.device.deny('microphone');
      case 'back':
        return rig.back();
    }
  }
  if ('network' in a) {
    const n = a.network;
    if (n.set) rig.network.set(n.set);
    if (n.stallFor !== undefined) rig.network.stall(n.stallFor);
    if (n.serverClose !== undefined) rig.network.serverClose(n.serverClose);
    if (n.failDns !== undefined) rig.network.failDns(n.failDns);
    return;
  }
  if ('device' in a) {
    if (a.device.fault) rig.device.fault(a.device.fault);
    if (a.device.audioRoute) rig.device.audioRoute(a.device.audioRoute);
    return;
  }
  if ('page' in a) {
    page.call(a.page, ...(a.args ?? []));
    return;
  }
  if ('setData' in a) return page.setData({ ...a.setData });
  if ('tap' in a) return page.tap(a.tap);
  if ('context' in a) {
    const isPusher = a.context.startsWith('pusher#');
    const id = a.context.replace(/^(pusher|player)#/, '');
    const g = globalThis as unknown as { wx: Record<string, (id: string, scope: unknown) => Record<string, (o: unknown) => void>> };
    const ctx = isPusher ? g.wx.createLivePusherContext(id, page.instance) : g.wx.createLivePlayerContext(id, page.instance);
    const fn = ctx[a.method];
    if (typeof fn !== 'function')
      throw new Error(`[live-harness] Failed to call ${a.context}.${a.method}(): the context has no such method. Check the name against the WeChat docs.`);
    fn({ ...(a.args ?? {}) });
    return;
  }
  if ('publish' in a) return rig.streams.publish(a.publish, a.options);
  if ('unpublish' in a) return rig.streams.unpublish(a.unpublish);
  if ('freeze' in a) return rig.streams.freeze(a.freeze, a.for);
}

function judge(s: Scenario, rig: Rig, page: LoadedPageHandle): string[] {
  const out: string[] = [];
  const entries = rig.timeline.entries;
  const e = s.expect;
  if (e.sequence) {
    const m = matchSequence(entries, e.sequence);
    if (!m.pass) out.push(`sequence not observed:\n${m.report}`);
  }
  (e.sequences ?? []).forEach((seq, i) => {
    const m = matchSequence(entries, seq);
    if (!m.pass) out.push(`sequences[${i}] not observed:\n${m.report}`);
  });
  for (const n of e.never ?? []) {
    const c = countMatches(entries, n);
    if (c > 0) out.push(`expected never ${describeStep(n)}, but saw it ${c}×`);
  }
  for (const c of e.counts ?? []) {
    const n = countMatches(entries, c.step);
    if (c.exactly !== undefined && n !== c.exactly) out.push(`expected ${describeStep(c.step)} exactly ${c.exactly}×, saw ${n}×`);
    if (c.min !== undefined && n < c.min) out.push(`expected ${describeStep(c.step)} at least ${c.min}×, saw ${n}×`);
    if (c.max !== undefined && n > c.max) out.push(`expected ${describeStep(c.step)} at most ${c.max}×, saw ${n}×`);
  }
  for (const ev of e.every ?? []) {
    const from = ev.from === undefined ? 0 : parseDuration(ev.from);
    const until = ev.until === undefined ? Infinity : parseDuration(ev.until);
    const picked = entries.filter(
      (x) =>
        x.kind === ev.kind &&
        x.source === ev.source &&
        x.t >= from &&
        x.t < until &&
        (ev.metric === undefined || (x.detail as { name?: string }).name === ev.metric),
    );
    const value = (x: TimelineEntry): unknown => (x.kind === 'netstatus' ? (x.detail as { info: unknown }).info : x.detail);
    const window = `${from} ms–${until === Infinity ? 'end' : `${until} ms`}`;
    if (picked.length === 0) out.push(`expected ${ev.kind}${ev.metric ? ` "${ev.metric}"` : ''} from ${ev.source} in ${window}, saw none`);
    const bad = picked.filter((x) => {
      try {
        return !ev.where(value(x));
      } catch {
        return true;
      }
    });
    if (bad.length > 0)
      out.push(
        `${ev.kind} of ${ev.source} in ${window}: ${bad.length}/${picked.length} break "${ev.describe}"; first at t=${bad[0].t} ms: ${JSON.stringify(value(bad[0]))}`,
      );
  }
  if (e.page) out.push(...checkPage(page, e.page, 'at the end'));
  const metrics = rig.metrics;
  for (const [source, m] of Object.entries(e.metrics ?? {})) {
    const got = metrics[source];
    if (!got) {
      out.push(`no metrics for ${source}: it never appeared on the timeline`);
      continue;
    }
    const check = (label: string, v: number | undefined, b: Bounds | undefined): void => {
      if (!b) return;
      if (v === undefined || Number.isNaN(v)) return void out.push(`${source} ${label}: not measured`);
      if (b.min !== undefined && v < b.min) out.push(`${source} ${label} = ${v}, below ${b.min}`);
      if (b.max !== undefined && v > b.max) out.push(`${source} ${label} = ${v}, above ${b.max}`);
    };
    check('first-frame ms', got.firstFrameMs, m.firstFrameMs);
    check('latency p50 ms', got.latencyMs?.p50, m.latencyP50Ms);
    check('latency p95 ms', got.latencyMs?.p95, m.latencyP95Ms);
    check('latency max ms', got.latencyMs?.max, m.latencyMaxMs);
    check('video bitrate kbps', got.videoBitrateKbps, m.videoBitrateKbps);
    check('reconnects', got.reconnects, m.reconnects);
  }
  if (e.warnings) {
    const warnings = entries.filter((x) => x.kind === 'warning').map((x) => String((x.detail as { message?: string }).message));
    if (e.warnings.none && warnings.length > 0) out.push(`expected no warnings, got:\n  ${warnings.join('\n  ')}`);
    for (const w of e.warnings.include ?? [])
      if (!warnings.some((x) => x.includes(w)))
        out.push(`expected a warning containing ${JSON.stringify(w)}; got: ${warnings.length ? warnings.join(' | ') : 'none'}`);
  }
  return out;
}

function checkPage(page: LoadedPageHandle, exp: PageExpectation, when: string): string[] {
  const out: string[] = [];
  for (const [path, want] of Object.entries(exp.data ?? {})) {
    const got = path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), page.data);
    if (!deepEqual(got, want)) out.push(`${when}: page data ${path} = ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  }
  for (const [sel, want] of Object.entries(exp.text ?? {})) {
    const got = page.text(sel);
    if (got !== want) out.push(`${when}: WXML ${sel} shows ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  }
  return out;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function describeStep(s: unknown): string {
  try {
    const p = parseStep(s as never) as unknown as Record<string, unknown>;
    return JSON.stringify(Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined && typeof v !== 'function')));
  } catch {
    return JSON.stringify(s);
  }
}
