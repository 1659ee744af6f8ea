import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { initialEarlyStopping, observeEpoch, type EpochMetrics, type ModelSpec, type StopReason, type TrainingSettings } from '@modelspace/core';
import { exportArtifact, type ModelArtifact } from './artifact.ts';
import { backendInitialised, initBackend } from './backend.ts';
import { drawAugmentation } from './augment.ts';
import { disposeBatch, makeBatch, splits, type Batch, type ImageView, type Split } from './batches.ts';
import { evaluate, type EvalSetup } from './evaluate.ts';
import { registerWasmKernelFixes } from './kernels/register.ts';
import { countErrors, lossMean } from './loss.ts';
import type { MnistData } from './mnist/load.ts';
import { buildModel, inputShapeOf, lossKindOf } from './models.ts';
import { disposeOptimizer, makeOptimizer } from './optimizer.ts';
import { deriveSeed, mulberry32, shuffledRange } from './rng.ts';
import { restoreWeights, snapshotWeights } from './weights.ts';
import './tfjs-setup.ts';

/** What onEpoch receives: the shared per-epoch metrics of @modelspace/core. */
export type EpochReport = EpochMetrics;

export interface TrialResult {
  bestValError: number;
  bestValLoss: number;
  bestEpoch: number;
  testError: number; // with the weights of the best-validation epoch
  testLoss: number;
  epochsRun: number;
  stopReason: StopReason;
  durationMs: number;
  backend: string;
  paramCount: number;
  /** The best-validation epoch's model as files; only when TrainTrialOptions.artifact asks. */
  artifact?: ModelArtifact;
}

export interface TrainTrialOptions {
  model: ModelSpec;
  training: TrainingSettings;
  data: MnistData;
  onEpoch?: (r: EpochReport) => void | Promise<void>; // awaited before the next epoch starts
  shouldStop?: () => boolean; // polled between batches
  /** Also hand back the model with the best-validation weights (the ones tested) as files. */
  artifact?: boolean;
}

/** shouldStop said stop before a single epoch finished: there is no result to report. */
export class TrainingStoppedError extends Error {
  constructor(message = 'training was stopped before the first epoch finished') {
    super(message);
    this.name = 'TrainingStoppedError';
  }
}

/** Signals, inside the epoch loop, that shouldStop fired mid-epoch. */
const STOPPED = Symbol('stopped');

/**
 * Trains one trial with SGD + momentum, epoch by epoch, with early stopping on validation
 * error, and measures test error with the best epoch's weights. A custom loop rather than
 * model.fit: it polls shouldStop between batches, reports each epoch, and keeps best weights.
 */
export async function trainTrial(opts: TrainTrialOptions): Promise<TrialResult> {
  const started = performance.now();
  if (!backendInitialised()) await initBackend();
  registerWasmKernelFixes(); // in case the caller chose 'wasm' with tf.setBackend directly
  const { training } = opts;
  const data = splits(opts.data, training);
  const model = buildModel(opts.model, training.seed);
  const setup: EvalSetup = { loss: lossKindOf(opts.model), side: inputShapeOf(opts.model)[0] as 28 | 32 };
  const optimizer = makeOptimizer(training.learningRate, training.momentum);
  const shouldStop = opts.shouldStop ?? (() => false);
  let best: tf.Tensor[] = [];
  try {
    let early = initialEarlyStopping();
    let bestValLoss = Number.NaN;
    let epochsRun = 0;
    let stopReason: StopReason | null = null;
    while (stopReason === null) {
      if (shouldStop()) {
        stopReason = 'stopped';
        break;
      }
      const epoch = epochsRun + 1;
      const report = await runEpoch({ model, optimizer, train: data.train, val: data.val, spec: opts.model, setup, training, epoch, shouldStop });
      if (report === STOPPED) {
        stopReason = 'stopped';
        break;
      }
      epochsRun = epoch;
      const step = observeEpoch(early, epoch, report.valError, training);
      early = step.state;
      if (step.improved) {
        tf.dispose(best);
        best = snapshotWeights(model);
        bestValLoss = report.valLoss;
      }
      await opts.onEpoch?.(report);
      stopReason = step.stop;
    }
    if (epochsRun === 0) throw new TrainingStoppedError();
    if (best.length) restoreWeights(model, best);
    const test = evaluate(model, data.test, setup);
    const artifact = opts.artifact ? await exportArtifact(model) : undefined;
    return {
      bestValError: early.bestValue,
      bestValLoss,
      bestEpoch: early.bestEpoch,
      testError: test.error,
      testLoss: test.loss,
      epochsRun,
      stopReason,
      durationMs: performance.now() - started,
      backend: tf.getBackend(),
      paramCount: model.countParams(),
      ...(artifact ? { artifact } : {}),
    };
  } finally {
    tf.dispose(best);
    disposeOptimizer(optimizer);
    model.dispose();
  }
}

interface EpochContext {
  model: tfl.LayersModel;
  optimizer: tf.Optimizer;
  train: Split;
  val: Split;
  spec: ModelSpec;
  setup: EvalSetup;
  training: TrainingSettings;
  epoch: number;
  shouldStop: () => boolean;
}

/**
 * One pass over the shuffled training split, then validation; STOPPED if told to stop midway.
 * With augmentation an epoch visits each original `expansion` times, each visit a fresh draw.
 */
async function runEpoch(c: EpochContext): Promise<EpochReport | typeof STOPPED> {
  const { model, optimizer, train, training, epoch } = c;
  const started = performance.now();
  const augmentation = c.spec.augmentation;
  const samples = train.count * (augmentation?.expansion ?? 1);
  // One shuffle stream and one augmentation stream per epoch, derived from the seed: epoch
  // k's order and images are the same in every replay, whether or not earlier epochs ran here.
  const order = shuffledRange(samples, mulberry32(deriveSeed(training.seed, 'shuffle', epoch)));
  const augmentRandom = mulberry32(deriveSeed(training.seed, 'augment', epoch));
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  let lossSum = 0;
  let wrong = 0;
  for (let from = 0; from < samples; from += training.batchSize) {
    // Yield to the event loop so a message that sets the stop flag can arrive, then poll it.
    await new Promise((resolve) => setImmediate(resolve));
    if (c.shouldStop()) return STOPPED;
    const indices = order.subarray(from, Math.min(samples, from + training.batchSize));
    const view: ImageView = augmentation
      ? { side: 32, draws: Array.from(indices, () => drawAugmentation(augmentRandom, augmentation.maxRotation)) }
      : { side: c.setup.side };
    const batch = makeBatch(train, indices, view);
    const { loss, errors } = trainStep(model, optimizer, variables, batch, c.setup);
    disposeBatch(batch);
    lossSum += loss * batch.labels.length;
    wrong += errors;
  }
  const trainMs = performance.now() - started;
  const v = evaluate(model, c.val, c.setup);
  return {
    epoch,
    trainLoss: lossSum / samples,
    trainError: wrong / samples,
    valLoss: v.loss,
    valError: v.error,
    durationMs: performance.now() - started,
    samplesPerSec: samples / (trainMs / 1000),
  };
}

/** One SGD step; returns the batch's mean loss and its number of misclassified images. */
function trainStep(
  model: tfl.LayersModel,
  optimizer: tf.Optimizer,
  variables: tf.Variable[],
  batch: Batch,
  setup: EvalSetup,
): { loss: number; errors: number } {
  let predicted: tf.Tensor | null = null;
  const cost = optimizer.minimize(
    () => {
      const probs = model.apply(batch.xs, { training: true }) as tf.Tensor2D;
      predicted = tf.keep(tf.argMax(probs, 1)); // outlives minimize's tidy, read below
      return lossMean(setup.loss, probs, batch.ys);
    },
    true,
    variables,
  ) as tf.Scalar;
  const loss = cost.dataSync()[0]!;
  const errors = countErrors((predicted as unknown as tf.Tensor).dataSync(), batch.labels);
  tf.dispose([cost, predicted as unknown as tf.Tensor]);
  return { loss, errors };
}
