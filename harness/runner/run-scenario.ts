/**
 * Plays a scenario on a rig and judges it. Every expectation is checked and
 * kept as data (passed or not), every failure is reported (not just the
 * first), and the timeline is kept whatever happened, so a report can always
 * be written.
 */
// Real timers: in virtual time the page's setTimeout follows the rig's clock, and the budget must not.
import { clearTimeout, setTimeout } from 'node:timers';
import { parseDuration } from '../assert';
import { BrowserNotFoundError, findBrowser } from '../browser';
import type { AudienceSummary } from '../audience';
import { judgeAudience } from './audience-judge';
import type { TimelineEntry } from '../record';
import type { MediaOptions, OpenedResources, ParticipantMetrics } from '../rig';
import { simulate, type Session, type Target } from '../targets';
import { perform } from './actions';
import type { ExpectationResult } from './expectation-result';
import { checkPage, judge } from './judge';
import type { RunObserver } from './observer';
import { renderFailure } from './render-failure';
import type { Action, Capability, Scenario } from './scenario';
import { validateScenario } from './validate-scenario';

export interface ScenarioResult {
  readonly name: string;
  /** 'interrupted': Ctrl-C stopped it before it finished (it neither passed nor failed) */
  readonly status: 'passed' | 'failed' | 'not-applicable' | 'interrupted';
  /** every expectation judged, in the order judged, passed or not, as data; and what stopped the run, if anything */
  readonly expectations: readonly ExpectationResult[];
  /** the failed ones as text (rendered from `expectations`) */
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
  /** each audience the scenario ran (issue 13): its counts and figures as distributions */
  readonly audience?: readonly AudienceSummary[];
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
  /** aborting it (Ctrl-C) stops the run: the rig is torn down and the scenario ends as interrupted */
  readonly signal?: AbortSignal;
  /** told of each timeline step once performed (a reporter is one) */
  readonly observer?: RunObserver;
}

export class ScenarioStoppedError extends Error {
  readonly code = 'LH_SCENARIO_TIMEOUT';
  constructor(
    message: string,
    readonly reason: 'timeout' | 'interrupted',
  ) {
    super(message);
  }
}

function failuresOf(results: readonly ExpectationResult[], timeline: readonly TimelineEntry[]): string[] {
  return results.filter((r) => !r.pass).map((r) => renderFailure(r, timeline));
}

export async function runScenario(scenario: Scenario, opts: RunOptions): Promise<ScenarioResult> {
  const started = performance.now();
  validateScenario(scenario);
  const target = opts.target ?? simulate;
  // A run has one clock: real media when asked for, else virtual time; the target must offer it.
  const wanted = opts.media ? 'real-media' : 'virtual-time';
  // On real media, a target that runs audiences offers them too; 'browser' comes with real media on a target that can host
  // browser viewers (whether this machine has a Chromium is checked below).
  const offered: readonly Capability[] = opts.capabilities ?? (wanted === 'real-media' ? [wanted, 'audience'] : [wanted]);
  const caps = [...offered, ...(wanted === 'real-media' && !offered.includes('browser') ? (['browser'] as const) : [])].filter(
    (c) => c !== (wanted === 'real-media' ? 'virtual-time' : 'real-media') && target.capabilities.includes(c),
  );
  const clock = opts.media ? 'real' : 'virtual';
  // A run that ends before it starts: nothing on the timeline, one result that says why.
  const unstarted = (status: 'failed' | 'not-applicable', why: ExpectationResult): ScenarioResult => ({
    name: scenario.name,
    status,
    expectations: [why],
    failures: failuresOf([why], []),
    timeline: [],
    metrics: {},
    clock,
    virtualMs: 0,
    wallMs: performance.now() - started,
    target: target.name,
  });
  const needed = neededCapabilities(scenario);
  const missing = needed.filter((n) => !caps.includes(n));
  if (missing.length > 0) {
    const needs: ExpectationResult = {
      kind: 'needs',
      path: 'needs',
      pass: false,
      expected: { capabilities: needed },
      observed: { capabilities: caps, missing },
    };
    return unstarted('not-applicable', needs);
  }
  if (needed.includes('browser')) {
    // The target can host browser viewers; this machine must have a browser for them. Without one the
    // scenario is not applicable here (with the way to get one), never passed.
    try {
      findBrowser();
    } catch (e) {
      if (!(e instanceof BrowserNotFoundError)) throw e;
      return unstarted('not-applicable', {
        kind: 'needs',
        path: 'needs',
        pass: false,
        expected: { capabilities: needed },
        observed: { capabilities: caps.filter((c) => c !== 'browser'), missing: ['browser'], reason: e.message },
      });
    }
  }
  const results: ExpectationResult[] = [];
  let rig: Session;
  try {
    rig = await target.open({
      clock: wanted,
      seed: opts.seed ?? scenario.seed ?? 1,
      params: scenario.params,
      client: scenario.client,
      network: scenario.network,
      miniprogramRoot: opts.miniprogramRoot,
      ...mediaOptions(scenario, opts.media),
    });
  } catch (e) {
    return unstarted('failed', rigFailure('create', e instanceof Error ? e.message : String(e)));
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
            'timeout',
          ),
        ),
      budget,
    );
    onAbort = () => reject(new ScenarioStoppedError('the run was interrupted (Ctrl-C); everything it started was stopped', 'interrupted'));
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([play(scenario, rig, results, opts.observer), stopped]);
  } catch (e) {
    results.push({
      kind: 'run',
      path: 'run',
      pass: false,
      expected: { timeoutMs: budget },
      observed:
        e instanceof ScenarioStoppedError
          ? { stopped: e.reason, error: e.message }
          : { stopped: 'threw', error: e instanceof Error ? (e.stack ?? e.message) : String(e) },
    });
  } finally {
    clearTimeout(timer);
    if (onAbort) opts.signal?.removeEventListener('abort', onAbort);
    try {
      await rig.dispose();
    } catch (e) {
      results.push(rigFailure('teardown', e instanceof Error ? e.message : String(e)));
    }
  }
  for (const p of rig.problems) results.push(rigFailure('run', p));
  // Stopped by the story's end, or by dispose when the run stopped early: their figures are kept either way.
  const audience = rig.stopAudiences ? await rig.stopAudiences() : [];
  const timeline = rig.timeline.toJSON();
  // A copy: a story stopped by the budget may still be unwinding, and must not change a result already returned.
  const expectations = [...results];
  const failures = failuresOf(expectations, timeline);
  const interrupted = expectations.some((r) => r.kind === 'run' && (r.observed as { stopped?: string }).stopped === 'interrupted');
  return {
    name: scenario.name,
    status: interrupted ? 'interrupted' : failures.length === 0 ? 'passed' : 'failed',
    expectations,
    failures,
    timeline,
    metrics: rig.metrics,
    clock,
    virtualMs: rig.now(),
    wallMs: performance.now() - started,
    ...(rig.realMedia ? { opened: rig.opened } : {}),
    target: target.name,
    ...(audience.length > 0 ? { audience } : {}),
  };
}

/** What the scenario needs: its `needs`, and a browser when it has browser viewers. */
function neededCapabilities(scenario: Scenario): readonly Capability[] {
  const needs = scenario.needs ?? ['virtual-time'];
  return scenario.setup.browserViewers?.length && !needs.includes('browser') ? [...needs, 'browser'] : needs;
}

/** The run's media options, with what the scenario asks of the server (its publish-taken policy). */
function mediaOptions(scenario: Scenario, media: RunOptions['media']): { media?: MediaOptions } {
  const publishTaken = scenario.setup.server?.publishTaken;
  if (!media) return {};
  const base = typeof media === 'object' ? media : {};
  if (publishTaken === undefined) return typeof media === 'object' ? { media } : {};
  return { media: { ...base, publishTaken } };
}

function rigFailure(phase: 'create' | 'run' | 'teardown', error: string): ExpectationResult {
  return { kind: 'rig', path: 'rig', pass: false, expected: { phase }, observed: { error } };
}

/** The story itself: setup, timeline, then judgement. Results are collected, not thrown. */
async function play(scenario: Scenario, rig: Session, results: ExpectationResult[], observer: RunObserver | undefined): Promise<void> {
  await rig.ready();
  for (const p of scenario.setup.deny ?? []) await rig.device.deny(p);
  for (const s of scenario.setup.streams ?? []) await rig.streams.publish(s.key, s);
  for (const [url, r] of Object.entries(scenario.setup.resources ?? {})) await rig.network.resource(url, r);
  const page = await rig.loadPage(scenario.setup.page, scenario.setup.query ? { ...scenario.setup.query } : undefined);
  for (const v of scenario.setup.browserViewers ?? []) {
    if (!rig.browsers)
      throw new Error(
        `[live-harness] Failed to add browser viewer "${v.id}": this session cannot host browser viewers. Run the scenario on real media (--media local).`,
      );
    await rig.browsers.add(v);
  }
  const audiences = scenario.setup.audience ?? [];
  if (audiences.length > 0 && !rig.audience)
    throw new Error(`[live-harness] Failed to start setup.audience: this target runs no audiences. Run the scenario on simulate with real media (--media).`);
  for (const [i, a] of audiences.entries()) await rig.audience?.({ ...a, id: a.id ?? String(i + 1) });
  const steps = [...(scenario.timeline ?? [])].map((s, index) => ({ ...s, index, atMs: parseDuration(s.at) })).sort((a, b) => a.atMs - b.atMs);
  for (const step of steps) {
    await rig.advance(Math.max(0, step.atMs - rig.now()));
    const actions = step.do === undefined ? [] : Array.isArray(step.do) ? (step.do as Action[]) : [step.do as Action];
    for (const a of actions) await perform(rig, page, a);
    const checkpoint = step.expect ? await checkPage(page, step.expect, `at ${step.at}`, `timeline[${step.index}].expect`) : [];
    results.push(...checkpoint);
    await observer?.onStep?.(scenario, { index: step.index, at: step.at, tMs: rig.now(), actions, checkpoint });
  }
  await rig.advance(Math.max(0, parseDuration(scenario.duration) - rig.now()));
  await rig.sync();
  results.push(...(await judge(scenario, rig, page)));
  if (scenario.expect.audience) {
    const summaries = rig.stopAudiences ? await rig.stopAudiences() : [];
    (scenario.expect.audience ?? []).forEach((e, i) => results.push(...judgeAudience(summaries, e, `expect.audience[${i}]`)));
  }
}
