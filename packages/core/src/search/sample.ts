import type { Param, ParamValue } from '../space/space.ts';
import { roundTo } from '../space/space.ts';
import { pick, type Rng } from '../space/rng.ts';

/** One value drawn from a parameter's prior (uniform on its scale, snapped to its step). */
export function samplePrior(p: Param, rng: Rng): ParamValue {
  switch (p.type) {
    case 'fixed':
      return p.value;
    case 'categorical':
      return pick(rng, p.values);
    case 'int': {
      const { lo, hi } = intRange(p);
      return snapInt(p, p.log ? Math.exp(Math.log(lo) + rng() * (Math.log(hi) - Math.log(lo))) : lo + rng() * (hi - lo));
    }
    case 'uniform':
      return snapUniform(p, p.min + rng() * (p.max - p.min));
    case 'loguniform':
      return snapLog(p, Math.exp(Math.log(p.min) + rng() * (Math.log(p.max) - Math.log(p.min))));
  }
}

type IntParam = Extract<Param, { type: 'int' }>;

/** The largest value on an int's grid (max itself unless the step overshoots it). */
function topInt(p: IntParam): number {
  return p.min + Math.floor((p.max - p.min) / p.step) * p.step;
}

/**
 * The continuous interval an int parameter is drawn from (random) or modelled on (TPE):
 * half a step beyond each end, so that rounding to the nearest step gives every value,
 * the ends included, a full step's width. A log-scaled int keeps its lower edge positive.
 */
export function intRange(p: IntParam): { lo: number; hi: number } {
  const half = p.step / 2;
  return { lo: p.log ? Math.max(p.min - half, p.min / 2) : p.min - half, hi: topInt(p) + half };
}

/** The int value nearest `x` on the parameter's grid of steps. */
export function snapInt(p: IntParam, x: number): number {
  const k = Math.round((x - p.min) / p.step);
  return Math.min(topInt(p), Math.max(p.min, p.min + k * p.step));
}

export function snapUniform(p: Extract<Param, { type: 'uniform' }>, x: number): number {
  const clamped = Math.min(p.max, Math.max(p.min, x));
  if (!p.step) return clamped;
  return roundTo(Math.min(p.max, p.min + Math.round((clamped - p.min) / p.step) * p.step), p.step);
}

export function snapLog(p: Extract<Param, { type: 'loguniform' }>, x: number): number {
  const clamped = Math.min(p.max, Math.max(p.min, x));
  if (!p.factor) return Number(clamped.toPrecision(6));
  const k = Math.round(Math.log(clamped / p.min) / Math.log(p.factor));
  return Number(Math.min(p.max, p.min * p.factor ** k).toPrecision(12));
}
