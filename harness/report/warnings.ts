/**
 * The mock warnings of a scenario (an attribute the real component ignores, a
 * call it rejects …), as lines. Every reporter shows them for every scenario,
 * passing ones included: a warning on a green run is still a defect to read.
 */
import type { ReportedScenario } from './reporter';

export function scenarioWarnings(r: Pick<ReportedScenario, 'timeline'>): string[] {
  return r.timeline
    .filter((e) => e.kind === 'warning')
    .map((e) => {
      const d = e.detail as { message?: unknown } | undefined;
      const message = typeof d?.message === 'string' ? d.message : JSON.stringify(e.detail ?? null);
      return `${e.source} at ${Math.round(e.t)} ms: ${message}`;
    });
}
