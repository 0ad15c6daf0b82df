/**
 * Replays a trace against the model in virtual time and says where the
 * model's sequence or timing differs from the real client's, with one
 * agreement figure: how the mocks are calibrated against real phones.
 *
 * The replay is open-loop: the elements appear with their recorded
 * attributes, the page's context calls and the remote anchors' publishes
 * happen at their recorded times, and what the model emits in answer is
 * compared, per element, with what the real client emitted. A page's reaction
 * is not re-run: it is already in the trace as the calls it made.
 */
import { parseStreamUrl } from '../../mocks/link';
import type { ClientProfile, ModelParams } from '../../mocks/model';
import type { TimelineEntry } from '../record';
import { ModelHost } from '../rig';
import type { Trace, TraceEntry } from './trace-format';

/** The event kinds compared; netstatus and volume reports are periodic samples, compared by count only. */
const SAMPLED = new Set(['netstatus', 'audiovolumenotify', 'bgmprogress']);
const COMPARED = new Set(['statechange', 'error', 'bgmstart', 'bgmcomplete', 'fullscreenchange', 'enterpictureinpicture', 'leavepictureinpicture']);

export interface ReplayOptions {
  readonly seed?: number | string;
  /** a network profile for the model's side (the real run's network is unknown); default 'wifi' */
  readonly network?: string;
  /** |Δt| within which a matched event counts as on time; default max(500 ms, the trace's clock uncertainty) */
  readonly toleranceMs?: number;
}

export interface MatchedPair {
  readonly source: string;
  readonly kind: string;
  readonly code?: number;
  readonly realMs: number;
  readonly modelMs: number;
  /** model − real */
  readonly deltaMs: number;
  readonly onTime: boolean;
}

export interface SourceReport {
  readonly source: string;
  readonly real: number;
  readonly model: number;
  readonly pairs: readonly MatchedPair[];
  /** in the real run, never emitted by the model (in order) */
  readonly realOnly: readonly TraceEntry[];
  /** emitted by the model, not by the real client */
  readonly modelOnly: readonly TimelineEntry[];
  /** periodic reports, by kind: how many each side gave */
  readonly samples: Readonly<Record<string, { readonly real: number; readonly model: number }>>;
  /** the two sequences, merged in order, for printing */
  readonly rows: readonly ReplayRow[];
}

export type ReplayRow =
  | { readonly type: 'match'; readonly pair: MatchedPair }
  | { readonly type: 'real-only'; readonly entry: TraceEntry }
  | { readonly type: 'model-only'; readonly entry: TimelineEntry };

export interface ReplayReport {
  readonly sources: readonly SourceReport[];
  readonly toleranceMs: number;
  /** events matched in order and on time / all events of either side (matched counted once): 0 … 1 */
  readonly agreement: number;
  /** the same, ignoring time: how much of the order agrees */
  readonly sequenceAgreement: number;
  readonly matched: number;
  readonly onTime: number;
  readonly realEvents: number;
  readonly modelEvents: number;
  /** |model − real| over matched events, ms */
  readonly timing: { readonly medianAbsMs: number | undefined; readonly p95AbsMs: number | undefined; readonly maxAbsMs: number | undefined };
  /** the model's own timeline of the replay */
  readonly modelTimeline: readonly TimelineEntry[];
}

interface Input {
  readonly t: number;
  readonly order: number;
  run(host: ModelHost): void | Promise<void>;
}

function keyOf(url: unknown): string | undefined {
  return typeof url === 'string' ? parseStreamUrl(url)?.key : undefined;
}

/** Replay `trace` against the model; resolves with the comparison. */
export async function replayTrace(trace: Trace, o: ReplayOptions = {}): Promise<ReplayReport> {
  const host = new ModelHost({
    seed: o.seed ?? 1,
    network: o.network ?? 'wifi',
    client: trace.recorded.client as Partial<ClientProfile> | undefined,
    params: trace.recorded.params as Partial<ModelParams> | undefined,
  });
  try {
    const pushed = new Set(trace.elements.filter((e) => e.kind === 'pusher').map((e) => keyOf(e.attributes.url)));
    const inputs: Input[] = [];
    let order = 0;
    for (const e of trace.elements) inputs.push({ t: e.insertedAtMs, order: order++, run: (h) => void h.attach(e.kind, e.id, { ...e.attributes }) });
    for (const e of trace.entries) {
      if (e.kind === 'call') {
        const el = trace.elements.find((x) => x.source === e.source);
        if (!el) continue;
        const { method, args } = e.detail as { method: string; args?: Record<string, unknown> };
        inputs.push({
          t: e.t,
          order: order++,
          run: (h) => {
            const fn = h.context(el.kind, el.id)[method];
            if (typeof fn === 'function') (fn as (a: Record<string, unknown>) => void)({ ...(args ?? {}) });
          },
        });
      } else if (e.kind === 'server') {
        // A stream no traced pusher published came from a remote anchor: it is input, not outcome.
        const { event, key } = e.detail as { event: string; key: string };
        if (pushed.has(key)) continue;
        if (event === 'publish') inputs.push({ t: e.t, order: order++, run: (h) => h.streams.publish(key) });
        if (event === 'unpublish') inputs.push({ t: e.t, order: order++, run: (h) => h.streams.unpublish(key) });
      }
    }
    inputs.sort((a, b) => a.t - b.t || a.order - b.order);
    for (const i of inputs) {
      await host.advance(Math.max(0, i.t - host.now()));
      await i.run(host);
    }
    await host.advance(Math.max(0, trace.durationMs - host.now()));
    const tolerance = o.toleranceMs ?? Math.max(500, trace.clock.uncertaintyMs ?? 0);
    return compare(trace, host.timeline.toJSON(), tolerance);
  } finally {
    await host.dispose();
  }
}

function tokenOf(e: { kind: string; code?: number }): string {
  return e.code === undefined ? e.kind : `${e.kind}:${e.code}`;
}

/** Longest common subsequence of two token lists: the index pairs, in order. */
function lcs(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  const n = a.length;
  const m = b.length;
  const len: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) len[i][j] = a[i] === b[j] ? len[i + 1][j + 1] + 1 : Math.max(len[i + 1][j], len[i][j + 1]);
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (len[i + 1][j] >= len[i][j + 1]) i++;
    else j++;
  }
  return pairs;
}

function quantile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export function compare(trace: Trace, model: readonly TimelineEntry[], toleranceMs: number): ReplayReport {
  const sources: SourceReport[] = [];
  for (const el of trace.elements) {
    const real = trace.entries.filter((e) => e.source === el.source && COMPARED.has(e.kind));
    const mine = model.filter((e) => e.source === el.source && COMPARED.has(e.kind));
    const matches = lcs(real.map(tokenOf), mine.map(tokenOf));
    const pairs: MatchedPair[] = matches.map(([i, j]) => {
      const deltaMs = Math.round((mine[j].t - real[i].t) * 10) / 10;
      return {
        source: el.source,
        kind: real[i].kind,
        ...(real[i].code !== undefined ? { code: real[i].code } : {}),
        realMs: real[i].t,
        modelMs: mine[j].t,
        deltaMs,
        onTime: Math.abs(deltaMs) <= toleranceMs,
      };
    });
    const mi = new Set(matches.map(([i]) => i));
    const mj = new Set(matches.map(([, j]) => j));
    const rows: ReplayRow[] = [];
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < real.length || j < mine.length) {
      if (i < real.length && !mi.has(i) && (j >= mine.length || mj.has(j) || real[i].t <= mine[j].t)) rows.push({ type: 'real-only', entry: real[i++] });
      else if (j < mine.length && !mj.has(j)) rows.push({ type: 'model-only', entry: mine[j++] });
      else {
        rows.push({ type: 'match', pair: pairs[k++] });
        i++;
        j++;
      }
    }
    const samples: Record<string, { real: number; model: number }> = {};
    for (const kind of SAMPLED) {
      const r = trace.entries.filter((e) => e.source === el.source && e.kind === kind).length;
      const m = model.filter((e) => e.source === el.source && e.kind === kind).length;
      if (r + m > 0) samples[kind] = { real: r, model: m };
    }
    sources.push({
      source: el.source,
      real: real.length,
      model: mine.length,
      pairs,
      realOnly: real.filter((_, x) => !mi.has(x)),
      modelOnly: mine.filter((_, x) => !mj.has(x)),
      samples,
      rows,
    });
  }
  const all = sources.flatMap((s) => s.pairs);
  const realEvents = sources.reduce((n, s) => n + s.real, 0);
  const modelEvents = sources.reduce((n, s) => n + s.model, 0);
  const union = realEvents + modelEvents - all.length;
  const onTime = all.filter((p) => p.onTime).length;
  const abs = all.map((p) => Math.abs(p.deltaMs)).sort((a, b) => a - b);
  return {
    sources,
    toleranceMs,
    agreement: union === 0 ? 1 : onTime / union,
    sequenceAgreement: union === 0 ? 1 : all.length / union,
    matched: all.length,
    onTime,
    realEvents,
    modelEvents,
    timing: { medianAbsMs: quantile(abs, 0.5), p95AbsMs: quantile(abs, 0.95), maxAbsMs: abs.length ? abs[abs.length - 1] : undefined },
    modelTimeline: model,
  };
}
