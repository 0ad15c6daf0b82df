/**
 * A replay's comparison as text: per element, the real and the model's
 * sequences side by side (matched, only real, only model) with their times,
 * then the agreement figure.
 */
import type { ReplayReport, ReplayRow } from './replay';
import type { Trace } from './trace-format';

function label(e: { kind: string; code?: number }): string {
  return e.code === undefined ? e.kind : `${e.kind} ${e.code}`;
}

function ms(t: number): string {
  return `${Math.round(t)} ms`;
}

function row(r: ReplayRow): string {
  switch (r.type) {
    case 'match': {
      const p = r.pair;
      const d = `${p.deltaMs >= 0 ? '+' : ''}${Math.round(p.deltaMs)} ms`;
      return `  ${p.onTime ? '=' : '~'} ${label(p).padEnd(20)} real ${ms(p.realMs).padStart(9)}  model ${ms(p.modelMs).padStart(9)}  Δ ${d}${p.onTime ? '' : '  (late or early)'}`;
    }
    case 'real-only':
      return `  - ${label(r.entry).padEnd(20)} real ${ms(r.entry.t).padStart(9)}  the model never emitted it here`;
    case 'model-only':
      return `  + ${label(r.entry).padEnd(20)} ${''.padEnd(15)}model ${ms(r.entry.t).padStart(9)}  the real client did not emit it`;
  }
}

const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/** The report a person reads: what differs, and by how much. */
export function renderReplay(report: ReplayReport, trace: Trace, name = 'the trace'): string {
  const out: string[] = [];
  out.push(`Replay of ${name} (${trace.recorded.target}, recorded by ${trace.recorded.by}) against the model, in virtual time`);
  if (trace.recorded.source) out.push(`  source: ${trace.recorded.source}`);
  out.push(
    `  clock: ${trace.clock.mapping}${trace.clock.uncertaintyMs !== undefined ? ` ±${trace.clock.uncertaintyMs} ms` : ''}; on time = within ±${report.toleranceMs} ms`,
  );
  for (const s of report.sources) {
    out.push('');
    out.push(`${s.source}: ${s.real} real, ${s.model} model, ${s.pairs.length} in the same order`);
    for (const r of s.rows) out.push(row(r));
    for (const [kind, n] of Object.entries(s.samples)) out.push(`  · ${kind}: ${n.real} real, ${n.model} model (periodic; counted, not matched)`);
  }
  out.push('');
  const t = report.timing;
  out.push(
    `agreement ${pct(report.agreement)}: ${report.onTime} of ${report.realEvents + report.modelEvents - report.matched} events match in order and on time` +
      ` (order alone ${pct(report.sequenceAgreement)}; ${report.realEvents} real, ${report.modelEvents} model)`,
  );
  if (t.medianAbsMs !== undefined)
    out.push(`timing |model − real|: median ${Math.round(t.medianAbsMs)} ms, p95 ${Math.round(t.p95AbsMs ?? 0)} ms, max ${Math.round(t.maxAbsMs ?? 0)} ms`);
  return out.join('\n');
}
