import { z } from 'zod';
import { OBJECTIVE_METRICS } from '@modelspace/core';

// Any string: an id that is not a UUID is simply one that does not exist (404).
export const IdParams = z.strictObject({ id: z.string().max(100) });

export const SWEEP_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;

export const ListSweepsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  status: z.enum(SWEEP_STATUSES).optional(),
});

export const ListTrialsQuery = z.strictObject({
  status: z.enum(SWEEP_STATUSES).optional(),
});

export const BestQuery = z.strictObject({
  metric: z.enum(OBJECTIVE_METRICS).optional(),
});
