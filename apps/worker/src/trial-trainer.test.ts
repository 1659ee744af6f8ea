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

test("an uploaded dataset is loaded for the trial's sweep first, then posted with the job", async () => {
  const { trainer, jobs } = recording();
  const asked: string[] = [];
  const train = trialTrainer(trainer, null, undefined, async (sweepId, name) => {
    asked.push(`${sweepId}/${name}`);
    return fake;
  });
  assert.equal(await train({ model: { kind: 'softmax' }, training: resolveTraining({ dataset: 'shapes' }), trial }, handlers).result, null);
  assert.deepEqual(asked, ['s/shapes']);
  assert.deepEqual(
    jobs.map((j) => j.data),
    [fake],
  );
});

test('a trial stopped while its uploaded dataset loads never starts; a load that fails is its error', async () => {
  const { trainer, jobs } = recording();
  let release: (d: typeof fake) => void = () => {};
  const train = trialTrainer(trainer, null, undefined, () => new Promise((resolve) => (release = resolve)));
  const handle = train({ model: { kind: 'softmax' }, training: resolveTraining({ dataset: 'shapes' }), trial }, handlers);
  handle.stop();
  release(fake);
  assert.equal(await handle.result, null);
  assert.equal(await handle.artifact, null);
  assert.equal(jobs.length, 0);
  const failing = trialTrainer(trainer, null, undefined, async () => {
    throw new UnrecoverableError('dataset "shapes" is corrupt: sha256 a, recorded b');
  });
  const failed = failing({ model: { kind: 'softmax' }, training: resolveTraining({ dataset: 'shapes' }), trial }, handlers);
  await assert.rejects(failed.result, /is corrupt: sha256 a, recorded b/);
  assert.equal(await failed.artifact, null);
  const none = trialTrainer(trainer, null)({ model: { kind: 'softmax' }, training: resolveTraining({ dataset: 'shapes' }), trial }, handlers);
  await assert.rejects(none.result, (err: Error) => err instanceof UnrecoverableError && /uploaded dataset "shapes"/.test(err.message));
});

test('a model that does not fit an uploaded dataset (a search proposal, unchecked at submit) fails for good before it trains, naming the field', async () => {
  const { trainer, jobs } = recording();
  const small = { trainImages: new Uint8Array(1), shape: { height: 8, width: 8, channels: 3, classes: 4 } } as unknown as MnistData;
  const train = trialTrainer(trainer, null, undefined, async () => small);
  const model = { kind: 'layers', layers: [{ type: 'conv2d', filters: 4, kernel: 9, stride: 1, padding: 'valid' }, { type: 'flatten' }] } as const;
  const handle = train({ model: model as never, training: resolveTraining({ dataset: 'tiny' }), trial }, handlers);
  await assert.rejects(
    handle.result,
    (err: Error) =>
      err instanceof UnrecoverableError &&
      /the model does not fit dataset "tiny": model\.layers\.0\.kernel: layer 0 \(conv2d\): a 9x9 kernel is larger than its 8x8 input/.test(err.message),
  );
  assert.equal(jobs.length, 0);
  // The same stack with a kernel that fits trains.
  const fits = { kind: 'layers', layers: [{ type: 'conv2d', filters: 4, kernel: 3, stride: 1, padding: 'valid' }, { type: 'flatten' }] } as const;
  assert.equal(await train({ model: fits as never, training: resolveTraining({ dataset: 'tiny' }), trial }, handlers).result, null);
  assert.equal(jobs.length, 1);
});
