/**
 * A test's mock warnings as one compact list: each distinct message once, with
 * its count, without the "[live-harness]" prefix every message carries, and
 * without stack traces (where a warning came from is on the timeline).
 */
export function summarizeWarnings(warnings: readonly string[], testName: string): string | undefined {
  if (warnings.length === 0) return undefined;
  const counts = new Map<string, number>();
  for (const w of warnings) {
    const text = w.replace(/^([^:\s]+: )?\[live-harness\] /, '$1');
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  const lines = [...counts].map(([w, n]) => `  - ${w}${n > 1 ? ` (×${n})` : ''}`);
  const head = `[live-harness] ${warnings.length} mock warning${warnings.length === 1 ? '' : 's'} in "${testName}" (rig.warnings; kind "warning" on the timeline):`;
  return [head, ...lines].join('\n');
}
