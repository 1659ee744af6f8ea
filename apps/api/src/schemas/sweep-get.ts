import { z } from 'zod';

/** GET /sweeps/:id: status and counts; the definition only when asked for (it can be megabytes). */
export const SweepGetQuery = z.strictObject({
  include: z.enum(['spec']).optional().describe('"spec" adds the sweep definition (also at GET /sweeps/:id/spec).'),
});
