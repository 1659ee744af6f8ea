import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ArtifactConfig } from '@modelspace/artifacts';
import { bandImages, npyUint8 } from '@modelspace/core/testing';
import { uploadedDatasets } from '@modelspace/worker';
import { multipart } from '../support/multipart.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// A worker's side of uploaded datasets, against real Postgres and a real artifact directory:
// fetched once into shared memory and a disk cache, checksums checked on the way.
let t: TestApp;
let dir: string;
let sweepId: string;
let sha: string;
let artifacts: ArtifactConfig;
const set = bandImages(20, 6, 5, 2, 3);

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'worker-datasets-'));
  artifacts = { store: 'directory', dir: join(dir, 'store'), postgresMaxBytes: 0, keep: 3, modelCacheSize: 1, predictBackend: 'wasm' };
  t = await createTestApp('worker-datasets', {}, { artifacts });
  const up = await t.app.inject({
    method: 'POST',
    url: '/datasets',
    ...multipart({ name: 'tiny', classes: '3' }, { trainImages: npyUint8([20, 6, 5, 2], set.images), trainLabels: npyUint8([20], set.labels) }),
  });
  assert.equal(up.statusCode, 201, up.body);
  sha = up.json().sha256;
  const sweep = await t.app.inject({
    method: 'POST',
    url: '/sweeps',
    payload: { name: 'tiny', training: { maxEpochs: 1, dataset: 'tiny' }, variants: [{ model: { kind: 'softmax' } }] },
  });
  assert.equal(sweep.statusCode, 201, sweep.body);
  sweepId = sweep.json().id;
});

after(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

test("fetches a sweep's dataset once into shared memory and the disk cache; concurrent trials share it", async () => {
  const cacheDir = join(dir, 'cache-1');
  const load = uploadedDatasets({ db: t.database.db, artifacts, cacheDir });
  const [a, b] = await Promise.all([load(sweepId, 'tiny'), load(sweepId, 'tiny')]);
  assert.equal(a, b, 'one load for both');
  assert.ok(a.trainImages.buffer instanceof SharedArrayBuffer);
  assert.deepEqual(a.shape, { height: 6, width: 5, channels: 2, classes: 3 });
  assert.deepEqual(a.split, { train: 16, val: 2 });
  assert.deepEqual([...a.trainLabels, ...a.testLabels], [...set.labels]);
  assert.ok(existsSync(join(cacheDir, `${sha}.msds`)));
  await assert.rejects(load(sweepId, 'other'), /dataset "other" is not one sweep .* names/);
});

test('a corrupt cached copy fails loudly and is removed; the next load fetches it again from the store', async () => {
  const cacheDir = join(dir, 'cache-2');
  await uploadedDatasets({ db: t.database.db, artifacts, cacheDir })(sweepId, 'tiny');
  const file = join(cacheDir, `${sha}.msds`);
  const bytes = readFileSync(file);
  bytes[bytes.length - 1] ^= 1;
  writeFileSync(file, bytes);
  const load = uploadedDatasets({ db: t.database.db, artifacts, cacheDir });
  await assert.rejects(load(sweepId, 'tiny'), new RegExp(`the cached copy ${file} is corrupt \\(sha256 [0-9a-f]{64}, recorded ${sha}\\)`));
  assert.ok(!existsSync(file));
  assert.deepEqual([...(await load(sweepId, 'tiny')).trainLabels.subarray(0, 16)], [...set.labels.subarray(0, 16)]);
});

test('a blob in the store that does not match its recorded checksum fails the trial, naming both', async () => {
  const stored = join(artifacts.dir, 'datasets', `${sha}.msds`);
  const good = readFileSync(stored);
  const bad = Buffer.from(good);
  bad[40] ^= 0xff;
  writeFileSync(stored, bad);
  try {
    const load = uploadedDatasets({ db: t.database.db, artifacts, cacheDir: join(dir, 'cache-3') });
    await assert.rejects(load(sweepId, 'tiny'), new RegExp(`dataset "tiny" is corrupt: sha256 [0-9a-f]{64}, recorded ${sha}`));
    assert.ok(!existsSync(join(dir, 'cache-3', `${sha}.msds`)), 'nothing cached');
  } finally {
    writeFileSync(stored, good);
  }
});
