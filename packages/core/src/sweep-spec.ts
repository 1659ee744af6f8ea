import { z } from 'zod';
import { parseDocument } from 'yaml';
import { SpecError, type FieldIssue } from './errors.ts';
import { ModelSpec } from './model.ts';
import { TrainingOverrides, resolveTraining, type TrainingSettings } from './training.ts';

export const MAX_VARIANTS = 10_000;

export const OBJECTIVE_METRICS = ['valError', 'testError', 'valLoss'] as const;
export const ObjectiveMetric = z.enum(OBJECTIVE_METRICS);
export type ObjectiveMetric = z.infer<typeof ObjectiveMetric>;

export const Objective = z.strictObject({
  metric: ObjectiveMetric.default('valError'),
  goal: z.enum(['minimize', 'maximize']).default('minimize'),
});

export const VariantSpec = z.strictObject({
  name: z.string().trim().min(1).max(200).optional().describe('Label shown in tables; defaults to "variant N".'),
  model: ModelSpec,
  training: TrainingOverrides.optional().describe('Overrides of the sweep-level training settings.'),
});
export type VariantSpec = z.output<typeof VariantSpec>;

export const SweepSpec = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(10_000).optional(),
  method: z.literal('list').default('list').describe('How variants are chosen: "list" trains the given variants in order.'),
  objective: Objective.default({ metric: 'valError', goal: 'minimize' }),
  training: TrainingOverrides.default({}).describe('Training settings for every variant (seed defaults).'),
  variants: z
    .array(VariantSpec)
    .min(1, 'a sweep needs at least one variant')
    .max(MAX_VARIANTS, `a sweep holds at most ${MAX_VARIANTS} variants`),
});
export type SweepSpecInput = z.input<typeof SweepSpec>;
export type SweepSpec = z.output<typeof SweepSpec>;

/** What one trial trains: the model and the fully resolved training settings. */
export interface TrialPlan {
  index: number;
  name: string;
  model: ModelSpec;
  training: TrainingSettings;
}

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((key) => ({ field: [...i.path, key].join('.'), reason: 'unknown field' }))
      : [{ field: i.path.join('.'), reason: i.message }],
  );
}

/** Validates an already-decoded sweep definition; throws SpecError naming each bad field. */
export function validateSweepSpec(input: unknown): SweepSpec {
  const result = SweepSpec.safeParse(input);
  if (!result.success) throw new SpecError(zodIssues(result.error));
  return result.data;
}

/**
 * Decodes a sweep definition from text without validating it. YAML is a superset of JSON,
 * so one parser serves both; custom tags are refused and aliases are bounded so a small
 * document cannot expand into a huge one.
 */
export function parseSweepDocument(text: string): unknown {
  const fail = (reason: string) => new SpecError([{ field: '', reason: `not valid YAML or JSON: ${reason}` }]);
  const doc = parseDocument(text, { customTags: [], uniqueKeys: true });
  // The yaml library reports an unknown tag (!!js/function, !custom) as a warning and
  // keeps the raw string; a sweep definition has no use for tags, so refuse them.
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) throw fail(problem.message.split('\n')[0]!);
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw fail(err instanceof Error ? err.message.split('\n')[0]! : String(err));
  }
}

/** Decodes and validates a sweep definition from YAML or JSON text. */
export function parseSweepText(text: string): SweepSpec {
  return validateSweepSpec(parseSweepDocument(text));
}

/** The trials a list sweep trains, in order, each with its settings resolved. */
export function planTrials(spec: SweepSpec): TrialPlan[] {
  return spec.variants.map((v, index) => ({
    index,
    name: v.name ?? `variant ${index + 1}`,
    model: v.model,
    training: resolveTraining(spec.training, v.training),
  }));
}
