import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { REDIS_URL, waitFor } from '../support/services.ts';
import { searchWorker, startStack, TINY_TRAINING, type Stack } from '../support/stack.ts';

// Sweep-wide budgets on the real stack: the failure cap and the time budget. One worker
// process with one training slot, so a long trial can keep every other trial waiting.
let stack: Stack;

before(async () => {
  stack = await startStack({ label: 'search_budget', workers: [searchWorker('wf', 1)] });
});

after(async () => {
  await stack?.close();
});

test('a sweep whose variants always diverge stops at maxFailedTrials: failed, with the reason', async () => {
  const created = await stack.http('POST', '/sweeps', {
    name: 'diverges',
    method: 'random',
    // Learning rate 10 with momentum 0.99 blows a softmax up in its first epoch, every seed.
    training: { ...TINY_TRAINING, maxEpochs: 3, learningRate: 10, momentum: 0.99 },
    space: { base: { model: { kind: 'softmax' } }, parameters: { 'training.seed': { type: 'int', min: 1, max: 10_000 } } },
    budget: { maxTrials: 10, maxConcurrentTrials: 1, maxFailedTrials: 1 },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id as string;
  const sweep = await stack.settled(id, ['completed', 'failed'], 60_000);
  assert.equal(sweep.status, 'failed', stack.outputs());
  assert.equal(sweep.statusReason, '2 trials failed, more than maxFailedTrials 1');
  assert.deepEqual({ failed: sweep.trialCounts.failed, total: sweep.trialCounts.total }, { failed: 2, total: 2 }, 'no trial after the cap');

  const trials = await stack.database.db.trial.findMany({ where: { sweepId: id }, orderBy: { index: 'asc' } });
  const queue = new Queue('trials', { connection: stack.redis.redis, prefix: stack.redis.prefix });
  try {
    for (const t of trials) {
      assert.match(t.error ?? '', /^training diverged: train loss [\d.]+ at epoch 1, over 3x the 2\.30 of a constant guess$/);
      assert.equal(t.attempts, 1, 'a diverged training is not retried');
      assert.equal(await stack.database.db.epochMetric.count({ where: { trialId: t.id } }), 1, 'it stopped at the epoch that diverged');
      const job = await queue.getJob(t.id);
      assert.equal(await job!.getState(), 'failed');
      assert.equal(job!.attemptsMade, 1, 'BullMQ did not retry it (attempts is 3 for trial jobs)');
    }
  } finally {
    await queue.close();
  }
});

/** Runs `fn` while a long training holds the worker's only slot, so other trials can only wait. */
async function whileWorkerBusy(fn: () => Promise<void>): Promise<void> {
  const blocker = await stack.http('POST', '/sweeps', {
    name: 'blocker',
    training: { ...TINY_TRAINING, maxEpochs: 100, patience: 100, trainSubset: 20_000 },
    variants: [{ model: { kind: 'softmax' } }],
  });
  assert.equal(blocker.status, 201, JSON.stringify(blocker.body));
  const running = async () => (await stack.http('GET', `/sweeps/${blocker.body.id}`)).body.trialCounts.running === 1;
  await waitFor('the blocker to start', running, { timeoutMs: 30_000 });
  try {
    await fn();
    // Nothing ended meanwhile: the blocker still holds the slot.
    assert.ok(await running(), 'the blocker trained throughout');
  } finally {
    await stack.http('POST', `/sweeps/${blocker.body.id}/cancel`);
  }
}

test('a sweep whose time budget runs out while no trial ends still finishes at its deadline', async () => {
  await whileWorkerBusy(async () => {
    const budgetSeconds = 3;
    const created = await stack.http('POST', '/sweeps', {
      name: 'deadline',
      training: TINY_TRAINING,
      variants: [{ model: { kind: 'softmax' } }, { model: { kind: 'softmax' }, training: { seed: 2 } }],
      budget: { maxDurationSeconds: budgetSeconds },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id as string;
    // No trial of it can end (none can start), so only the deadline job can end it.
    const sweep = await stack.settled(id, ['completed', 'failed'], (budgetSeconds + 10) * 1000);
    const tookMs = Date.parse(sweep.finishedAt) - Date.parse(sweep.createdAt);
    assert.ok(tookMs >= budgetSeconds * 1000 && tookMs < (budgetSeconds + 5) * 1000, `finished ${tookMs} ms after creation`);
    assert.equal(sweep.status, 'failed', 'no trial of it ran');
    assert.equal(sweep.statusReason, `the time budget of ${budgetSeconds} s is spent`);
    const trials = await stack.database.db.trial.findMany({ where: { sweepId: id } });
    for (const t of trials) {
      assert.equal(t.status, 'cancelled');
      assert.equal(t.startedAt, null, 'no trial started after the deadline');
      assert.equal(t.statusReason, `the time budget of ${budgetSeconds} s is spent`);
    }
  });
});

test('a trial whose job fails in the queue without its processor (stalled too often) is failed and its sweep moves on', async () => {
  await whileWorkerBusy(async () => {
    const created = await stack.http('POST', '/sweeps', { name: 'lost', training: TINY_TRAINING, variants: [{ model: { kind: 'softmax' } }] });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id as string;
    // The real worker is busy, so this consumer takes the job and fails it the way BullMQ
    // fails a job whose workers died: no trial processor ever sees it end.
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const thief = new Worker(
      'trials',
      async () => {
        throw new UnrecoverableError('job stalled more than allowable limit (simulated)');
      },
      { connection, prefix: stack.redis.prefix },
    );
    try {
      const sweep = await stack.settled(id, ['completed', 'failed'], 15_000);
      assert.equal(sweep.status, 'failed');
      const [trial] = await stack.database.db.trial.findMany({ where: { sweepId: id } });
      assert.equal(trial!.status, 'failed');
      assert.equal(trial!.error, 'the job failed outside training: job stalled more than allowable limit (simulated)');
    } finally {
      await thief.close();
      connection.disconnect();
    }
  });
});
