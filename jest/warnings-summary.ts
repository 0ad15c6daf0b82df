/** One compact block for a test's mock warnings: each distinct message once, with its count. */
export function summarizeWarnings(warnings: readonly string[], testName: string | undefined): string | undefined {
  if (warnings.length === 0) return undefined;
  const counts = new Map<string, number>();
  for (const w of warnings) counts.set(w, (counts.get(w) ?? 0) + 1);
  const lines = [...counts].map(([w, n]) => `  - ${w}${n > 1 ? ` (×${n})` : ''}`);
  const head = `[live-harness] ${warnings.length} mock warning${warnings.length === 1 ? '' : 's'} in "${testName ?? 'a test'}" (on the timeline as kind "warning"; LIVE_HARNESS_VERBOSE=1 prints them as they happen):`;
  return [head, ...lines].join('\n');
}
