import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { NativeTrainingStep } from '@modelspace/native';
import {
  initialEarlyStopping,
  isConstantRate,
  learningRateAt,
  observeEpoch,
  optimizerSettings,
  type EpochMetrics,
  type ModelSpec,
  type StopReason,
  type TrainingSettings,
} from '@modelspace/core';
import { exportArtifact, type ModelArtifact } from './artifact.ts';
import { backendInitialised, initBackend } from './backend.ts';
import { drawAugmentation } from './augment.ts';
import { disposeBatch, makeBatch, splits, type Batch, type ImageView, type Split } from './batches.ts';
import { evaluate, type EvalSetup } from './evaluate.ts';
import { registerWasmKernelFixes } from './kernels/register.ts';
import { countErrors } from './loss.ts';
import { dataShapeOf, type TrainingData } from './training-data.ts';
import { buildNet, lossKindOf } from './models.ts';
import type { TrainingCheckpoint } from './checkpoint.ts';
import { SeededDropout } from './layers/seeded-dropout.ts';
import { disposeOptimizer, getOptimizerState, makeOptimizer, setLearningRate, setOptimizerState, type TrainerOptimizer } from './optimizer.ts';
import { deriveSeed, mulberry32, shuffledRange } from './rng.ts';
import { trainingLoss } from './training-loss.ts';
import { restoreWeights, snapshotWeights, weightsFromArrays, weightsToArrays } from './weights.ts';
import { wholeNativeStep } from './whole-step.ts';
import './tfjs-setup.ts';

/** What onEpoch receives: the shared per-epoch metrics of @modelspace/core. */
export type EpochReport = EpochMetrics;

/** MNIST's ten classes: chance is 90% error; a net that had learned and is back above 85% has collapsed. */
const COLLAPSED_ERROR = 0.85;
/** On fewer validation images one epoch's error is too noisy to call a collapse (a handful of images swing it from 0 to 1). */
const COLLAPSE_MIN_VAL = 1000;

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
  /** MNIST's (MnistData) or an uploaded dataset's images; the model's input shape and classes follow them. */
  data: TrainingData;
  /**
   * Awaited before the next epoch starts. `checkpoint` builds (only when called) the state
   * after this epoch, from which `resume` continues exactly.
   */
  onEpoch?: (r: EpochReport, checkpoint: () => TrainingCheckpoint) => void | Promise<void>;
  shouldStop?: () => boolean; // polled between batches
  /** Also hand back the model with the best-validation weights (the ones tested) as files. */
  artifact?: boolean;
  /** Continue after the checkpoint's epoch instead of starting at epoch 1 (same model, settings and data). */
  resume?: TrainingCheckpoint;
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
 * Trains one trial with training.optimizer (SGD + momentum, Adam or AdamW, at the rate training.schedule gives each step), epoch by epoch, with early stopping on validation
 * error, and measures test error with the best epoch's weights. A custom loop rather than
 * model.fit: it polls shouldStop between batches, reports each epoch, and keeps best weights.
 */
export async function trainTrial(opts: TrainTrialOptions): Promise<TrialResult> {
  const started = performance.now();
  if (!backendInitialised()) await initBackend();
  registerWasmKernelFixes(); // in case the caller chose 'wasm' with tf.setBackend directly
  const { training } = opts;
  const data = splits(opts.data, training);
  const net = buildNet(opts.model, training.seed, dataShapeOf(opts.data));
  const { model } = net;
  // 32: augmented MNIST's padded view; 28: the images as they are, whatever their shape.
  const setup: EvalSetup = { loss: lossKindOf(opts.model), side: opts.model.augmentation ? 32 : 28 };
  const optimizer = makeOptimizer(optimizerSettings(training));
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  // On 'native', a covered model's whole step is one addon call (null: tfjs's step).
  const native = wholeNativeStep(net, optimizer, variables);
  const shouldStop = opts.shouldStop ?? (() => false);
  let best: tf.Tensor[] = [];
  try {
    let early = initialEarlyStopping();
    let bestValLoss = Number.NaN;
    let epochsRun = 0;
    let stopReason: StopReason | null = null;
    if (opts.resume) {
      const r = opts.resume;
      const saved = weightsFromArrays(model, r.weights);
      restoreWeights(model, saved); // copies into the model's variables
      tf.dispose(saved);
      setOptimizerState(optimizer, variables, r);
      setDropoutStreams(model, r.dropoutStreams);
      best = r.best ? weightsFromArrays(model, r.best) : r.early.bestEpoch === r.epoch ? snapshotWeights(model) : [];
      early = r.early;
      bestValLoss = r.bestValLoss;
      epochsRun = r.epoch;
      stopReason = r.stop;
    }
    while (stopReason === null) {
      if (shouldStop()) {
        stopReason = 'stopped';
        break;
      }
      const epoch = epochsRun + 1;
      const report = await runEpoch({ model, optimizer, variables, native, train: data.train, val: data.val, spec: opts.model, setup, training, epoch, shouldStop });
      if (report === STOPPED) {
        stopReason = 'stopped';
        break;
      }
      epochsRun = epoch;
      const step = observeEpoch(early, epoch, report.valError, { ...training, ...(training.valSubset >= COLLAPSE_MIN_VAL ? { collapseAt: COLLAPSED_ERROR } : {}) });
      early = step.state;
      if (step.improved) {
        tf.dispose(best);
        best = snapshotWeights(model);
        bestValLoss = report.valLoss;
      }
      const after = { epoch, early, bestValLoss, stop: step.stop, bestIsCurrent: step.improved };
      await opts.onEpoch?.(report, () => takeCheckpoint(model, optimizer, best, after));
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

/** The state after an epoch, copied out of the tensors (the caller may keep or transfer it). */
function takeCheckpoint(
  model: tfl.LayersModel,
  optimizer: TrainerOptimizer,
  best: tf.Tensor[],
  s: { epoch: number; early: TrainingCheckpoint['early']; bestValLoss: number; stop: StopReason | null; bestIsCurrent: boolean },
): TrainingCheckpoint {
  return {
    epoch: s.epoch,
    weights: weightsToArrays(model.getWeights()),
    ...getOptimizerState(optimizer),
    // Stored once when the best weights are this epoch's (or when there are none yet).
    best: s.bestIsCurrent || best.length === 0 ? null : weightsToArrays(best),
    bestValLoss: s.bestValLoss,
    early: { ...s.early },
    stop: s.stop,
    dropoutStreams: dropoutLayers(model).map((l) => l.streamState),
  };
}

function dropoutLayers(model: tfl.LayersModel): SeededDropout[] {
  return model.layers.filter((l): l is SeededDropout => l instanceof SeededDropout);
}

function setDropoutStreams(model: tfl.LayersModel, states: number[]): void {
  const layers = dropoutLayers(model);
  if (layers.length !== states.length) throw new RangeError(`checkpoint has ${states.length} dropout streams, the model ${layers.length}`);
  for (const [i, l] of layers.entries()) l.streamState = states[i]!;
}

interface EpochContext {
  model: tfl.LayersModel;
  optimizer: TrainerOptimizer;
  variables: tf.Variable[];
  native: NativeTrainingStep | null;
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
  const { model, optimizer, variables, train, training, epoch } = c;
  const started = performance.now();
  const augmentation = c.spec.augmentation;
  const samples = train.count * (augmentation?.expansion ?? 1);
  // One shuffle stream and one augmentation stream per epoch, derived from the seed: epoch
  // k's order and images are the same in every replay, whether or not earlier epochs ran here.
  const order = shuffledRange(samples, mulberry32(deriveSeed(training.seed, 'shuffle', epoch)));
  const augmentRandom = mulberry32(deriveSeed(training.seed, 'augment', epoch));
  const scheduled = !isConstantRate(training.schedule);
  let lossSum = 0;
  let wrong = 0;
  for (let from = 0; from < samples; from += training.batchSize) {
    // Yield to the event loop so a message that sets the stop flag can arrive, then poll it.
    await new Promise((resolve) => setImmediate(resolve));
    if (c.shouldStop()) return STOPPED;
    const indices = order.subarray(from, Math.min(samples, from + training.batchSize));
    const view: ImageView = augmentation ? { side: 32, draws: Array.from(indices, () => drawAugmentation(augmentRandom, augmentation.maxRotation)) } : { side: c.setup.side };
    if (scheduled) setLearningRate(optimizer, learningRateAt(training, epoch - 1 + (from + indices.length) / samples));
    const batch = makeBatch(train, indices, view);
    const { loss, errors } = trainStep(model, optimizer, variables, batch, c.setup, c.native);
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

/**
 * One SGD step; returns the batch's mean loss and its number of misclassified images. With
 * `native` (the whole step as one addon call) when it can run, else tfjs's minimize.
 */
export function trainStep(
  model: tfl.LayersModel,
  optimizer: tf.Optimizer,
  variables: tf.Variable[],
  batch: Batch,
  setup: EvalSetup,
  native: NativeTrainingStep | null = null,
): { loss: number; errors: number } {
  const whole = native?.run(batch.xs, batch.ys);
  if (whole) return { loss: whole.loss, errors: countErrors(whole.predicted, batch.labels) };
  let predicted: tf.Tensor | null = null;
  const cost = optimizer.minimize(
    () => {
      const step = trainingLoss(model, batch, setup.loss);
      predicted = tf.keep(step.predicted); // outlives minimize's tidy, read below
      return step.loss;
    },
    true,
    variables,
  ) as tf.Scalar;
  const loss = cost.dataSync()[0]!;
  const errors = countErrors((predicted as unknown as tf.Tensor).dataSync(), batch.labels);
  tf.dispose([cost, predicted as unknown as tf.Tensor]);
  return { loss, errors };
}
