import { UnrecoverableError } from 'bullmq';
import { builtInModel, DEFAULT_DATASET, isBuiltInDataset, isProgramModel, modelFitIssues, type BuiltInDataset, type ModelSpec } from '@modelspace/core';
import { dataShapeOf, type MnistData, type TrainingData } from '@modelspace/trainer';
import type { BuiltInTrainer, Trainer, TrainingHandle } from './training-pool.ts';
import type { createProgramTrainer } from './programs/program-trainer.ts';

/**
 * What trains a trial: a program trial runs its program (programs/program-trainer.ts), a
 * built-in model trains on a thread. A worker only takes a program's jobs when it offers
 * the program (its queue), so a program it lacks is a refused job, not a wait. A built-in
 * model trains on MNIST (the threads' own), another built-in dataset (`datasets`), or an
 * uploaded one (`uploaded`, fetched before the thread starts).
 */
export function trialTrainer(
  builtIn: BuiltInTrainer,
  programs: ReturnType<typeof createProgramTrainer> | null,
  datasets?: (name: BuiltInDataset) => MnistData,
  uploaded?: (sweepId: string, name: string) => Promise<TrainingData>,
): Trainer {
  return (job, on) => {
    const model = job.model;
    if (!isProgramModel(model)) {
      const name = job.training.dataset ?? DEFAULT_DATASET;
      const start = (data?: TrainingData) =>
        builtIn({ model: builtInModel(model), training: job.training, ...(job.resume ? { resume: job.resume } : {}), ...(data ? { data } : {}) }, on);
      if (!isBuiltInDataset(name)) {
        if (!uploaded) return refused(new UnrecoverableError(`uploaded dataset "${name}": this worker has no dataset store`));
        return afterLoading(
          uploaded(job.trial.sweepId, name).then((data) => fitting(builtInModel(model), data, name)),
          start,
        );
      }
      let data: MnistData | undefined;
      try {
        // The training threads hold MNIST; another dataset is loaded once (datasets.ts) and posted with the job.
        data = name === DEFAULT_DATASET || !datasets ? undefined : datasets(name);
      } catch (err) {
        return refused(new UnrecoverableError((err as Error).message));
      }
      return start(data);
    }
    if (programs) return programs({ model, training: job.training, trial: job.trial, ...(job.resume ? { resume: job.resume } : {}) }, on);
    return refused(new UnrecoverableError(`program "${model.program}" is not offered by this worker (WORKER_PROGRAMS)`));
  };
}

/**
 * The data, when the model fits its images; else a refusal for good (the same check the API
 * makes of explicit variants: a search proposal is only known here).
 */
function fitting(model: ModelSpec, data: TrainingData, name: string): TrainingData {
  const dtype = data.trainImages instanceof Float32Array ? 'float32' : 'uint8';
  const issues = modelFitIssues(model, { ...dataShapeOf(data), dtype }, 'model');
  if (issues.length) throw new UnrecoverableError(`the model does not fit dataset "${name}": ${issues.map((i) => `${i.field}: ${i.reason}`).join('; ')}`);
  return data;
}

/**
 * A training that starts once its data is loaded: stopped before then, it never starts (a
 * null result, as a training stopped before its first epoch); a load that fails is its error.
 */
function afterLoading(load: Promise<TrainingData>, start: (data: TrainingData) => TrainingHandle): TrainingHandle {
  let handle: TrainingHandle | null = null;
  let stopped = false;
  const started = load.then((data) => {
    if (!stopped) handle = start(data);
    return handle;
  });
  return {
    result: started.then((h) => (h ? h.result : null)),
    artifact: started.then((h) => (h ? h.artifact : null)).catch(() => null),
    stop: () => {
      stopped = true;
      handle?.stop();
    },
    kill: async () => {
      stopped = true;
      await handle?.kill();
    },
  };
}

function refused(err: Error): TrainingHandle {
  const result = Promise.reject(err);
  result.catch(() => {});
  return { result, artifact: Promise.resolve(null), stop: () => {}, kill: async () => {} };
}
