import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '../support/services.ts';
import { spawnEntry } from '../support/processes.ts';

// The README's first command does this with sweeps/quick.yaml: the CLI starts an embedded
// API and worker, submits the sweep, follows it and prints the table and the best model.
let database: TestDatabase;
let redis: TestRedis;
before(async () => {
  database = await createTestDatabase('cli');
  redis = await createTestRedis('cli');
});
after(async () => {
  await redis?.cleanup();
  await database?.drop();
});

test('`modelspace run FILE` with no API URL trains the sweep embedded and prints its results table and best model', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'sweep-')), 'tiny.yaml');
  writeFileSync(
    file,
    [
      'name: cli tiny',
      'training: {maxEpochs: 2, batchSize: 32, learningRate: 0.05, trainSubset: 600, valSubset: 200, testSubset: 500}',
      'variants:',
      '  - {name: lr, model: {kind: softmax}}',
      '  - {name: small conv, model: {kind: convnet, featureMaps: [4, 4], denseUnits: 16}}',
    ].join('\n'),
  );
  const cli = spawnEntry('apps/cli/src/main.ts', { DATABASE_URL: database.url, QUEUE_PREFIX: redis.prefix, MODELSPACE_URL: '' /* unset: run embedded */ }, ['run', file]);
  const code = await new Promise<number | null>((resolve) => cli.child.on('exit', resolve));
  const out = cli.output();
  assert.equal(code, 0, out);
  assert.match(out, /sweep [0-9a-f-]{36} "cli tiny": 2 trial\(s\) queued/);
  assert.match(out, /\[1\/2\] lr {2}epoch 2\/2 {2}train loss \d\.\d{4} {2}val error \d+\.\d\d%/);
  assert.match(out, /\[2\/2\] small conv {2}completed: best val error \d+\.\d\d% \(epoch \d\), test error \d+\.\d\d%/);
  assert.match(out, /\| 1 +\| lr +\| softmax \|/);
  assert.match(out, /\| 2 +\| small conv +\| convnet \| relu +\| 4, 4, 16 \| 5, 5 +\| no +\| Max +\| no +\| no +\| \d+ +\| completed \| 2 /);
  assert.match(out, /Best by valError: model [12] "(lr|small conv)": val error \d+\.\d\d%, test error \d+\.\d\d% \(epoch \d of 2, (native|wasm)\)/);
});

test('`modelspace run` of an invalid file prints each bad field and exits non-zero', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'sweep-')), 'bad.yaml');
  writeFileSync(file, 'name: bad\ntraining: {maxEpochs: -1}\nvariants:\n  - {model: {kind: mlp}}\n');
  const cli = spawnEntry('apps/cli/src/main.ts', { DATABASE_URL: database.url, QUEUE_PREFIX: redis.prefix, MODELSPACE_URL: '' /* unset: run embedded */ }, ['run', file]);
  const code = await new Promise<number | null>((resolve) => cli.child.on('exit', resolve));
  assert.equal(code, 1);
  assert.match(cli.output(), /training\.maxEpochs: Too small/);
  assert.match(cli.output(), /variants\.0\.model\.kind: unknown model kind "mlp"/);
});
