/**
 * The failure message: expected steps aligned against what was observed, so a
 * reader sees at once where the story diverged.
 */
import type { TimelineEntry } from '../record';
import { entryMatches, type Step } from './step';

const MAX_LINES = 80;
const QUIET = new Set(['netstatus', 'audiovolumenotify', 'metric', 'bgmprogress']);

export function formatEntry(e: TimelineEntry, describe?: (e: TimelineEntry) => string | undefined): string {
  const name = describe?.(e);
  const code = e.code !== undefined ? ` ${e.code}${name ? ` ${name}` : ''}` : '';
  let extra = '';
  const d = e.detail as Record<string, unknown> | undefined;
  if (e.kind === 'call' && d) extra = ` ${String(d.method)}()${d.ok === false ? ` ✗ ${String(d.errMsg)}` : ''}`;
  else if (e.kind === 'setData' && d) extra = ` ${truncate(JSON.stringify(d), 70)}`;
  else if (e.kind === 'action' && d) extra = ` ${String(d.action)}`;
  else if (e.kind === 'lifecycle' && d) extra = ` ${String(d.name)}`;
  else if (e.kind === 'warning' && d) extra = ` ${truncate(String(d.message), 90)}`;
  else if (e.kind === 'server' && d) extra = ` ${String(d.event)} ${String(d.key)}`;
  return `t=${fmtT(e.t)} ${e.source} ${e.kind}${code}${extra}`;
}

function fmtT(t: number): string {
  return `${(t / 1000).toFixed(3)}s`;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export function renderReport(
  entries: readonly TimelineEntry[],
  steps: readonly Step[],
  indices: readonly number[],
  full: boolean,
  describe?: (e: TimelineEntry) => string | undefined,
): string {
  const lines: string[] = [];
  lines.push(full ? 'Expected sequence — observed:' : 'Expected sequence — not observed:');
  const stepOf = new Map<number, number>();
  let prevT = 0;
  let prevIdx = -1;
  steps.forEach((s, k) => {
    const idx = indices[k];
    const window = [s.afterMs !== undefined ? `after ${s.afterMs}ms` : '', s.withinMs !== undefined ? `within ${s.withinMs}ms` : ''].filter(Boolean).join(', ');
    const head = `  ${String(k + 1).padStart(2)}. ${s.text}${window && !/within|after/.test(s.text) ? ` (${window})` : ''}`;
    if (idx !== undefined) {
      stepOf.set(idx, k + 1);
      lines.push(`${head}\n      ✓ ${formatEntry(entries[idx], describe)}`);
      prevT = entries[idx].t;
      prevIdx = idx;
    } else if (k === indices.length) {
      lines.push(`${head}\n      ✗ not found after step ${k} (t=${fmtT(prevT)})`);
      const near = entries.map((e, i) => ({ e, i })).filter(({ e, i }) => i > prevIdx && entryMatches(s, e));
      const before = entries.map((e, i) => ({ e, i })).filter(({ e, i }) => i <= prevIdx && entryMatches(s, e));
      for (const { e } of near.slice(0, 3)) lines.push(`        near miss: ${formatEntry(e, describe)} — ${offBy(s, e.t - prevT)}`);
      for (const { e } of before.slice(-2)) lines.push(`        seen earlier: ${formatEntry(e, describe)} — before the previous step`);
      if (near.length === 0 && before.length === 0) lines.push('        no entry of that kind at all');
    } else {
      lines.push(`${head}\n      · not reached`);
    }
  });
  lines.push('Observed timeline:');
  lines.push(...observed(entries, stepOf, describe));
  if (lines.length > MAX_LINES) {
    const keep = lines.slice(0, MAX_LINES - 11);
    keep.push(`  … ${lines.length - MAX_LINES + 1} more lines …`);
    keep.push(...lines.slice(-10));
    return keep.join('\n');
  }
  return lines.join('\n');
}

function offBy(s: Step, d: number): string {
  if (s.withinMs !== undefined && d > s.withinMs) return `${Math.round(d)}ms after the previous step, ${Math.round(d - s.withinMs)}ms too late`;
  if (s.afterMs !== undefined && d < s.afterMs) return `${Math.round(d)}ms after the previous step, ${Math.round(s.afterMs - d)}ms too early`;
  return `${Math.round(d)}ms after the previous step`;
}

function observed(entries: readonly TimelineEntry[], stepOf: Map<number, number>, describe?: (e: TimelineEntry) => string | undefined): string[] {
  const out: string[] = [];
  let quiet = 0;
  const flush = (): void => {
    if (quiet > 0) out.push(`      … ${quiet} netstatus/metric/volume entries`);
    quiet = 0;
  };
  entries.forEach((e, i) => {
    const k = stepOf.get(i);
    if (QUIET.has(e.kind) && k === undefined) {
      quiet++;
      return;
    }
    flush();
    out.push(`  ${k !== undefined ? `[${String(k).padStart(2)}]` : '    '} ${formatEntry(e, describe)}`);
  });
  flush();
  return out;
}
