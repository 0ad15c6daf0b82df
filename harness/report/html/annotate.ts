/**
 * What the page needs beyond results.json, worked out once at write time so
 * the page carries no status-code table and no fault vocabulary: the name of
 * every code the timelines hold, and each fault as a span (from its action to
 * the action that ended it). Kept beside the results data, never merged into
 * it: the page's `results` blob stays byte-for-byte the object of results.json.
 */
import { nameForSource } from '../../../mocks/codes';
import type { TimelineEntry } from '../../record';
import type { JsonReport } from '../json-reporter';

/** A fault on the scenario's time axis; `endIndex` is absent when nothing ended it before the story did. */
export interface FaultSpan {
  /** who applied it: `network`, `proxy`, `device` */
  readonly source: string;
  /** the action as the timeline recorded it: `cut`, `stall`, `toxic-added latency` … */
  readonly label: string;
  readonly fromMs: number;
  readonly toMs: number;
  /** the timeline index of the action that began it */
  readonly index: number;
  readonly endIndex?: number;
  /** it happened once (a reset, a server close): a line, not an area */
  readonly instant: boolean;
}

export interface ScenarioAnnotations {
  readonly faults: readonly FaultSpan[];
  /** `<code>` → its name, per source, for every code on the timeline */
  readonly codeNames: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** where the time axis ends: the story's length, or the last entry if later (a teardown) */
  readonly endMs: number;
}

export interface ReportAnnotations {
  /** scenarios that were to run and did not (the run was interrupted or bailed) */
  readonly notRun: number;
  /** in the order of `results.scenarios` */
  readonly scenarios: readonly ScenarioAnnotations[];
}

/** Network actions that hold until something ends them (mocks/link/faults.ts `timeline` of its lasting verbs). */
const LASTING: ReadonlySet<string> = new Set(['cut', 'stall', 'partition', 'refuse', 'dns-fail', 'handshake-fail']);
/** Network actions that happen once. */
const INSTANT: ReadonlySet<string> = new Set(['server-close', 'reset']);
/** `restore { fault: verb }` names the verb (faults.ts), the span carries the timeline's word for it. */
const VERB_ACTION: Readonly<Record<string, string>> = {
  cut: 'cut',
  stall: 'stall',
  partition: 'partition',
  refuse: 'refuse',
  failDns: 'dns-fail',
  failHandshake: 'handshake-fail',
};
/** Device states that last until their opposite. */
const DEVICE_SPANS: Readonly<Record<string, string>> = { background: 'foreground', 'call-start': 'call-end' };

interface Open {
  readonly source: string;
  readonly action: string;
  readonly label: string;
  readonly fromMs: number;
  readonly index: number;
  /** what ends it: its own end (`forMs`) when recorded */
  readonly key: string;
}

function detailOf(e: TimelineEntry): Record<string, unknown> {
  return typeof e.detail === 'object' && e.detail !== null ? (e.detail as Record<string, unknown>) : {};
}

/** Every fault of a timeline as a span, in the order they began. */
export function faultSpans(timeline: readonly TimelineEntry[], endMs: number): FaultSpan[] {
  const spans: FaultSpan[] = [];
  const open: Open[] = [];
  const close = (match: (o: Open) => boolean, at: TimelineEntry, index: number): void => {
    for (let i = open.length - 1; i >= 0; i--) {
      const o = open[i]!;
      if (!match(o)) continue;
      spans.push({ source: o.source, label: o.label, fromMs: o.fromMs, toMs: at.t, index: o.index, endIndex: index, instant: false });
      open.splice(i, 1);
    }
  };
  timeline.forEach((e, index) => {
    if (e.kind !== 'action') return;
    const d = detailOf(e);
    const action = typeof d.action === 'string' ? d.action : '';
    if (e.source === 'network') {
      if (LASTING.has(action)) {
        const host = typeof d.host === 'string' && d.host !== '*' ? ` ${d.host}` : '';
        open.push({ source: e.source, action, label: `${action}${host}`, fromMs: e.t, index, key: `${action}${host}` });
      } else if (INSTANT.has(action)) {
        const target = typeof d.target === 'string' && d.target !== '*' ? ` ${d.target}` : '';
        spans.push({ source: e.source, label: `${action}${target}`, fromMs: e.t, toMs: e.t, index, instant: true });
      } else if (action === 'unstall') {
        close((o) => o.source === 'network' && o.action === 'stall', e, index);
      } else if (action === 'restore') {
        const verb = typeof d.fault === 'string' ? VERB_ACTION[d.fault] : undefined;
        const host = typeof d.host === 'string' && d.host !== '*' ? ` ${d.host}` : '';
        // restore() undoes every lasting fault; a timed one running out ends only itself
        close((o) => o.source === 'network' && (verb === undefined || o.key === `${verb}${verb === 'dns-fail' ? host : ''}`), e, index);
      }
    } else if (e.source === 'proxy') {
      const name = typeof d.name === 'string' ? d.name : '';
      if (action === 'toxic-added') {
        const toxic = detailOf({ ...e, detail: d.toxic });
        const type = typeof toxic.type === 'string' ? toxic.type : name;
        open.push({ source: e.source, action, label: `toxic ${type}`, fromMs: e.t, index, key: name });
      } else if (action === 'toxic-removed') {
        close((o) => o.source === 'proxy' && o.key === name, e, index);
      }
    } else if (e.source === 'device') {
      if (action in DEVICE_SPANS) open.push({ source: e.source, action, label: action, fromMs: e.t, index, key: DEVICE_SPANS[action]! });
      else close((o) => o.source === 'device' && o.key === action, e, index);
    }
  });
  for (const o of open) spans.push({ source: o.source, label: o.label, fromMs: o.fromMs, toMs: Math.max(endMs, o.fromMs), index: o.index, instant: false });
  return spans.sort((a, b) => a.fromMs - b.fromMs || a.index - b.index);
}

/** The name of every code a timeline holds, per source (pusher and player codes overlap: the source decides). */
export function codeNames(timeline: readonly TimelineEntry[]): Record<string, Record<string, string>> {
  const names: Record<string, Record<string, string>> = {};
  for (const e of timeline) {
    if (typeof e.code !== 'number') continue;
    const bySource = (names[e.source] ??= {});
    bySource[String(e.code)] ??= nameForSource(e.source, e.code);
  }
  return names;
}

export function annotate(report: JsonReport, planned: number): ReportAnnotations {
  return {
    notRun: Math.max(0, planned - report.scenarios.length),
    scenarios: report.scenarios.map((s) => {
      let endMs = s.virtualMs;
      for (const e of s.timeline) if (e.t > endMs) endMs = e.t;
      return { faults: faultSpans(s.timeline, endMs), codeNames: codeNames(s.timeline), endMs };
    }),
  };
}
