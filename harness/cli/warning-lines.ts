/**
 * The mock warnings a scenario raised (page code calling an API wrongly),
 * as lines under its result: shown for a passing scenario too, since a
 * warning is a bug in the page even when the story went as expected.
 */
import type { ScenarioResult } from '../runner';

export function warningLines(r: Pick<ScenarioResult, 'timeline'>): string[] {
  const seen = new Map<string, { t: number; source: string; times: number }>();
  for (const e of r.timeline) {
    if (e.kind !== 'warning') continue;
    const message = (e.detail as { message?: unknown } | undefined)?.message;
    const text = typeof message === 'string' ? message : JSON.stringify(e.detail);
    const had = seen.get(text);
    if (had) had.times++;
    else seen.set(text, { t: e.t, source: e.source, times: 1 });
  }
  return [...seen].map(([text, w]) => `      warning at ${(w.t / 1000).toFixed(1)} s (${w.source}): ${text}${w.times > 1 ? ` (×${w.times})` : ''}`);
}
