import { z } from 'zod';
import { Budget, Variants, type Budget as BudgetValue } from '@modelspace/core';

/** POST /sweeps?dryRun=true answers what the definition expands to and creates nothing. */
export const CreateSweepQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
});

const LIMITS = ['maxTrials', 'maxConcurrentTrials', 'maxFailedTrials', 'maxDurationSeconds'] as const;

/**
 * PATCH /sweeps/:id: change budgets (the `budget` object POST takes, null lifting a limit;
 * each limit also at the top level, as before) or append explicit variants.
 */
export const PatchSweepBody = z
  .strictObject({
    budget: Budget.optional().describe('The same `budget` object as in the sweep definition: the limits given change, null lifts one.'),
    ...Budget.shape,
    addVariants: Variants.optional().describe('Explicit variants trained before the method proposes more.'),
  })
  .superRefine((b, ctx) => {
    for (const name of LIMITS) {
      if (b[name] !== undefined && b.budget?.[name] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [name], message: `given twice (also as budget.${name}): give it once` });
      }
    }
  })
  // Only when nothing else is wrong: a hint beside "unknown field" would only confuse.
  .refine((b) => Object.keys(budgetOfPatch(b)).length > 0 || b.addVariants !== undefined, {
    message: 'nothing to change: give budget (maxTrials, maxConcurrentTrials, maxFailedTrials, maxDurationSeconds) or addVariants',
    when: (payload) => payload.issues.length === 0,
  });
export type PatchSweepBody = z.output<typeof PatchSweepBody>;

/** The limits a patch changes, whichever form it used. */
export function budgetOfPatch(body: BudgetValue & { budget?: BudgetValue }): BudgetValue {
  const out: BudgetValue = {};
  for (const name of LIMITS) {
    const v = body.budget?.[name] !== undefined ? body.budget[name] : body[name];
    if (v !== undefined) out[name] = v;
  }
  return out;
}
