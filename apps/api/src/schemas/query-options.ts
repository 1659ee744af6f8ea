import { z } from 'zod';
import { OBJECTIVE_METRICS } from '@modelspace/core';
import { SWEEP_SORT_FIELDS, SWEEP_STATUS_VALUES, TRIAL_SORT_FIELDS, TRIAL_STATUS_VALUES } from '@modelspace/db';

/**
 * Query options of the list and best endpoints: pagination, sorting, trial filters and the
 * best-model strategy. The state lists come from the database schema, so a new state is
 * accepted here as soon as it exists there.
 */
const Page = {
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('At most this many items'),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0).describe('Skip this many items'),
  order: z.enum(['asc', 'desc']).optional().describe('Sort direction'),
};

export const SweepListQuery = z.strictObject({
  ...Page,
  status: z.enum(SWEEP_STATUS_VALUES).optional().describe('Only sweeps in this state'),
  sort: z.enum(SWEEP_SORT_FIELDS).default('createdAt').describe('Sort key (default createdAt, newest first)'),
});

/** `status=running,queued` or `status=running&status=queued`: one or more states. */
const StatusList = z
  .preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(z.enum(TRIAL_STATUS_VALUES)).min(1))
  .optional()
  .describe('Only trials in these states (comma-separated)');

export const TrialListQuery = z.strictObject({
  ...Page,
  limit: z.coerce.number().int().min(1).max(10_000).default(1000).describe('At most this many trials'),
  status: StatusList,
  sort: z.enum(TRIAL_SORT_FIELDS).default('index').describe("Sort key; the metric names sort by the trial's best value"),
});

export const BEST_STRATEGIES = ['best-epoch', 'last-epoch'] as const;

export const BestQueryOptions = z.strictObject({
  metric: z.enum(OBJECTIVE_METRICS).optional().describe('Default: the sweep objective'),
  strategy: z.enum(BEST_STRATEGIES).default('best-epoch').describe('Judge each trial at its best epoch (what early stopping keeps) or its last epoch'),
});

export const ImportanceQuery = z.strictObject({
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(0)
    .describe('Seed of the random forest (its bootstrap samples): the same seed, the same answer'),
});
