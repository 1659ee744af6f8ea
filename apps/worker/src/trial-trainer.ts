import { UnrecoverableError } from 'bullmq';
import { builtInModel, DEFAULT_DATASET, isBuiltInDataset, isProgramModel, type BuiltInDataset } from '@modelspace/core';
import type { MnistData } from '@modelspace/trainer';
import type { BuiltInTrainer, Trainer, TrainingHandle } from './training-pool.ts';
import type { createProgramTrainer } from './programs/program-trainer.ts';

/**
 * What trains a trial: a program trial runs its program (programs/program-trainer.ts), a
 * built-in model trains on a thread. A worker only takes a program's jobs when it offers
 * the program (its queue), so a program it lacks is a refused job, not a wait.
 */
export function trialTrainer(builtIn: BuiltInTrainer, programs: ReturnType<typeof createProgramTrainer> | null, datasets?: (name: BuiltInDataset) => MnistData): Trainer {
  return (job, on) => {
    const model = job.model;
    if (!isProgramModel(model)) {
      const name = job.training.dataset ?? DEFAULT_DATASET;
      if (!isBuiltInDataset(name)) return refused(new UnrecoverableError(`uploaded dataset "${name}": this worker does not train on uploaded datasets yet`));
      let data: MnistData | undefined;
      try {
        // The training threads hold MNIST; another dataset is loaded once (datasets.ts) and posted with the job.
        data = name === DEFAULT_DATASET || !datasets ? undefined : datasets(name);
      } catch (err) {
        return refused(new UnrecoverableError((err as Error).message));
      }
      return builtIn({ model: builtInModel(model), training: job.training, ...(job.resume ? { resume: job.resume } : {}), ...(data ? { data } : {}) }, on);
    }
    if (programs) return programs({ model, training: job.training, trial: job.trial, ...(job.resume ? { resume: job.resume } : {}) }, on);
    return refused(new UnrecoverableError(`program "${model.program}" is not offered by this worker (WORKER_PROGRAMS)`));
  };
}

function refused(err: Error): TrainingHandle {
  const result = Promise.reject(err);
  result.catch(() => {});
  return { result, artifact: Promise.resolve(null), stop: () => {}, kill: async () => {} };
}
