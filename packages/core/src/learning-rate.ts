import { z } from 'zod';

/**
 * How the learning rate moves over a trial: constant (the seed's), step decay, or cosine
 * annealing, each after an optional linear warm-up. The rate is a pure function of how far
 * training has got (in epochs, fractional within an epoch), so a trial resumed from an epoch's
 * checkpoint takes exactly the steps the uninterrupted one would: there is no schedule state
 * to save.
 */
const warmupEpochs = z
  .number()
  .min(0)
  .max(1000)
  .optional()
  .describe('Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0.');

export const LearningRateSchedule = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('constant'), warmupEpochs }).describe('learningRate throughout (the seed).'),
    z
      .strictObject({
        type: z.literal('step'),
        everyEpochs: z.int().min(1).max(1000).describe('Multiply the rate by `factor` after every this many epochs.'),
        factor: z.number().gt(0).max(1).describe('The decay factor, e.g. 0.1.'),
        warmupEpochs,
      })
      .describe('Step decay: learningRate · factor^⌊epochs done / everyEpochs⌋.'),
    z
      .strictObject({
        type: z.literal('cosine'),
        minFactor: z.number().min(0).max(1).optional().describe('The rate at the last epoch, as a fraction of learningRate. Default 0.'),
        warmupEpochs,
      })
      .describe('Cosine annealing from learningRate to minFactor · learningRate at maxEpochs (a trial that stops early never reaches the end).'),
  ])
  .describe('How the learning rate changes during a trial. Default: constant.');
export type LearningRateSchedule = z.output<typeof LearningRateSchedule>;

export interface ScheduledRate {
  learningRate: number;
  maxEpochs: number;
  schedule?: LearningRateSchedule | undefined;
}

/**
 * The learning rate of the step that ends at `progress` epochs into training (epoch e's step
 * ending at sample s of n: e − 1 + s / n, so the first step already has a positive rate).
 */
export function learningRateAt(t: ScheduledRate, progress: number): number {
  const s = t.schedule ?? { type: 'constant' as const };
  const warmup = s.warmupEpochs ?? 0;
  if (progress < warmup) return (t.learningRate * progress) / warmup;
  const after = progress - warmup;
  switch (s.type) {
    case 'constant':
      return t.learningRate;
    case 'step':
      // A small tolerance so that the step ending exactly on an epoch boundary counts as that epoch's.
      return t.learningRate * s.factor ** Math.floor((after - 1e-9) / s.everyEpochs);
    case 'cosine': {
      const span = Math.max(t.maxEpochs - warmup, Number.EPSILON);
      const done = Math.min(1, after / span);
      const min = s.minFactor ?? 0;
      return t.learningRate * (min + ((1 - min) * (1 + Math.cos(Math.PI * done))) / 2);
    }
  }
}

/** True when the rate never changes: the trainer then never touches the optimizer's rate. */
export function isConstantRate(schedule: LearningRateSchedule | undefined): boolean {
  return !schedule || (schedule.type === 'constant' && !schedule.warmupEpochs);
}
