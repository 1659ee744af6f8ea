/**
 * Statistics over a search study's seeds: quantiles, and how far a ratio of two medians can be
 * trusted, by a percentile bootstrap. Each resample draws the seeds of both sides afresh (with
 * replacement, independently: the two sides are separate studies) and takes the ratio of their
 * medians; the interval is the 5th to 95th percentile of those ratios. Deterministic: a fixed
 * generator.
 */
import { createRng } from '@modelspace/core';

/** The `q` quantile of sorted values, interpolated linearly between neighbours. */
export function quantile(sorted: readonly number[], q: number): number {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  return sorted[lo]! + (sorted[Math.ceil(i)]! - sorted[lo]!) * (i - lo);
}

export function median(xs: readonly number[]): number {
  return quantile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );
}

/** The 90% interval of median(top) / median(bottom); null where a resampled median is 0. */
export function ratioInterval(top: readonly number[], bottom: readonly number[], resamples = 2000): [number, number] | null {
  const rng = createRng(top.length, bottom.length, 2871);
  const draw = (xs: readonly number[]) => xs.map(() => xs[Math.floor(rng() * xs.length)]!);
  const ratios: number[] = [];
  for (let i = 0; i < resamples; i++) {
    const b = median(draw(bottom));
    if (b === 0) return null;
    ratios.push(median(draw(top)) / b);
  }
  ratios.sort((a, b) => a - b);
  return [ratios[Math.floor(0.05 * (resamples - 1))]!, ratios[Math.ceil(0.95 * (resamples - 1))]!];
}
