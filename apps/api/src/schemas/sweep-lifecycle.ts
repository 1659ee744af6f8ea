import { z } from 'zod';
import { Budget, Variants } from '@modelspace/core';

/** POST /sweeps?dryRun=true answers what the definition expands to and creates nothing. */
export const CreateSweepQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
});

const limit = (field: z.ZodNumber) => field.nullable().optional();

/** PATCH /sweeps/:id: change budgets (null lifts a limit) or append explicit variants. */
export const PatchSweepBody = z
  .strictObject({
    maxTrials: limit(Budget.shape.maxTrials.unwrap()),
    maxConcurrentTrials: limit(Budget.shape.maxConcurrentTrials.unwrap()),
    maxFailedTrials: limit(Budget.shape.maxFailedTrials.unwrap()),
    maxDurationSeconds: limit(Budget.shape.maxDurationSeconds.unwrap()),
    addVariants: Variants.optional().describe('Explicit variants trained before the method proposes more.'),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'nothing to change: give a budget or addVariants' });
