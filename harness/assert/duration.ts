/** Durations as people write them in scenarios: 1500, '500ms', '3s', '1.5s', '2m'. */
export type DurationInput = number | string;

export class DurationError extends Error {
  readonly code = 'LH_DURATION';
}

export function parseDuration(input: DurationInput): number {
  if (typeof input === 'number') {
    if (Number.isFinite(input) && input >= 0) return input;
    throw new DurationError(
      `[live-harness] Failed to parse duration ${String(input)}: it must be a finite number of ms ≥ 0. Write e.g. 1500, "500ms", "3s", "2m".`,
    );
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)\s*$/.exec(String(input));
  if (!m)
    throw new DurationError(
      `[live-harness] Failed to parse duration ${JSON.stringify(input)}: expected a number with a unit. Write e.g. 1500, "500ms", "3s", "1.5s", "2m".`,
    );
  const v = Number(m[1]);
  return m[2] === 'ms' ? v : m[2] === 's' ? v * 1000 : v * 60_000;
}
