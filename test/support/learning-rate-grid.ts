import assert from 'node:assert/strict';
import type { TestApp } from './test-app.ts';

/**
 * A grid sweep of 24 softmax trials (6 learning rates x 4 batch sizes) whose trials are then
 * marked completed as if two workers (w0, w1) had trained them one minute each, back to back,
 * with a validation error that follows the learning rate only: what the importance and
 * timeline tests need, with no training. Returns the sweep id.
 */
export async function learningRateGridTrained(t: TestApp, name: string): Promise<string> {
  const created = await t.app.inject({
    method: 'POST',
    url: '/sweeps',
    payload: {
      name,
      method: 'grid',
      training: { maxEpochs: 1 },
      space: {
        base: { model: { kind: 'softmax' } },
        parameters: { 'training.learningRate': { values: [0.01, 0.02, 0.04, 0.08, 0.16, 0.32] }, 'training.batchSize': { values: [16, 32, 64, 128] } },
      },
    },
  });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id as string;
  await t.database.db.$executeRawUnsafe(
    `UPDATE "Trial" SET status = 'completed', "bestValError" = 0.02 + 0.1 * ln((params->>'training.learningRate')::float8) ^ 2, "workerId" = 'w' || (index % 2),
       "startedAt" = now() - interval '1 hour' + index * interval '1 minute', "finishedAt" = now() - interval '1 hour' + (index + 1) * interval '1 minute' WHERE "sweepId" = $1`,
    id,
  );
  return id;
}
