import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '@modelspace/config';
import { defaultPools, loadWorkerConfig, workerPools } from './config.ts';

test('WORKER_POOLS is a comma-separated list of known pools', () => {
  assert.deepEqual(loadWorkerConfig({ WORKER_POOLS: 'gpu' }).WORKER_POOLS, ['gpu']);
  assert.deepEqual(loadWorkerConfig({ WORKER_POOLS: ' cpu, gpu ,cpu' }).WORKER_POOLS, ['cpu', 'gpu']);
  assert.throws(
    () => loadWorkerConfig({ WORKER_POOLS: 'tpu' }),
    (err: unknown) => err instanceof ConfigError && /WORKER_POOLS/.test(err.message),
  );
  assert.throws(
    () => loadWorkerConfig({ WORKER_POOLS: ' , ' }),
    (err: unknown) => err instanceof ConfigError && /WORKER_POOLS/.test(err.message),
  );
});

test('without WORKER_POOLS a worker serves gpu only if it will train on tfjs-node-gpu', () => {
  assert.deepEqual(defaultPools('auto', true), ['gpu']);
  assert.deepEqual(defaultPools('tensorflow', true), ['gpu']);
  assert.deepEqual(defaultPools('native', true), ['cpu']);
  assert.deepEqual(defaultPools('auto', false), ['cpu']);
  // This machine has no tfjs-node-gpu: the default is cpu; an explicit list wins.
  assert.deepEqual(workerPools(loadWorkerConfig({})), ['cpu']);
  assert.deepEqual(workerPools(loadWorkerConfig({ WORKER_POOLS: 'gpu' })), ['gpu']);
});
