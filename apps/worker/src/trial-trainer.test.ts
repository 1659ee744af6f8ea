import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UnrecoverableError } from 'bullmq';
import { resolveTraining } from '@modelspace/core';
import type { MnistData } from '@modelspace/trainer';
import { trialTrainer } from './trial-trainer.ts';
import type { BuiltInTrainer } from './training-pool.ts';

const trial = { id: 't', sweepId: 's', attempt: 1 };
const handlers = { backend: () => {}, epoch: () => {} };
const fake = { trainImages: new Uint8Array(1) } as unknown as MnistData;

function recording(): { trainer: BuiltInTrainer; jobs: Parameters<BuiltInTrainer>[0][] } {
  const jobs: Parameters<BuiltInTrainer>[0][] = [];
  const trainer: BuiltInTrainer = (job) => {
    jobs.push(job);
    return { result: Promise.resolve(null), artifact: Promise.resolve(null), stop: () => {}, kill: async () => {} };
  };
  return { trainer, jobs };
}

test("a built-in trial on another dataset than MNIST gets that dataset's data with its job; MNIST trials get none (the thread's own)", async () => {
  const { trainer, jobs } = recording();
  const asked: string[] = [];
  const train = trialTrainer(trainer, null, (name) => {
    asked.push(name);
    return fake;
  });
  await train({ model: { kind: 'softmax' }, training: resolveTraining({}), trial }, handlers).result;
  await train({ model: { kind: 'softmax' }, training: resolveTraining({ dataset: 'mnist' }), trial }, handlers).result;
  await train({ model: { kind: 'softmax' }, training: resolveTraining({ dataset: 'fashion-mnist' }), trial }, handlers).result;
  assert.deepEqual(asked, ['fashion-mnist']);
  assert.deepEqual(
    jobs.map((j) => j.data),
    [undefined, undefined, fake],
  );
});

test('a dataset this worker cannot load fails the trial for good, with the loader’s message', async () => {
  const { trainer, jobs } = recording();
  const train = trialTrainer(trainer, null, () => {
    throw new Error("fashion-mnist: install Debian's dataset-fashion-mnist package");
  });
  const handle = train({ model: { kind: 'softmax' }, training: resolveTraining({ dataset: 'fashion-mnist' }), trial }, handlers);
  await assert.rejects(handle.result, (err: Error) => err instanceof UnrecoverableError && /dataset-fashion-mnist/.test(err.message));
  assert.equal(jobs.length, 0);
});
