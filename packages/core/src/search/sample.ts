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
    case 'int':
      return snapInt(p, p.log ? Math.exp(Math.log(p.min) + rng() * (Math.log(p.max + 1) - Math.log(p.min))) : p.min + rng() * (p.max - p.min + 1));
    case 'uniform':
      return snapUniform(p, p.min + rng() * (p.max - p.min));
    case 'loguniform':
      return snapLog(p, Math.exp(Math.log(p.min) + rng() * (Math.log(p.max) - Math.log(p.min))));
  }
}

export function snapInt(p: Extract<Param, { type: 'int' }>, x: number): number {
  const k = Math.floor((x - p.min) / p.step + (p.log ? 0.5 : 0));
  return Math.min(p.max, Math.max(p.min, p.min + k * p.step));
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
