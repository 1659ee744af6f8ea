import { z } from 'zod';

/**
 * The search space: a base variant plus parameters, each addressed by a dotted path into
 * the variant ("model.activation", "training.learningRate", "model.featureMaps.0"). The
 * space knows nothing of the model's fields, so it works with whatever ModelSpec gains.
 */
const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/** A plain object of scalars: a whole sub-object at once ({expansion: 4}, a layer {type: maxPool, size: 3}). */
const Flat = z.record(z.string(), Scalar);
/**
 * A parameter's value. `null` removes the field from the variant, so the model's default
 * applies ("model.augmentation: {values: [null, {expansion: 4}]}" is augmentation off or on);
 * a plain object sets a whole sub-object at once; a list sets a whole list, of scalars
 * (featureMaps) or of plain objects (a layer stack's `model.layers`, so a search can vary its
 * depth).
 */
export const ParamValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.union([z.string(), z.number(), z.boolean(), Flat])), Flat]);
export type ParamValue = z.infer<typeof ParamValue>;
export type Assignment = Record<string, ParamValue>;

/** The parameter exists only when each named path holds one of the listed values. */
const When = z.record(z.string(), z.array(Scalar).min(1)).optional().describe('Condition: {"model.kind": ["convnet"]} makes the parameter exist only for conv nets.');

const Fixed = z.strictObject({ type: z.literal('fixed'), value: ParamValue, when: When });
const Categorical = z.strictObject({
  type: z.literal('categorical'),
  values: z.array(ParamValue).min(1, 'a categorical parameter needs at least one value'),
  start: ParamValue.optional().describe('Where a walk starts (default: the first value).'),
  when: When,
});
const IntRange = z.strictObject({
  type: z.literal('int'),
  min: z.int(),
  max: z.int(),
  step: z.int().min(1).default(1),
  log: z.boolean().default(false),
  start: z.int().optional(),
  when: When,
});
const Uniform = z.strictObject({
  type: z.literal('uniform'),
  min: z.number(),
  max: z.number(),
  step: z.number().gt(0).optional(),
  start: z.number().optional(),
  when: When,
});
const LogUniform = z.strictObject({
  type: z.literal('loguniform'),
  min: z.number().gt(0),
  max: z.number().gt(0),
  /** Multiplicative step for grid and walk (e.g. 10: 0.001, 0.01, 0.1). */
  factor: z.number().gt(1).optional(),
  start: z.number().gt(0).optional(),
  when: When,
});

/** `{values: [...]}` means categorical and a bare value means fixed, so YAML stays short. */
function inferType(input: unknown): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { type: 'fixed', value: input };
  const o = input as Record<string, unknown>;
  if (o.type !== undefined) return o;
  if ('values' in o) return { type: 'categorical', ...o };
  if ('value' in o) return { type: 'fixed', ...o };
  return o;
}

export const Param = z.preprocess(
  inferType,
  z.discriminatedUnion('type', [Fixed, Categorical, IntRange, Uniform, LogUniform], {
    error: (iss) => (iss.code === 'invalid_union' ? 'expected a parameter: {type: fixed|categorical|int|uniform|loguniform, ...}' : undefined),
  }),
);
export type Param = z.output<typeof Param>;

const PATH = /^(model|training)(\.[A-Za-z0-9_]+)+$/;

export const SearchSpace = z
  .strictObject({
    base: z
      .strictObject({ model: z.record(z.string(), z.unknown()).optional(), training: z.record(z.string(), z.unknown()).optional() })
      .default({})
      .describe('The variant every proposal starts from; parameters override its fields.'),
    parameters: z.record(z.string(), Param).describe('Parameter path → distribution, in the order they are decided.'),
  })
  .superRefine((space, ctx) => {
    const seen: string[] = [];
    for (const [path, p] of Object.entries(space.parameters)) {
      const at = (field: string[], message: string) => ctx.addIssue({ code: 'custom', path: ['parameters', path, ...field], message });
      if (!PATH.test(path)) at([], 'a parameter path starts with "model." or "training." (e.g. "model.activation")');
      if ((p.type === 'int' || p.type === 'uniform' || p.type === 'loguniform') && p.min > p.max) at(['min'], `min ${p.min} is above max ${p.max}`);
      if (p.type === 'int' && p.log && p.min < 1) at(['min'], 'a log-scaled int range starts at 1 or above');
      for (const dep of Object.keys(p.when ?? {})) {
        if (dep === path || (Object.keys(space.parameters).includes(dep) && !seen.includes(dep)))
          at(['when', dep], 'a condition may only name a parameter declared before this one (or a base field)');
      }
      seen.push(path);
    }
  });
export type SearchSpace = z.output<typeof SearchSpace>;

/**
 * How many values a grid lists for a parameter, counted without listing them (a range of
 * a billion steps must be refused, not enumerated); null when it has no grid.
 */
export function gridValueCount(p: Param): number | null {
  const steps = (span: number, step: number) => (span < 0 ? 0 : Math.floor(span / step + 1e-9) + 1);
  switch (p.type) {
    case 'fixed':
      return 1;
    case 'categorical':
      return p.values.length;
    case 'int':
      return p.log ? (p.min > 0 && p.max >= p.min ? Math.floor(Math.log2(p.max / p.min)) + 1 : 0) : steps(p.max - p.min, p.step);
    case 'uniform':
      return p.step ? steps(p.max - p.min, p.step) : null;
    case 'loguniform':
      return p.factor ? (p.max >= p.min ? logSteps(p.min, p.max, p.factor) + 1 : 0) : null;
  }
}

/** The points of a grid over every parameter that has one (Infinity past any number). */
export function gridPointCount(space: { parameters: Record<string, Param> }): number {
  let n = 1;
  for (const p of Object.values(space.parameters)) n *= gridValueCount(p) ?? 1;
  return Number.isFinite(n) ? n : Infinity;
}

/** Every value a parameter can take on a grid, or null if it is continuous without a step. */
export function gridValues(p: Param): ParamValue[] | null {
  switch (p.type) {
    case 'fixed':
      return [p.value];
    case 'categorical':
      return p.values;
    case 'int': {
      if (p.log)
        return geometric(p.min, p.max, 2)
          .map(Math.round)
          .filter((v, i, a) => a.indexOf(v) === i);
      const out: number[] = [];
      for (let v = p.min; v <= p.max; v += p.step) out.push(v);
      return out;
    }
    case 'uniform': {
      if (!p.step) return null;
      const out: number[] = [];
      for (let i = 0; p.min + i * p.step <= p.max + 1e-12; i++) out.push(roundTo(p.min + i * p.step, p.step));
      return out;
    }
    case 'loguniform':
      return p.factor ? geometric(p.min, p.max, p.factor) : null;
  }
}

function geometric(min: number, max: number, factor: number): number[] {
  const out: number[] = [];
  for (let v = min; v <= max * (1 + 1e-9); v *= factor) out.push(Number(v.toPrecision(12)));
  return out;
}

/** Rounds to the decimals of `step`, so 0.1 + 0.2 lands on 0.3 in grids and walks. */
export function roundTo(v: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  return Number(v.toFixed(Math.min(decimals, 15)));
}

/** The walk's (and TPE prior's) starting value of a parameter. */
export function startValue(p: Param): ParamValue {
  switch (p.type) {
    case 'fixed':
      return p.value;
    case 'categorical':
      return p.start ?? p.values[0]!;
    case 'int':
      return p.start ?? (p.log ? Math.round(Math.sqrt(p.min * p.max)) : p.min + Math.floor((p.max - p.min) / 2 / p.step) * p.step);
    case 'uniform':
      return p.start ?? (p.step ? roundTo(p.min + Math.floor((p.max - p.min) / 2 / p.step) * p.step, p.step) : (p.min + p.max) / 2);
    case 'loguniform':
      // With a factor the walk moves on the factor's grid, so it must start on it too.
      if (p.factor && p.start === undefined) return Number((p.min * p.factor ** Math.floor(logSteps(p.min, p.max, p.factor) / 2)).toPrecision(12));
      return p.start ?? Number(Math.sqrt(p.min * p.max).toPrecision(12));
  }
}

/** How many whole multiplications by `factor` lead from `min` to at most `max`. */
export function logSteps(min: number, max: number, factor: number): number {
  return Math.floor(Math.log(max / min) / Math.log(factor) + 1e-9);
}
