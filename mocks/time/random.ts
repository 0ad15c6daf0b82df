/**
 * Seeded randomness. Each participant forks its own stream by label, so adding
 * a player to a scenario does not shift the numbers another participant sees.
 */
export class Random {
  private state: number;

  constructor(seed: number | string) {
    this.state = typeof seed === 'number' ? seed >>> 0 : hashString(seed);
    if (this.state === 0) this.state = 0x9e3779b9;
  }

  /** mulberry32: tiny, fast, good enough for jitter; not for cryptography. */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Symmetric jitter: value × (1 ± fraction). */
  jitter(value: number, fraction: number): number {
    return value * (1 + (this.next() * 2 - 1) * fraction);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  fork(label: string): Random {
    return new Random((hashString(label) ^ Math.imul(this.state, 2654435761)) >>> 0);
  }
}

function hashString(s: string): number {
  // FNV-1a: stable across platforms and Node versions.
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
