import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pino } from 'pino';
import { loadApiConfig, startApi, type RunningApi } from '@modelspace/api';
import type { ModelSpec, TrainingSettings } from '@modelspace/core';
import { initBackend, loadMnist, trainTrial, type EpochReport } from '@modelspace/trainer';
import { createTestDatabase, createTestRedis, waitFor, type TestDatabase, type TestRedis } from '../support/services.ts';
import { spawnEntry, type Spawned } from '../support/processes.ts';
import { epochHistoryProblems } from '../support/epoch-history.ts';

// Chaos: three worker processes share a sweep of short real trials while, every few
// seconds, one of them is killed with SIGKILL in the middle of a trial and a new one is
// started. BullMQ's stalled check hands the dead worker's job on; the next worker resumes
// the trial from its last checkpoint. At the end every trial is completed with epochs
// 1..epochsRun each recorded once, and a resumed trial ends exactly as an uninterrupted
// training of the same seed on the same backend.
// Sized so that a trial lasts several seconds even on an idle machine with the whole native
// step (3,000 images x 4 epochs took about a second there, and the sweep ended after 2 of the
// 4 kills): the kills need running trials with a checkpoint to land on.
const TRIALS = 12;
const EPOCHS = 6;
const KILLS = 4;
const KILL_EVERY_MS = 2_000;
const MODEL = { kind: 'convnet', activation: 'relu', featureMaps: [4, 8], filterSize: 5, denseUnits: 16 };

let database: TestDatabase;
let redis: TestRedis;
let api: RunningApi;
const spawned: Spawned[] = [];
let env: Record<string, string>;

const live = new Map<string, Spawned>(); // worker id → process, for the ones not killed
let started = 0;
function startWorker(): string {
  const id = `chaos-w${++started}`;
  const w = spawnEntry('apps/worker/src/main.ts', { ...env, WORKER_ID: id });
  spawned.push(w);
  live.set(id, w);
  return id;
}

before(async () => {
  database = await createTestDatabase('chaos');
  redis = await createTestRedis('chaos');
  env = {
    DATABASE_URL: database.url,
    QUEUE_PREFIX: redis.prefix,
    WORKER_CONCURRENCY: '1',
    // A dead worker's job is handed on seconds after its death, not the default 30 s.
    WORKER_LOCK_MS: '4000',
    WORKER_STALLED_INTERVAL_MS: '2000',
    // A trial may lose several workers here: none of that is the trial's fault.
    WORKER_MAX_STALLED_COUNT: '50',
    LOG_LEVEL: 'info',
  };
  api = await startApi({ ...loadApiConfig({ ...env, API_AUTH: 'off' }), PORT: 0 }, pino({ level: 'silent' }));
  for (let i = 0; i < 3; i++) startWorker();
  await Promise.all([...live.values()].map((w) => w.waitForOutput('worker ready', 120_000)));
});

after(async () => {
  await Promise.all(spawned.map((w) => w.stop('SIGKILL')));
  await api?.close();
  await redis?.cleanup();
  await database?.drop();
});

const count = (text: string) => spawned.reduce((n, w) => n + w.output().split(text).length - 1, 0);

test(`${TRIALS} trials complete with whole epoch histories while a worker is SIGKILLed every ${KILL_EVERY_MS / 1000} s`, { timeout: 400_000 }, async () => {
  const { db } = database;
  const res = await fetch(`${api.url}/sweeps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'chaos',
      training: { maxEpochs: EPOCHS, patience: 100, batchSize: 32, learningRate: 0.05, trainSubset: 12000, valSubset: 300, testSubset: 300 },
      variants: Array.from({ length: TRIALS }, (_, i) => ({ name: `conv seed ${i + 1}`, model: MODEL, training: { seed: i + 1 } })),
    }),
  });
  const body = (await res.json()) as { id: string };
  assert.equal(res.status, 201, JSON.stringify(body));
  const sweepId = body.id;
  const sweepDone = async () => (await db.sweep.findUniqueOrThrow({ where: { id: sweepId } })).status === 'completed';

  // Kill only a worker that is mid-trial with at least one epoch checkpointed, so every
  // kill loses work in progress and the trial has something to resume from.
  // Look often and kill at most every KILL_EVERY_MS: on a fast machine a trial lasts only a
  // few seconds, and a fixed sleep between looks could miss every one.
  let kills = 0;
  let lastKill = 0;
  const startedAt = Date.now();
  while (kills < KILLS && !(await sweepDone())) {
    await new Promise((r) => setTimeout(r, 250));
    if (Date.now() - lastKill < KILL_EVERY_MS) continue;
    const running = await db.trial.findMany({ where: { sweepId, status: 'running', workerId: { in: [...live.keys()] } }, select: { id: true, workerId: true } });
    let victim: string | null = null;
    for (const t of running) {
      if ((await db.checkpoint.count({ where: { trialId: t.id } })) > 0) victim = t.workerId;
    }
    if (!victim) continue;
    const w = live.get(victim)!;
    live.delete(victim);
    await w.stop('SIGKILL');
    kills += 1;
    lastKill = Date.now();
    console.log(`kill ${kills}: ${victim} at ${((Date.now() - startedAt) / 1000).toFixed(1)} s; started ${startWorker()}`);
  }
  assert.equal(kills, KILLS, 'every kill landed mid-trial');

  await waitFor('the sweep to complete', sweepDone, { timeoutMs: 300_000, intervalMs: 1_000 });
  const problems = await epochHistoryProblems(db, sweepId);
  assert.deepEqual(problems, []);
  const trials = await db.trial.findMany({ where: { sweepId }, orderBy: { index: 'asc' } });
  assert.equal(trials.length, TRIALS);
  for (const t of trials) assert.equal(t.epochsRun, EPOCHS, `${t.name} ran every epoch`);
  assert.equal(await db.checkpoint.count(), 0, 'a completed trial keeps no checkpoint');

  const resumes = count('training resumed from checkpoint');
  const epochs = await db.epochMetric.count({ where: { trial: { sweepId } } });
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(0);
  console.log(`chaos: ${kills} kills, ${resumes} resumes, ${trials.length} trials completed, ${epochs} epoch rows (${TRIALS}x${EPOCHS}), ${seconds} s`);
  assert.ok(resumes >= 1, 'a killed trial resumed from its checkpoint');
  assert.equal(epochs, TRIALS * EPOCHS);

  // A resumed trial ends where an uninterrupted training of its seed ends, on its backend.
  const resumed = trials.filter((t) => t.attempts > 1).slice(0, 2);
  assert.ok(resumed.length >= 1, 'some trial was claimed more than once');
  const data = loadMnist();
  for (const t of resumed) {
    await initBackend({ prefer: t.backend as 'native' | 'wasm' });
    const reference: EpochReport[] = [];
    const r = await trainTrial({ model: t.model as unknown as ModelSpec, training: t.training as unknown as TrainingSettings, data, onEpoch: (e) => void reference.push(e) });
    const rows = await db.epochMetric.findMany({ where: { trialId: t.id }, orderBy: { epoch: 'asc' } });
    assert.deepEqual(
      rows.map((e) => [e.trainLoss, e.valLoss, e.valError]),
      reference.map((e) => [e.trainLoss, e.valLoss, e.valError]),
      `${t.name}: epochs as uninterrupted`,
    );
    assert.deepEqual([t.bestValError, t.bestEpoch, t.testError, t.testLoss], [r.bestValError, r.bestEpoch, r.testError, r.testLoss], `${t.name}: result as uninterrupted`);
  }
  console.log(`chaos: ${resumed.length} resumed trials (attempts ${resumed.map((t) => t.attempts).join(', ')}) match an uninterrupted run on ${resumed[0]!.backend}`);
});
