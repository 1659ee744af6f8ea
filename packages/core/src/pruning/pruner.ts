import { z } from 'zod';
import { asha } from './asha.ts';
import { median } from './median.ts';
import { CONTINUE, type PruneDecision, type PruneInput } from './decision.ts';

/** Early termination across trials, chosen per sweep. */
export const PrunerSpec = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('none') }),
    z.strictObject({
      type: z.literal('asha'),
      minEpochs: z.int().min(1).max(1000).default(1).describe('First rung (r).'),
      reductionFactor: z.int().min(2).max(100).default(3).describe('η: the top 1/η go on at each rung.'),
    }),
    z.strictObject({
      type: z.literal('median'),
      warmupEpochs: z.int().min(1).max(1000).default(1),
      minTrials: z.int().min(1).max(1000).default(3),
    }),
  ])
  .default({ type: 'none' });
export type PrunerSpec = z.output<typeof PrunerSpec>;

export function decidePrune(spec: PrunerSpec, input: PruneInput): PruneDecision {
  // A trial at its final epoch has finished: pruning it would only mislabel it.
  if (input.maxEpochs !== undefined && input.epoch >= input.maxEpochs) return CONTINUE;
  switch (spec.type) {
    case 'none':
      return CONTINUE;
    case 'asha':
      return asha(input, spec);
    case 'median':
      return median(input, spec);
  }
}
