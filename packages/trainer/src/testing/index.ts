/**
 * @modelspace/trainer/testing: the training step's parts, for tests and benches that drive one
 * step or one evaluation at a time (the trainer's own API is trainTrial, in the package index).
 */
export { drawAugmentation } from '../augment.ts';
export { disposeBatch, makeBatch, splits, type Batch } from '../batches.ts';
export { evaluate } from '../evaluate.ts';
export { lossMean } from '../loss.ts';
export { disposeOptimizer, getOptimizerState, makeOptimizer, setLearningRate, setOptimizerState, type TrainerOptimizer } from '../optimizer.ts';
export { buildNet, inputShapeOf, lossKindOf, modelPlan, type BuiltModel, type ModelPlan } from '../models.ts';
export { deriveSeed, mulberry32, shuffledRange } from '../rng.ts';
export { softmaxHead } from '../softmax-head.ts';
export { trainStep } from '../train.ts';
export { trainingLoss } from '../training-loss.ts';
export { stepNetOf, wholeNativeStep } from '../whole-step.ts';

/** The worker_threads entry that loads a TypeScript module through tsx (workerData.entry). */
export const TSX_WORKER_BOOTSTRAP = new URL('./tsx-worker-bootstrap.mjs', import.meta.url);
