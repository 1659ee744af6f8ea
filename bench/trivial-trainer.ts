// A benchmark objective, not a product model: a "training" that reports one epoch and
// finishes at once, so a benchmark measures the path around training (API, queue, worker,
// Postgres) and nothing else. Never used outside bench/.
import type { BuiltInTrainer } from '@modelspace/worker';

export const trivialTrainer: BuiltInTrainer = (job, on) => {
  const started = performance.now();
  const result = (async () => {
    on.backend({ name: 'cpu', reason: 'benchmark: trivial trainer, no TensorFlow.js' });
    await on.epoch({ epoch: 1, trainLoss: 1, trainError: 0.5, valLoss: 1, valError: 0.5, durationMs: 1, samplesPerSec: 1 });
    return {
      bestValError: 0.5,
      bestValLoss: 1,
      bestEpoch: 1,
      testError: 0.5,
      testLoss: 1,
      epochsRun: 1,
      stopReason: 'max_epochs' as const,
      durationMs: Math.max(1, Math.round(performance.now() - started)),
      backend: 'cpu',
      paramCount: job.model.kind === 'softmax' ? 7850 : 1,
    };
  })();
  return { result, artifact: Promise.resolve(null), stop() {}, async kill() {} };
};
