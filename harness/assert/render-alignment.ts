/**
 * The failure text of a sequence: the alignment (see alignment.ts) rendered
 * for a terminal, expected steps against what was observed, so a reader sees
 * at once where the story diverged.
 */
import { nameForSource } from '../../mocks/codes';
import type { TimelineEntry } from '../record';
import { QUIET_KINDS, type AlignedStep, type SequenceAlignment } from './alignment';

const MAX_LINES = 80;

export type DescribeEntry = (e: TimelineEntry) => string | undefined;

/** Names a status or error code by the table of its component: 1002 → PUSH_EVT_PUSH_BEGIN. */
export const nameCode: DescribeEntry = (e) => (e.code !== undefined ? nameForSource(e.source, e.code) : undefined);

export function formatEntry(e: TimelineEntry, describe?: DescribeEntry): string {
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

/**
 * `entries`: the timeline the alignment was made on; its observed part lists
 * it up to where it was judged, trimmed to a screen.
 */
export function renderAlignment(alignment: SequenceAlignment, entries: readonly TimelineEntry[], describe?: DescribeEntry): string {
  const lines: string[] = [];
  lines.push(alignment.pass ? 'Expected sequence — observed:' : 'Expected sequence — not observed:');
  const stepOf = new Map<number, number>();
  alignment.steps.forEach((a, k) => {
    const s = a.step;
    const window = [s.afterMs !== undefined ? `after ${s.afterMs}ms` : '', s.withinMs !== undefined ? `within ${s.withinMs}ms` : ''].filter(Boolean).join(', ');
    const head = `  ${String(k + 1).padStart(2)}. ${s.text}${window && !/within|after/.test(s.text) ? ` (${window})` : ''}`;
    if (a.status === 'matched') {
      stepOf.set(a.match.index, k + 1);
      lines.push(`${head}\n      ✓ ${formatEntry(a.match.entry, describe)}`);
    } else if (a.status === 'missing') {
      lines.push(`${head}\n      ✗ not found after step ${a.afterStep} (t=${fmtT(a.afterMs)})`);
      lines.push(...missing(a, describe));
    } else {
      lines.push(`${head}\n      · not reached`);
    }
  });
  lines.push('Observed timeline:');
  lines.push(...observed(entries.slice(0, alignment.timelineLength), stepOf, describe));
  if (lines.length > MAX_LINES) {
    const keep = lines.slice(0, MAX_LINES - 11);
    keep.push(`  … ${lines.length - MAX_LINES + 1} more lines …`);
    keep.push(...lines.slice(-10));
    return keep.join('\n');
  }
  return lines.join('\n');
}

function missing(a: Extract<AlignedStep, { status: 'missing' }>, describe?: DescribeEntry): string[] {
  const out: string[] = [];
  for (const m of a.nearMisses) {
    const d = Math.round(m.sincePreviousMs);
    const off =
      m.lateByMs !== undefined ? `, ${Math.round(m.lateByMs)}ms too late` : m.earlyByMs !== undefined ? `, ${Math.round(m.earlyByMs)}ms too early` : '';
    out.push(`        near miss: ${formatEntry(m.entry, describe)} — ${d}ms after the previous step${off}`);
  }
  for (const e of a.seenEarlier) out.push(`        seen earlier: ${formatEntry(e.entry, describe)} — before the previous step`);
  if (a.nearMisses.length === 0 && a.seenEarlier.length === 0) out.push('        no entry of that kind at all');
  return out;
}

function observed(entries: readonly TimelineEntry[], stepOf: Map<number, number>, describe?: DescribeEntry): string[] {
  const out: string[] = [];
  let quiet = 0;
  const flush = (): void => {
    if (quiet > 0) out.push(`      … ${quiet} netstatus/metric/volume entries`);
    quiet = 0;
  };
  entries.forEach((e, i) => {
    const k = stepOf.get(i);
    if (QUIET_KINDS.has(e.kind) && k === undefined) {
      quiet++;
      return;
    }
    flush();
    out.push(`  ${k !== undefined ? `[${String(k).padStart(2)}]` : '    '} ${formatEntry(e, describe)}`);
  });
  flush();
  return out;
}
