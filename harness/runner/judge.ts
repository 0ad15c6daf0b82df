/**
 * The judgement of a played scenario: every expectation checked, every failure
 * said, none thrown.
 */
import { countMatches, matchSequence, parseStep } from '../assert';
import type { LoadedPageHandle, Rig } from '../rig';
import { everyFailure, measureEvery } from './every';
import type { Bounds, PageExpectation, Scenario } from './scenario';

export function judge(s: Scenario, rig: Rig, page: LoadedPageHandle): string[] {
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
    const failure = everyFailure(ev, measureEvery(entries, ev));
    if (failure) out.push(failure);
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

export function checkPage(page: LoadedPageHandle, exp: PageExpectation, when: string): string[] {
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
