/**
 * Plays a scenario on a rig and judges it. Every expectation is checked and
 * every failure is reported (not just the first), and the timeline is kept
 * whatever happened, so a report can always be written.
 */
// Real timers: in virtual time the page's setTimeout follows the rig's clock, and the budget must not.
import { clearTimeout, setTimeout } from 'node:timers';
import { parseDuration } from '../assert';
import type { TimelineEntry } from '../record';
import type { MediaOptions, OpenedResources, ParticipantMetrics } from '../rig';
import { simulate, type Session, type Target } from '../targets';
import { perform } from './actions';
import { checkPage, judge } from './judge';
import type { Action, Capability, Scenario } from './scenario';
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
  /** the target it ran on (`simulate` …) */
  readonly target: string;
}

export interface RunOptions {
  readonly miniprogramRoot: string;
  /** where the scenario runs; default `simulate` (in-process) */
  readonly target?: Target;
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
  const target = opts.target ?? simulate;
  // A run has one clock: real media when asked for, else virtual time; the target must offer it.
  const wanted = opts.media ? 'real-media' : 'virtual-time';
  const caps = (opts.capabilities ?? [wanted]).filter(
    (c) => c !== (wanted === 'real-media' ? 'virtual-time' : 'real-media') && target.capabilities.includes(c),
  );
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
      target: target.name,
    };
  }
  const failures: string[] = [];
  let rig: Session;
  try {
    rig = target.open({
      clock: wanted,
      seed: opts.seed ?? scenario.seed ?? 1,
      params: scenario.params,
      client: scenario.client,
      network: scenario.network,
      miniprogramRoot: opts.miniprogramRoot,
      ...(typeof opts.media === 'object' ? { media: opts.media } : {}),
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
      target: target.name,
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
    target: target.name,
  };
}

/** The story itself: setup, timeline, then judgement. Failures are collected, not thrown. */
async function play(scenario: Scenario, rig: Session, failures: string[]): Promise<void> {
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
