/**
 * The judgement of a played scenario (after the session's sync(), so a
 * remote target's mirrored timeline and metrics are complete): every expectation checked, each result
 * kept as data (expected, observed, and for sequences the aligned timeline),
 * passed or not; none thrown.
 */
import { findMatches, matchSequence, parseStep, stepData, type StepInput } from '../assert';
import type { TimelineEntry } from '../record';
import type { PageHandle, Session } from '../targets';
import type { EveryResult, ExpectationResult, Matches, MetricResult, PageResult, SequenceResult } from './expectation-result';
import { everyFailure, measureEvery, type EveryMeasure } from './every';
import { judgeFault, judgeStorm } from './fault-judge';
import type { Bounds, EveryExpectation, PageExpectation, Scenario } from './scenario';

/** How many matching entries a never/count result carries (the count is exact). */
const LISTED_MATCHES = 10;

export async function judge(s: Scenario, rig: Session, page: PageHandle): Promise<ExpectationResult[]> {
  const results: ExpectationResult[] = [];
  const entries = rig.timeline.entries;
  const e = s.expect;
  if (e.sequence) results.push(sequence('expect.sequence', entries, e.sequence));
  (e.sequences ?? []).forEach((seq, i) => results.push(sequence(`expect.sequences[${i}]`, entries, seq)));
  (e.never ?? []).forEach((n, i) => {
    const observed = matches(entries, n);
    results.push({ kind: 'never', path: `expect.never[${i}]`, pass: observed.count === 0, expected: { step: stepData(parseStep(n)), count: 0 }, observed });
  });
  (e.counts ?? []).forEach((c, i) => {
    const observed = matches(entries, c.step);
    const n = observed.count;
    const pass = (c.exactly === undefined || n === c.exactly) && (c.min === undefined || n >= c.min) && (c.max === undefined || n <= c.max);
    const { min, max, exactly } = c;
    const bounds = { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}), ...(exactly !== undefined ? { exactly } : {}) };
    results.push({ kind: 'count', path: `expect.counts[${i}]`, pass, expected: { step: stepData(parseStep(c.step)), ...bounds }, observed });
  });
  for (const [i, ev] of (e.every ?? []).entries()) {
    const measure = measureEvery(entries, ev);
    const failure = everyFailure(ev, measure);
    results.push(everyResult(ev, i, failure ? [failure] : [], measure));
  }
  (e.faults ?? []).forEach((f, i) => results.push(...judgeFault(entries, f, `expect.faults[${i}]`)));
  if (e.noStorm) results.push(...judgeStorm(entries, e.noStorm, 'expect.noStorm'));
  if (e.page) results.push(...(await checkPage(page, e.page, 'at the end', 'expect.page')));
  const metrics = rig.metrics;
  for (const [source, m] of Object.entries(e.metrics ?? {})) {
    const got = metrics[source];
    const path = `expect.metrics[${JSON.stringify(source)}]`;
    if (!got) {
      results.push({ kind: 'metric', path, pass: false, expected: { source }, observed: { seen: false } });
      continue;
    }
    const check = (key: string, metric: string, v: number | undefined, b: Bounds | undefined): void => {
      if (!b) return;
      const value = v === undefined || Number.isNaN(v) ? null : v;
      const pass = value !== null && (b.min === undefined || value >= b.min) && (b.max === undefined || value <= b.max);
      const bounds = { ...(b.min !== undefined ? { min: b.min } : {}), ...(b.max !== undefined ? { max: b.max } : {}) };
      const r: MetricResult = { kind: 'metric', path: `${path}.${key}`, pass, expected: { source, metric, ...bounds }, observed: { seen: true, value } };
      results.push(r);
    };
    check('firstFrameMs', 'first-frame ms', got.firstFrameMs, m.firstFrameMs);
    check('latencyP50Ms', 'latency p50 ms', got.latencyMs?.p50, m.latencyP50Ms);
    check('latencyP95Ms', 'latency p95 ms', got.latencyMs?.p95, m.latencyP95Ms);
    check('latencyMaxMs', 'latency max ms', got.latencyMs?.max, m.latencyMaxMs);
    check('videoBitrateKbps', 'video bitrate kbps', got.videoBitrateKbps, m.videoBitrateKbps);
    check('reconnects', 'reconnects', got.reconnects, m.reconnects);
  }
  if (e.warnings) {
    const warnings = entries.filter((x) => x.kind === 'warning').map((x) => String((x.detail as { message?: string }).message));
    if (e.warnings.none)
      results.push({ kind: 'warnings', path: 'expect.warnings.none', pass: warnings.length === 0, expected: { none: true }, observed: { warnings } });
    (e.warnings.include ?? []).forEach((w, i) =>
      results.push({
        kind: 'warnings',
        path: `expect.warnings.include[${i}]`,
        pass: warnings.some((x) => x.includes(w)),
        expected: { include: w },
        observed: { warnings },
      }),
    );
  }
  return results;
}

export async function checkPage(page: PageHandle, exp: PageExpectation, when: string, path: string): Promise<PageResult[]> {
  const out: PageResult[] = [];
  const data = exp.data ? await page.getData() : {};
  for (const [field, want] of Object.entries(exp.data ?? {})) {
    const got = field.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), data);
    out.push({
      kind: 'page',
      path: `${path}.data[${JSON.stringify(field)}]`,
      pass: deepEqual(got, want),
      expected: { when, what: 'data', path: field, value: want },
      observed: got === undefined ? {} : { value: got },
    });
  }
  for (const [sel, want] of Object.entries(exp.text ?? {})) {
    const got = await page.text(sel);
    out.push({
      kind: 'page',
      path: `${path}.text[${JSON.stringify(sel)}]`,
      pass: got === want,
      expected: { when, what: 'text', path: sel, value: want },
      observed: got === undefined ? {} : { value: got },
    });
  }
  return out;
}

function sequence(path: string, entries: readonly TimelineEntry[], steps: readonly StepInput[]): SequenceResult {
  const m = matchSequence(entries, steps);
  return {
    kind: 'sequence',
    path,
    pass: m.pass,
    expected: { steps: m.alignment.steps.map((a) => a.step) },
    observed: { matchedSteps: m.alignment.steps.filter((a) => a.status === 'matched').length },
    alignment: m.alignment,
  };
}

function matches(entries: readonly TimelineEntry[], step: StepInput): Matches {
  const hits = findMatches(entries, step);
  return { count: hits.length, entries: hits.slice(0, LISTED_MATCHES).map((entry) => ({ index: entries.indexOf(entry), entry })) };
}

/** The every-check's own messages, wrapped as a result: it passes when it said nothing. */
function everyResult(ev: EveryExpectation, i: number, problems: readonly string[], m: EveryMeasure): EveryResult {
  const { source, kind, metric, describe, from, until } = ev;
  return {
    kind: 'every',
    path: `expect.every[${i}]`,
    pass: problems.length === 0,
    expected: {
      source,
      kind,
      describe,
      ...(metric !== undefined ? { metric } : {}),
      ...(from !== undefined ? { from } : {}),
      ...(until !== undefined ? { until } : {}),
    },
    observed: { samples: m.samples, outliers: m.outliers, allowed: m.allowed, problems: [...problems] },
  };
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
