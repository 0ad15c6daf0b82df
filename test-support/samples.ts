/**
 * Bounds over samples of a real stream. On a loaded 2-core machine any one
 * sample can be off — a frame held up in the encoder, the server, the proxy or
 * the player lands in the next second's sample — so a test bounds the median,
 * the mean over its window and a share of the samples, never every sample. A
 * bound a stream breaks in most of its samples still fails.
 */

/** The share of samples a bound must hold for: one in five may be an outlier. */
export const MOST = 0.8;

export function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
}

export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** The share (0…1) of `xs` for which `ok` holds; 0 when there are none, so an empty series never passes. */
export function shareWhere(xs: readonly number[], ok: (x: number) => boolean): number {
  return xs.length === 0 ? 0 : xs.filter(ok).length / xs.length;
}
