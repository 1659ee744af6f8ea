import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTrialQueue } from '@modelspace/queue';
import { waitFor } from '../support/services.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { epochHistoryProblems } from '../support/epoch-history.ts';

// SIGTERM mid-trial: the worker stops taking jobs, lets the running trial reach its next
// epoch boundary, checkpoints it, hands the job back without using an attempt, and exits
// 0. Another worker resumes the trial from that checkpoint; every epoch is recorded once.
const EPOCHS = 6;

let stack: Stack;

before(async () => {
  stack = await startStack({ label: 'shutdown', env: { WORKER_CONCURRENCY: '1', WORKER_SHUTDOWN_GRACE_MS: '120000', LOG_LEVEL: 'info' } });
});

after(() => stack?.close('SIGKILL'));

test('a worker given SIGTERM mid-trial checkpoints, hands the trial back and exits; another finishes it', { timeout: 300_000 }, async () => {
  const { db } = stack.database;
  const first = stack.spawnWorker('first');
  await first.waitForOutput('worker ready', 120_000);
  const res = await fetch(`${stack.api.url}/sweeps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'sigterm',
      training: { maxEpochs: EPOCHS, patience: 100, batchSize: 32, learningRate: 0.05, trainSubset: 3000, valSubset: 300, testSubset: 300 },
      variants: [{ name: 'conv', model: { kind: 'convnet', activation: 'relu', featureMaps: [4, 8], filterSize: 5, denseUnits: 16 } }],
    }),
  });
  const body = (await res.json()) as { id: string; trialIds: string[] };
  assert.equal(res.status, 201, JSON.stringify(body));
  const trialId = body.trialIds[0]!;

  await waitFor('two epochs', async () => (await db.epochMetric.count({ where: { trialId } })) >= 2, { timeoutMs: 120_000 });
  const code = await first.stop('SIGTERM');
  assert.equal(code, 0, first.output());
  assert.match(first.output(), /trial handed back at an epoch boundary/);
  assert.doesNotMatch(first.output(), /trial failed|job failed/);

  const handedBack = await db.trial.findUniqueOrThrow({ where: { id: trialId } });
  const checkpoint = await db.checkpoint.findUniqueOrThrow({ where: { trialId } });
  const recorded = await db.epochMetric.count({ where: { trialId } });
  assert.equal(handedBack.status, 'queued');
  assert.equal(handedBack.error, null, 'no failure recorded');
  assert.ok(checkpoint.epoch >= 2 && checkpoint.epoch < EPOCHS, `checkpoint after epoch ${checkpoint.epoch}`);
  assert.equal(recorded, checkpoint.epoch, 'the checkpoint is of the last recorded epoch');

  const second = stack.spawnWorker('second');
  await waitFor('the sweep to complete', async () => (await db.sweep.findUniqueOrThrow({ where: { id: body.id } })).status === 'completed', {
    timeoutMs: 180_000,
    intervalMs: 500,
  });
  assert.match(second.output(), new RegExp(`"epoch":${checkpoint.epoch}[^\\n]*training resumed from checkpoint`));
  assert.deepEqual(await epochHistoryProblems(db, body.id), []);
  const done = await db.trial.findUniqueOrThrow({ where: { id: trialId } });
  assert.equal(done.workerId, 'second');
  assert.equal(done.epochsRun, EPOCHS);
  assert.equal(done.attempts, 2, 'claimed once by each worker');
  // The hand-back used no attempt: the completing run is the job's only attempt made.
  const queue = createTrialQueue(stack.redis.redis, { prefix: stack.redis.prefix });
  const job = await queue.getJob(trialId);
  assert.equal(job?.attemptsMade, 1);
  assert.equal(await job?.getState(), 'completed');
  await queue.close();
  console.log(`SIGTERM after epoch ${checkpoint.epoch}: handed back, resumed by another worker, ${EPOCHS} epochs recorded once each`);
});
