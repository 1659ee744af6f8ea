import { z } from 'zod';

/**
 * training.optimizer: how the weights move given their gradients, beyond the learning rate
 * (training.learningRate and training.schedule, for every type). Absent: the seed's plain SGD
 * with classical momentum. One of three, told apart by `type` (sgd when left out, so that a
 * search can set one of SGD's fields on its own, as before Adam existed).
 */
/** Every optimizer's weightDecay: a rate in [0, 1]; what it does is each one's own. */
const weightDecay = (what: string) => z.number().min(0).max(1).optional().describe(what);

export const SgdOptimizer = z
  .strictObject({
    type: z.literal('sgd').default('sgd'),
    nesterov: z.boolean().optional().describe("Nesterov's momentum instead of the classical one. Default false."),
    weightDecay: weightDecay('L2 weight decay: weightDecay·w is added to the gradient of every weight and bias. Default 0.'),
  })
  .describe('SGD with momentum (training.momentum). Default: plain SGD with classical momentum, as in the seed.');
export type SgdOptimizer = z.output<typeof SgdOptimizer>;

const beta = (which: string, fallback: number) => z.number().min(0).lt(1).optional().describe(`Decay rate of the ${which} moment estimate. Default ${fallback}.`);
const adamFields = {
  beta1: beta('first (mean of the gradient)', 0.9),
  beta2: beta('second (mean of its square)', 0.999),
  epsilon: z.number().gt(0).max(1).optional().describe('Added to the root of the second moment before dividing. Default 1e-8.'),
};

export const AdamOptimizer = z
  .strictObject({
    type: z.literal('adam'),
    ...adamFields,
    weightDecay: weightDecay("L2 weight decay, added to the gradient (weightDecay·w) before the moments, as PyTorch's Adam weight_decay. Default 0."),
  })
  .describe('Adam (Kingma & Ba), as PyTorch computes it; training.momentum is not used.');
export type AdamOptimizer = z.output<typeof AdamOptimizer>;

export const AdamWOptimizer = z
  .strictObject({
    type: z.literal('adamw'),
    ...adamFields,
    weightDecay: weightDecay(
      'Decoupled weight decay (Loshchilov & Hutter): each step w ← w·(1 − learningRate·weightDecay) before the Adam update, as PyTorch AdamW. Default 0.01.',
    ),
  })
  .describe('AdamW: Adam with decoupled weight decay, as PyTorch computes it; training.momentum is not used.');
export type AdamWOptimizer = z.output<typeof AdamWOptimizer>;

// sgd's `type` has a default, so the union takes an optimizer without one as sgd.
export const OptimizerSpec = z
  .discriminatedUnion('type', [SgdOptimizer, AdamOptimizer, AdamWOptimizer], {
    error: (iss) => (iss.code === 'invalid_union' ? 'expected an optimizer: {type: sgd|adam|adamw, ...}' : undefined),
  })
  .describe('The optimizer: sgd (default; momentum from training.momentum), adam or adamw. Every field is searchable (training.optimizer.type, training.optimizer.beta2, ...).');
export type OptimizerSpec = z.output<typeof OptimizerSpec>;

/** PyTorch's defaults (torch.optim.Adam / AdamW). */
export const ADAM_DEFAULTS = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } as const;
export const ADAMW_WEIGHT_DECAY = 0.01;

/** Every setting of the optimizer a trial trains with, defaults filled in. */
export type OptimizerSettings =
  | { type: 'sgd'; learningRate: number; momentum: number; nesterov: boolean; weightDecay: number }
  | { type: 'adam' | 'adamw'; learningRate: number; beta1: number; beta2: number; epsilon: number; weightDecay: number };

/**
 * The optimizer's settings for a trial: training.optimizer with its defaults, at the trial's
 * (initial) learning rate; `momentum` is SGD's only.
 */
export function optimizerSettings(training: { learningRate: number; momentum: number; optimizer?: OptimizerSpec | undefined }): OptimizerSettings {
  const o = training.optimizer;
  const { learningRate } = training;
  if (o === undefined || o.type === 'sgd') return { type: 'sgd', learningRate, momentum: training.momentum, nesterov: o?.nesterov ?? false, weightDecay: o?.weightDecay ?? 0 };
  return {
    type: o.type,
    learningRate,
    beta1: o.beta1 ?? ADAM_DEFAULTS.beta1,
    beta2: o.beta2 ?? ADAM_DEFAULTS.beta2,
    epsilon: o.epsilon ?? ADAM_DEFAULTS.epsilon,
    weightDecay: o.weightDecay ?? (o.type === 'adamw' ? ADAMW_WEIGHT_DECAY : 0),
  };
}
