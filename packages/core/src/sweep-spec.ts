import { z } from 'zod';
import { isCollection, isPair, parseDocument } from 'yaml';
import { SpecError, type FieldIssue } from './errors.ts';
import { TrialModel } from './model.ts';
import type { GeometryIssue } from './conv-architecture.ts';
import { layerStackIssues, stackInputShape } from './layer-stack.ts';
import { TrainingOverrides, resolveTraining, type TrainingSettings } from './training.ts';
import { SearchSpace, gridPointCount, gridValueCount, type Assignment } from './space/space.ts';
import { applyAssignment, decide, type RawVariant } from './space/assignment.ts';
import { startValue } from './space/space.ts';
import { variantHash } from './space/variant.ts';
import { PrunerSpec } from './pruning/pruner.ts';
import type { Infeasible, Materialised } from './search/method.ts';
import { TPE_DEFAULTS } from './search/tpe.ts';
import { Resources } from './resources.ts';

export const MAX_VARIANTS = 10_000;
/** The most points a grid may have, whatever the API allows (its MAX_GRID_SIZE may be lower). */
export const MAX_GRID_SIZE = 1_000_000;

export const OBJECTIVE_METRICS = ['valError', 'testError', 'valLoss'] as const;
export const ObjectiveMetric = z.enum(OBJECTIVE_METRICS);
export type ObjectiveMetric = z.infer<typeof ObjectiveMetric>;

export const Objective = z.strictObject({
  metric: ObjectiveMetric.default('valError'),
  goal: z.enum(['minimize', 'maximize']).default('minimize'),
  target: z.number().optional().describe('The sweep ends once a trial reaches this value: queued trials are dropped, running ones finish.'),
});

export const SEARCH_METHODS = ['list', 'grid', 'random', 'tpe', 'walk'] as const;
export const SearchMethodName = z.enum(SEARCH_METHODS);
export type SearchMethodName = z.infer<typeof SearchMethodName>;

export const MAX_TRIALS = 100_000;

/**
 * Limits of a sweep; each can be changed later with PATCH /sweeps/:id (which takes this same
 * object). Absent = the method's default; null = no limit.
 */
const limit = (field: z.ZodInt, description: string) => field.nullable().optional().describe(`${description} null: no limit.`);
export const Budget = z.strictObject({
  maxTrials: limit(z.int().min(1).max(MAX_TRIALS), 'Trials the sweep may create in all (default: 20 for random and tpe, else until the method is exhausted).'),
  maxConcurrentTrials: limit(z.int().min(1).max(10_000), 'Trials queued or running at once, across all workers (default: 2 for tpe, else no limit).'),
  maxFailedTrials: limit(z.int().min(0).max(MAX_TRIALS), 'The sweep fails when more trials than this have failed.'),
  maxDurationSeconds: limit(
    z
      .int()
      .min(1)
      .max(365 * 24 * 3600),
    'No new trial starts after this long from creation: queued trials are dropped then, running ones finish.',
  ),
});
export type Budget = z.output<typeof Budget>;

export const SearchOptions = z.strictObject({
  seed: z
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(0)
    .describe('Seeds random and tpe proposals.'),
  startupTrials: z.int().min(1).max(1000).default(TPE_DEFAULTS.startupTrials).describe('tpe: random proposals before the model is used.'),
  candidates: z
    .int()
    .min(1)
    .max(1000)
    .default(TPE_DEFAULTS.candidates)
    .describe('tpe: candidates scored per proposal, at least: a space of more than 5 parameters draws 12.8 per parameter (128 at 10).'),
  gamma: z.number().gt(0).lt(1).optional().describe("tpe: fraction of trials counted as good (default: Optuna's schedule, the best 10% up to 25)."),
});
export type SearchOptions = z.output<typeof SearchOptions>;

export const VariantSpec = z.strictObject({
  name: z.string().trim().min(1).max(200).optional().describe('Label shown in tables; defaults to "variant N".'),
  model: TrialModel,
  training: TrainingOverrides.optional().describe('Overrides of the sweep-level training settings.'),
  resources: Resources.optional().describe("What this variant needs (its worker pool), over the sweep's."),
});
export type VariantSpec = z.output<typeof VariantSpec>;

export const Variants = z.array(VariantSpec).min(1, 'a sweep needs at least one variant').max(MAX_VARIANTS, `a sweep holds at most ${MAX_VARIANTS} variants`);

export const SweepSpec = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(10_000).optional(),
    method: SearchMethodName.default('list').describe('How variants are chosen: "list" trains the given variants in order; grid, random, tpe and walk search `space`.'),
    objective: Objective.default({ metric: 'valError', goal: 'minimize' }),
    training: TrainingOverrides.default({}).describe('Training settings for every variant (seed defaults).'),
    variants: Variants.optional().describe('Explicit variants, trained first (all a "list" sweep trains).'),
    space: SearchSpace.optional().describe('What grid, random, tpe and walk search.'),
    budget: Budget.default({}),
    pruner: PrunerSpec,
    search: SearchOptions.default({ seed: 0, startupTrials: TPE_DEFAULTS.startupTrials, candidates: TPE_DEFAULTS.candidates }),
    resources: Resources.optional().describe('What every trial needs (its worker pool); a variant may say otherwise.'),
  })
  .superRefine((spec, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (spec.method === 'list' && !spec.variants) issue(['variants'], 'a sweep needs at least one variant');
    if (spec.method !== 'list' && !spec.space) issue(['space'], `method "${spec.method}" needs a search space`);
    // Variants the parse above found valid need not be parsed again to be hashed.
    const invalid = new Set(ctx.issues.filter((i) => i.path?.[0] === 'variants').map((i) => i.path![1]));
    spec.variants?.forEach((v, i) => {
      if (!invalid.has(i)) PARSED_VARIANTS.add(v);
    });
    const materialise = materialiser(spec);
    const seen = new Map<string, number>();
    spec.variants?.forEach((v, i) => {
      const m = materialise(v as unknown as RawVariant);
      if (!m.ok) {
        // A layer stack that does not fit its dataset's images: named on the layer.
        for (const g of (m as GeometryInfeasible).issues ?? []) issue(['variants', i, 'model', ...g.path], g.message);
        return;
      }
      const first = seen.get(m.hash);
      if (first !== undefined) issue(['variants', i], `the same variant as variants.${first}: no variant is trained twice in a sweep`);
      else seen.set(m.hash, i);
    });
    if (!spec.space) return;
    if (spec.method === 'grid') {
      // Counted before anything is listed: a range of a billion steps is refused, not enumerated.
      const size = gridPointCount(spec.space);
      if (size > MAX_GRID_SIZE) return issue(['space', 'parameters'], `the grid has ${size} points; at most ${MAX_GRID_SIZE}`);
      for (const [path, p] of Object.entries(spec.space.parameters)) {
        if (gridValueCount(p) === null) issue(['space', 'parameters', path], 'a grid needs a step (uniform) or a factor (loguniform) to list its values');
      }
    }
    const start = materialise(applyAssignment(spec.space, startAssignment(spec.space)));
    if (!start.ok) issue(['space'], `the starting variant (base with each parameter at its start) is not valid: ${start.reason}`);
  });
export type SweepSpecInput = z.input<typeof SweepSpec>;
export type SweepSpec = z.output<typeof SweepSpec>;

/** What one trial trains: the model and the fully resolved training settings. */
export interface TrialPlan {
  index: number;
  name: string;
  model: TrialModel;
  training: TrainingSettings;
}

/** A dotted field path; a key that is empty or has unusual characters is quoted, so every field is named. */
export function fieldPath(path: PropertyKey[]): string {
  return path.map((k) => (typeof k === 'string' && !/^[\w.$-]+$/.test(k) ? JSON.stringify(k) : String(k))).join('.');
}

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys' ? i.keys.map((key) => ({ field: fieldPath([...i.path, key]), reason: 'unknown field' })) : [{ field: fieldPath(i.path), reason: i.message }],
  );
}

/** Validates an already-decoded sweep definition; throws SpecError naming each bad field. */
export function validateSweepSpec(input: unknown): SweepSpec {
  const result = SweepSpec.safeParse(input);
  if (!result.success) throw new SpecError(zodIssues(result.error));
  return result.data;
}

/** Bounds on a decoded document: YAML aliases expanded, and nesting depth. */
export interface DocumentLimits {
  maxAliasCount: number;
  maxDepth: number;
}
export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = { maxAliasCount: 100, maxDepth: 64 };

/** The depth of nested arrays and objects in a decoded value, counted without recursion. */
export function nestingDepth(value: unknown, stopAbove = Infinity): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const depth = d + 1;
    if (depth > max) max = depth;
    if (max > stopAbove) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth]);
  }
  return max;
}

/** The depth of a YAML node tree (collections in collections), without recursion. */
function yamlDepth(root: unknown, stopAbove: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length) {
    const [node, d] = stack.pop()!;
    if (isPair(node)) {
      stack.push([node.key, d], [node.value, d]);
      continue;
    }
    if (!isCollection(node)) continue;
    const depth = d + 1;
    if (depth > max) max = depth;
    if (max > stopAbove) return max;
    for (const item of node.items) stack.push([item, depth]);
  }
  return max;
}

/**
 * Decodes a sweep definition from text without validating it. YAML is a superset of JSON,
 * so one parser serves both. Only YAML's core schema is understood: any tag it lacks
 * (!!js/function, !!binary, !custom) is refused; aliases are bounded so a small document
 * cannot expand into a huge one (an "alias bomb"), and so is nesting depth.
 */
export function parseSweepDocument(text: string, limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS): unknown {
  const fail = (reason: string) => new SpecError([{ field: '', reason: `not valid YAML or JSON: ${reason}` }]);
  const doc = parseDocument(text, { schema: 'core', customTags: [], resolveKnownTags: false, uniqueKeys: true, merge: false });
  // The yaml library reports an unknown tag as a warning and keeps the raw string; a sweep
  // definition has no use for tags, so refuse them.
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) throw fail(problem.message.split('\n')[0]!);
  if (yamlDepth(doc.contents, limits.maxDepth) > limits.maxDepth) {
    throw new SpecError([{ field: '', reason: `nested deeper than ${limits.maxDepth} levels` }]);
  }
  try {
    return doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    if (/alias/i.test(message)) throw fail(`more than ${limits.maxAliasCount} alias expansions (${message})`);
    throw fail(message);
  }
}

/** Decodes and validates a sweep definition from YAML or JSON text. */
export function parseSweepText(text: string): SweepSpec {
  return validateSweepSpec(parseSweepDocument(text));
}

/** The trials a list sweep trains, in order, each with its settings resolved. */
export function planTrials(spec: SweepSpec): TrialPlan[] {
  return (spec.variants ?? []).map((v, index) => ({
    index,
    name: v.name ?? `variant ${index + 1}`,
    model: v.model,
    training: resolveTraining(spec.training, v.training),
  }));
}

/**
 * Validates and normalises a variant the search built: the model gets its defaults, the
 * training is resolved over the sweep's settings, and the hash names the result.
 */
export function materialiser(spec: Pick<SweepSpec, 'training'>): (variant: RawVariant) => Materialised | Infeasible {
  // Validation and the first scheduling step both materialise every variant of a list of
  // up to 10,000: each (variant, training) pair of objects is done once. Neither is mutated.
  const training = spec.training as object;
  return (variant) => {
    // Almost always one training per variant: a WeakMap per variant only for the others.
    const memo = MATERIALISED.get(variant);
    if (memo?.training === training) return memo.result;
    let m = memo?.others?.get(training);
    if (m) return m;
    m = materialise(variant);
    if (!memo) MATERIALISED.set(variant, { training, result: m });
    else {
      memo.others ??= new WeakMap();
      memo.others.set(training, m);
    }
    return m;
  };
  function materialise(variant: RawVariant): Materialised | Infeasible {
    let data = variant as unknown as VariantSpec;
    if (!PARSED_VARIANTS.has(variant)) {
      const parsed = VariantSpec.safeParse(variant);
      if (!parsed.success) {
        return {
          ok: false,
          reason: zodIssues(parsed.error)
            .map((i) => `${i.field}: ${i.reason}`)
            .join('; '),
        };
      }
      data = parsed.data;
    }
    const model = data.model as unknown as Record<string, unknown>;
    const resolved = resolveTraining(spec.training, data.training) as unknown as Record<string, unknown>;
    const geometry = modelGeometryIssues(data.model, resolved.dataset as string | undefined);
    if (geometry.length) {
      const refused: GeometryInfeasible = { ok: false, reason: geometry.map((i) => `model.${fieldPath(i.path)}: ${i.message}`).join('; '), issues: geometry };
      return refused;
    }
    return { ok: true, model, training: resolved, hash: variantHash({ model, training: resolved }) };
  }
}
/** A variant refused because its layer stack does not fit the dataset: the issues, by model field. */
type GeometryInfeasible = Infeasible & { issues?: GeometryIssue[] };

/** Why a model does not fit the images of `dataset` (only layer stacks depend on the dataset's shape). */
function modelGeometryIssues(model: TrialModel, dataset: string | undefined): GeometryIssue[] {
  if (model.kind !== 'layers') return [];
  const shape = stackInputShape(model, dataset);
  return shape ? layerStackIssues(model, shape) : [];
}

type Materialisation = Materialised | Infeasible;
const MATERIALISED = new WeakMap<object, { training: object; result: Materialisation; others?: WeakMap<object, Materialisation> }>();
/**
 * Variants that are VariantSpec's output (a sweep's variants as its parse left them): the
 * parse has no transforms, so parsing them again would change nothing.
 */
const PARSED_VARIANTS = new WeakSet<object>();

/** The base with every parameter at its start value: where a walk begins. */
export function startAssignment(space: SearchSpace): Assignment {
  return decide(space, (_path, p) => startValue(p));
}

/** Budgets with the per-method defaults filled in; null means no limit. */
export interface EffectiveBudget {
  maxTrials: number | null;
  maxConcurrentTrials: number | null;
  maxFailedTrials: number | null;
  maxDurationSeconds: number | null;
}

export const DEFAULT_SEARCH_TRIALS = 20;
export const DEFAULT_TPE_CONCURRENCY = 2;

export function effectiveBudget(spec: Pick<SweepSpec, 'method' | 'budget'>): EffectiveBudget {
  const unbounded = spec.method === 'random' || spec.method === 'tpe';
  return {
    // undefined takes the method's default; null is no limit.
    maxTrials: spec.budget.maxTrials === undefined ? (unbounded ? DEFAULT_SEARCH_TRIALS : null) : spec.budget.maxTrials,
    maxConcurrentTrials: spec.budget.maxConcurrentTrials === undefined ? (spec.method === 'tpe' ? DEFAULT_TPE_CONCURRENCY : null) : spec.budget.maxConcurrentTrials,
    maxFailedTrials: spec.budget.maxFailedTrials ?? null,
    maxDurationSeconds: spec.budget.maxDurationSeconds ?? null,
  };
}
