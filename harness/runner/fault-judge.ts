/**
 * Expectations about a fault and what follows it: how long a participant
 * takes to recover (1002 / 2004 again) or to give up (-1307 / -2301), how
 * many reconnects it makes on the way, what the page shows meanwhile — and
 * that no source storms warnings. Each is measured off the timeline, so it
 * reads the same in virtual time and on real media.
 */
import { kindByRule } from '../../mocks/codes';
import { findMatches, matchSequence, parseStep, stepData, type StepInput, type StepObject } from '../assert';
import type { TimelineEntry } from '../record';
import type { MetricResult, SequenceResult } from './expectation-result';
import type { Bounds, FaultExpectation, StormExpectation } from './scenario';

/** The fault a FaultExpectation names when it names none: the first thing done to the network. */
export const DEFAULT_FAULT_STEP: StepObject = { source: 'network', kind: 'action', label: 'the first network fault' };

const RECOVERY = { pusher: 1002, player: 2004 } as const;
const GIVE_UP = { pusher: -1307, player: -2301 } as const;
const RECONNECT = { pusher: 1102, player: 2103 } as const;

/** What the judgement of one fault expectation measured. */
export interface FaultMeasure {
  /** the fault's entry, or undefined when no entry matched */
  readonly fault: { readonly index: number; readonly t: number } | undefined;
  readonly recoveryMs: number | undefined;
  readonly giveUpMs: number | undefined;
  /** reconnect warnings from the fault until recovery, giving up, or the end */
  readonly reconnects: number | undefined;
}

function roleOf(source: string): 'pusher' | 'player' | undefined {
  return source.startsWith('pusher#') ? 'pusher' : source.startsWith('player#') ? 'player' : undefined;
}

export function measureFault(entries: readonly TimelineEntry[], f: FaultExpectation): FaultMeasure {
  const role = roleOf(f.source);
  const hit = findMatches(entries, f.fault ?? DEFAULT_FAULT_STEP)[0];
  if (!hit || !role) return { fault: undefined, recoveryMs: undefined, giveUpMs: undefined, reconnects: undefined };
  const index = entries.indexOf(hit);
  const after = entries.slice(index + 1).filter((e) => e.source === f.source && e.kind === 'statechange');
  const recovered = after.find((e) => e.code === RECOVERY[role]);
  const gaveUp = after.find((e) => e.code === GIVE_UP[role]);
  const endT = Math.min(recovered?.t ?? Infinity, gaveUp?.t ?? Infinity);
  const reconnects = after.filter((e) => e.code === RECONNECT[role] && e.t <= endT).length;
  return {
    fault: { index, t: hit.t },
    recoveryMs: recovered ? round(recovered.t - hit.t) : undefined,
    giveUpMs: gaveUp ? round(gaveUp.t - hit.t) : undefined,
    reconnects,
  };
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

function bounded(path: string, source: string, metric: string, value: number | undefined, b: Bounds): MetricResult {
  const pass = value !== undefined && (b.min === undefined || value >= b.min) && (b.max === undefined || value <= b.max);
  return {
    kind: 'metric',
    path,
    pass,
    expected: { source, metric, ...(b.min !== undefined ? { min: b.min } : {}), ...(b.max !== undefined ? { max: b.max } : {}) },
    observed: { seen: true, value: value ?? null },
  };
}

export function judgeFault(entries: readonly TimelineEntry[], f: FaultExpectation, path: string): Array<MetricResult | SequenceResult> {
  const out: Array<MetricResult | SequenceResult> = [];
  const m = measureFault(entries, f);
  const faultText = stepData(parseStep(f.fault ?? DEFAULT_FAULT_STEP)).text;
  const at = m.fault ? `after ${faultText} at ${m.fault.t} ms` : `after ${faultText} (no entry matched it)`;
  const role = roleOf(f.source);
  if (f.recoveryMs) out.push(bounded(`${path}.recoveryMs`, f.source, `ms to recover (${role ? RECOVERY[role] : '?'}) ${at}`, m.recoveryMs, f.recoveryMs));
  if (f.giveUpMs) out.push(bounded(`${path}.giveUpMs`, f.source, `ms to give up (${role ? GIVE_UP[role] : '?'}) ${at}`, m.giveUpMs, f.giveUpMs));
  if (f.reconnects) out.push(bounded(`${path}.reconnects`, f.source, `reconnects (${role ? RECONNECT[role] : '?'}) ${at}`, m.reconnects, f.reconnects));
  if (f.page) {
    const { field, states } = f.page;
    // The fault itself first: the page's states are read from it on.
    const steps: StepInput[] = [
      f.fault ?? DEFAULT_FAULT_STEP,
      ...states.map((state): StepObject => ({
        source: 'page',
        kind: 'setData',
        where: (d: unknown) => JSON.stringify(pathValue(d, field)) === JSON.stringify(state),
        label: `page ${field} = ${JSON.stringify(state)}`,
      })),
    ];
    const s = matchSequence(entries, steps);
    out.push({
      kind: 'sequence',
      path: `${path}.page`,
      pass: s.pass,
      expected: { steps: s.alignment.steps.map((a) => a.step) },
      observed: { matchedSteps: s.alignment.steps.filter((a) => a.status === 'matched').length },
      alignment: s.alignment,
    });
  }
  return out;
}

/** A data path (`stream.status`) in a setData patch, which may itself use a path key (`'stream.status'`). */
function pathValue(patch: unknown, field: string): unknown {
  if (!patch || typeof patch !== 'object') return undefined;
  const o = patch as Record<string, unknown>;
  if (field in o) return o[field];
  return field.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);
}

/** The most warnings one source raised inside any window of `windowMs`, per source. */
export function warningPeaks(entries: readonly TimelineEntry[], source: string | undefined, windowMs = 1000): Map<string, { count: number; t: number }> {
  const bySource = new Map<string, number[]>();
  for (const e of entries) {
    if (e.kind !== 'statechange' || e.code === undefined || kindByRule(e.code) !== 'warning') continue;
    if (source !== undefined && !(source.endsWith('*') ? e.source.startsWith(source.slice(0, -1)) : e.source === source)) continue;
    let ts = bySource.get(e.source);
    if (!ts) bySource.set(e.source, (ts = []));
    ts.push(e.t);
  }
  const peaks = new Map<string, { count: number; t: number }>();
  for (const [src, ts] of bySource) {
    let best = { count: 0, t: 0 };
    let lo = 0;
    for (let hi = 0; hi < ts.length; hi++) {
      while (ts[hi] - ts[lo] >= windowMs) lo++;
      if (hi - lo + 1 > best.count) best = { count: hi - lo + 1, t: ts[lo] };
    }
    peaks.set(src, best);
  }
  return peaks;
}

export function judgeStorm(entries: readonly TimelineEntry[], s: StormExpectation, path: string): MetricResult[] {
  const peaks = warningPeaks(entries, s.source);
  const who = s.source ?? 'any participant';
  if (peaks.size === 0) return [bounded(path, who, 'most warnings in any 1 s (none raised)', 0, { max: s.maxPerSecond })];
  return [...peaks].map(([src, p]) => bounded(path, src, `most warnings in any 1 s (from ${p.t} ms)`, p.count, { max: s.maxPerSecond }));
}
