import { z } from 'zod';
import { OBJECTIVE_METRICS } from '@modelspace/core';

// Any string: an id that is not a UUID is simply one that does not exist (404).
export const IdParams = z.strictObject({ id: z.string().max(100) });

export const BestQuery = z.strictObject({
  metric: z.enum(OBJECTIVE_METRICS).optional(),
});
