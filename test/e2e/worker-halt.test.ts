import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { waitFor } from '../support/services.ts';
import type { Spawned } from '../support/processes.ts';
import { startStack, type Stack } from '../support/stack.ts';

// A broken host must not burn a sweep: a worker whose every training fails (here it is
// told to train on TensorFlow's native bindings, which are not installed: each trial's
// thread fails to start its backend) stops taking work after WORKER_MAX_CONSECUTIVE_FAILURES
// failed attempts in a row, says why in its log and in GET /workers, and the trials it did
// not touch stay queued for a healthy worker. A trial that exhausts TRIAL_ATTEMPTS is
// `failed` with its last error.
const LIMIT = 4;
const ATTEMPTS = 2;

let stack: Stack;
let worker: Spawned;

before(async () => {
  stack = await startStack({ label: 'halt', env: { TRIAL_ATTEMPTS: String(ATTEMPTS), TRIAL_BACKOFF_MS: '100' } });
  worker = stack.spawnWorker('broken', {
    WORKER_CONCURRENCY: '1',
    TRAINER_BACKEND: 'tensorflow',
    WORKER_MAX_CONSECUTIVE_FAILURES: String(LIMIT),
  });
  await worker.waitForOutput('worker ready', 120_000);
});

after(() => stack?.close('SIGKILL'));

test(`a worker halts after ${LIMIT} failed attempts in a row and says why`, { timeout: 240_000 }, async () => {
  const { db } = stack.database;
  const submit = async (name: string, variants: number) => {
    const res = await fetch(`${stack.api.url}/sweeps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name,
        training: { maxEpochs: 1, trainSubset: 100, valSubset: 50, testSubset: 50 },
        variants: Array.from({ length: variants }, (_, i) => ({ name: `softmax ${i}`, model: { kind: 'softmax' }, training: { seed: i + 1 } })),
      }),
    });
    const body = (await res.json()) as { id: string };
    assert.equal(res.status, 201, JSON.stringify(body));
    return body.id;
  };
  // Two trials of two attempts each: the fourth failure in a row is the second trial's last.
  const burnt = await submit('on a broken host', LIMIT / ATTEMPTS);
  await worker.waitForOutput('worker halted', 120_000);
  const trials = await waitFor(
    'both trials to be failed',
    async () => {
      const ts = await db.trial.findMany({ where: { sweepId: burnt } });
      return ts.every((t) => t.status === 'failed') && ts;
    },
    { timeoutMs: 30_000 },
  );
  for (const t of trials) {
    assert.equal(t.attempts, ATTEMPTS, `${t.name} failed after TRIAL_ATTEMPTS attempts`);
    assert.match(t.error ?? '', /backend tensorflow unavailable/, 'with its last error');
  }

  // Halted means halted: a new sweep's trials wait for a healthy worker.
  const waiting = await submit('after the halt', 2);
  await new Promise((r) => setTimeout(r, 4_000));
  const untouched = await db.trial.findMany({ where: { sweepId: waiting } });
  assert.deepEqual(
    untouched.map((t) => [t.status, t.attempts]),
    [
      ['queued', 0],
      ['queued', 0],
    ],
  );

  const { items } = (await (await fetch(`${stack.api.url}/workers`)).json()) as { items: { id: string; state?: string; stateReason?: string }[] };
  const me = items.find((w) => w.id === 'broken');
  assert.equal(me?.state, 'halted');
  assert.match(me?.stateReason ?? '', new RegExp(`${LIMIT} trial attempts failed in a row.*backend tensorflow unavailable`));
  console.log(`halted worker: ${me?.stateReason}`);
});
