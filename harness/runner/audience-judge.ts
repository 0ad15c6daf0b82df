/**
 * expect.audience: bounds on each audience's distributions (their
 * percentiles, as the histograms read them) and viewer counts, for the whole
 * audience or one path of it.
 */
import type { AudienceHistograms, AudienceSummary, HistogramSummary } from '../audience';
import type { AudienceResult } from './expectation-result';
import type { AudienceExpectation, Bounds, PercentileBounds } from './scenario';

const FIGURES = ['latencyMs', 'firstFrameMs', 'stallMs', 'rateKbps'] as const;
const PERCENTILES = ['p50', 'p95', 'p99', 'max'] as const;

function within(value: number | null, b: Bounds): boolean {
  return value !== null && (b.min === undefined || value >= b.min) && (b.max === undefined || value <= b.max);
}

function boundsOf(b: Bounds): { min?: number; max?: number } {
  return { ...(b.min !== undefined ? { min: b.min } : {}), ...(b.max !== undefined ? { max: b.max } : {}) };
}

export function judgeAudience(summaries: readonly AudienceSummary[], e: AudienceExpectation, path: string): AudienceResult[] {
  const chosen = summaries.filter((s) => e.id === undefined || s.id === e.id);
  const name = (s: AudienceSummary | undefined): string => s?.id ?? e.id ?? '*';
  if (chosen.length === 0)
    return [{ kind: 'audience', path, pass: false, expected: { audience: name(undefined), figure: 'viewers' }, observed: { seen: false } }];
  const out: AudienceResult[] = [];
  for (const s of chosen) {
    const group = e.of === undefined ? undefined : s.groups?.find((g) => g.name === e.of);
    const of = e.of !== undefined ? { of: e.of } : {};
    if (e.of !== undefined && !group && !(e.of === 'healthy' && !s.groups)) {
      out.push({ kind: 'audience', path: `${path}.of`, pass: false, expected: { audience: name(s), ...of, figure: 'viewers' }, observed: { seen: false } });
      continue;
    }
    // A whole audience on one path is all healthy.
    const histograms: AudienceHistograms = group?.histograms ?? s.histograms;
    const counts = group ?? s;
    for (const figure of FIGURES) {
      const pb: PercentileBounds | undefined = e[figure];
      if (!pb) continue;
      const h: HistogramSummary = histograms[figure];
      for (const p of PERCENTILES) {
        const b = pb[p];
        if (!b) continue;
        const value = h.count === 0 ? null : h[p];
        out.push({
          kind: 'audience',
          path: `${path}.${figure}.${p}`,
          pass: within(value, b),
          expected: { audience: name(s), ...of, figure: `${figure} ${p}`, ...boundsOf(b) },
          observed: { seen: true, value },
        });
      }
    }
    for (const key of ['joined', 'left', 'stalledViewers'] as const) {
      const b = e[key];
      if (!b) continue;
      const value = counts[key];
      out.push({
        kind: 'audience',
        path: `${path}.${key}`,
        pass: within(value, b),
        expected: { audience: name(s), ...of, figure: key, ...boundsOf(b) },
        observed: { seen: true, value },
      });
    }
  }
  return out;
}
