/**
 * Accumulates one netstatus window (≈1 s) of steps, then yields averages.
 * Both participants report what happened over the window, not a snapshot.
 */
export class Window {
  private n = 0;
  private readonly sums = new Map<string, number>();

  add(values: Record<string, number>): void {
    this.n++;
    for (const [k, v] of Object.entries(values)) this.sums.set(k, (this.sums.get(k) ?? 0) + v);
  }

  get steps(): number {
    return this.n;
  }

  avg(key: string): number {
    return this.n === 0 ? 0 : (this.sums.get(key) ?? 0) / this.n;
  }

  sum(key: string): number {
    return this.sums.get(key) ?? 0;
  }

  reset(): void {
    this.n = 0;
    this.sums.clear();
  }
}

/** netQualityLevel per the docs: 1 best … 5 very bad, 6 unusable, 0 unknown. */
export function qualityLevel(capacityKbps: number, neededKbps: number, lossPct: number, rttMs: number, connected: boolean): number {
  if (!connected) return 6;
  if (neededKbps <= 0) return 0;
  const headroom = capacityKbps / neededKbps;
  if (headroom <= 0) return 6;
  if (headroom >= 1.5 && lossPct < 1 && rttMs < 150) return 1;
  if (headroom >= 1.1 && lossPct < 3) return 2;
  if (headroom >= 0.9) return 3;
  if (headroom >= 0.6) return 4;
  return 5;
}

export const round = (v: number, digits = 0): number => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};
