import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { ArtifactConfig } from '@modelspace/artifacts';
import { DEFAULT_DATASET_LIMITS, decodeDataset } from '@modelspace/core';
import { bandImages, idxUint8, npyBytes, npyFloat32, npyInt64, npyUint8 } from '@modelspace/core/testing';
import { deleteSweep, type Db } from '@modelspace/db';
import { readFileSync } from 'node:fs';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { multipart } from '../support/multipart.ts';

// POST/GET/DELETE /datasets against real Postgres, with a real artifact directory: uploads
// that pass are stored content-addressed, bad ones get a 400 naming the problem and store
// nothing, and a dataset a sweep names cannot be deleted.
const LIMIT = 64 * 1024;
let t: TestApp;
let app: FastifyInstance;
let db: Db;
let dir: string;

const artifacts = (store: ArtifactConfig['store'], at: string): ArtifactConfig => ({
  store,
  dir: at,
  postgresMaxBytes: 1024 * 1024,
  keep: 3,
  modelCacheSize: 1,
  predictBackend: 'wasm',
});

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'datasets-api-'));
  t = await createTestApp('datasets', {}, { artifacts: artifacts('directory', dir), datasetLimits: { ...DEFAULT_DATASET_LIMITS, maxFileBytes: LIMIT } });
  ({ app } = t);
  db = t.database.db;
});

after(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

// 40 RGB images of 8x6 in 4 classes.
const set = bandImages(40, 8, 6, 3, 4);
const good = () => ({ trainImages: npyUint8([40, 8, 6, 3], set.images), trainLabels: npyUint8([40], set.labels) });

function upload(fields: Record<string, string>, files: Record<string, Uint8Array>, target = app) {
  return target.inject({ method: 'POST', url: '/datasets', ...multipart(fields, files) });
}

/** Rows and files: what a bad upload must leave as it was. */
async function stored() {
  const files = (() => {
    try {
      return readdirSync(join(dir, 'datasets')).sort();
    } catch {
      return [];
    }
  })();
  return { datasets: await db.dataset.count(), blobs: await db.datasetBlob.count(), files };
}

describe('uploading a dataset', () => {
  test('a .npy pair with a validation fraction: 201, its shape, split and checksum; the blob is stored under its sha256', async () => {
    const res = await upload({ name: 'bands', classNames: 'top,upper,lower,bottom', validationFraction: '0.25', testFraction: '0.25' }, good());
    assert.equal(res.statusCode, 201, res.body);
    const d = res.json();
    assert.equal(res.headers.location, `/datasets/${d.id}`);
    assert.deepEqual(
      { name: d.name, storage: d.storage, dtype: d.dtype, shape: d.shape, counts: d.counts, classNames: d.classNames, sweeps: d.sweeps },
      {
        name: 'bands',
        storage: 'directory',
        dtype: 'uint8',
        shape: { height: 8, width: 6, channels: 3, classes: 4 },
        counts: { train: 20, val: 10, test: 10 },
        classNames: ['top', 'upper', 'lower', 'bottom'],
        sweeps: 0,
      },
    );
    const blob = readFileSync(join(dir, 'datasets', `${d.sha256}.msds`));
    assert.equal(blob.length, d.sizeBytes);
    const back = decodeDataset(blob);
    assert.deepEqual(Buffer.from(back.images), Buffer.from(set.images));
    assert.deepEqual([...back.labels], [...set.labels]);
  });

  test('a gzipped IDX pair with its own test files; the same content under another name is stored once', async () => {
    const test = bandImages(8, 8, 6, 3, 4, 9);
    const files = {
      trainImages: gzipSync(idxUint8([40, 8, 6, 3], set.images)),
      trainLabels: gzipSync(idxUint8([40], set.labels)),
      testImages: idxUint8([8, 8, 6, 3], test.images),
      testLabels: npyInt64([8], test.labels),
    };
    const res = await upload({ name: 'bands-idx', classes: '4' }, files);
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(res.json().counts, { train: 36, val: 4, test: 8 });
    const before = await stored();
    const again = await upload({ name: 'bands-idx-2', classes: '4' }, files);
    assert.equal(again.statusCode, 201, again.body);
    assert.equal(again.json().sha256, res.json().sha256);
    assert.deepEqual((await stored()).files, before.files, 'no second file for the same content');
  });

  test("lists the project's datasets and shows one by id or by name", async () => {
    const list = await app.inject({ method: 'GET', url: '/datasets' });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(
      list
        .json()
        .items.map((d: { name: string }) => d.name)
        .sort(),
      ['bands', 'bands-idx', 'bands-idx-2'],
    );
    const byName = await app.inject({ method: 'GET', url: '/datasets/bands' });
    const byId = await app.inject({ method: 'GET', url: `/datasets/${byName.json().id}` });
    assert.deepEqual(byId.json(), byName.json());
    const missing = await app.inject({ method: 'GET', url: '/datasets/nope' });
    assert.equal(missing.statusCode, 404);
  });
});

describe('a bad upload is a 400 naming the problem, and stores nothing', () => {
  const labels = npyUint8([40], set.labels);
  const wrongMagic = Uint8Array.from(good().trainImages);
  wrongMagic[1] = 0x41;
  const full = good().trainImages;
  const outside = Uint8Array.from(set.labels);
  outside[5] = 4;
  const bomb = gzipSync(new Uint8Array(4 * LIMIT));
  const cases: [string, Record<string, string>, Record<string, Uint8Array>, string, RegExp][] = [
    ['wrong magic number', { name: 'x', classes: '4' }, { trainImages: wrongMagic, trainLabels: labels }, 'trainImages', /bad magic number/],
    ['truncated file', { name: 'x', classes: '4' }, { trainImages: full.subarray(0, full.length - 7), trainLabels: labels }, 'trainImages', /truncated: \d+ bytes, but the header/],
    [
      'label count is not image count',
      { name: 'x', classes: '4' },
      { trainImages: full, trainLabels: npyUint8([39], set.labels.subarray(0, 39)) },
      'trainLabels',
      /39 labels for 40 images/,
    ],
    [
      'label outside the classes',
      { name: 'x', classes: '4' },
      { trainImages: full, trainLabels: npyUint8([40], outside) },
      'trainLabels',
      /label 4 at index 5 is outside the classes 0\.\.3/,
    ],
    [
      'shapes that do not match',
      { name: 'x', classes: '4' },
      { ...good(), testImages: npyUint8([2, 6, 8, 3], new Uint8Array(288)), testLabels: npyUint8([2], [0, 1]) },
      'testImages',
      /images are 6x8x3, but trainImages are 8x6x3/,
    ],
    [
      'file over the limit',
      { name: 'x', classes: '4' },
      { trainImages: npyUint8([LIMIT + 1], new Uint8Array(LIMIT + 1)), trainLabels: labels },
      'trainImages',
      new RegExp(`over the limit of ${LIMIT} bytes`),
    ],
    ['a gzip bomb', { name: 'x', classes: '4' }, { trainImages: bomb, trainLabels: labels }, 'trainImages', new RegExp(`decompresses to more than the limit of ${LIMIT} bytes`)],
    [
      'unsupported dtype',
      { name: 'x', classes: '4' },
      { trainImages: npyBytes('<f8', [40, 8, 6], new Uint8Array(40 * 48 * 8)), trainLabels: labels },
      'trainImages',
      /unsupported dtype '<f8'/,
    ],
    ['no class count', { name: 'x' }, good(), 'classes', /required/],
    ['a built-in name', { name: 'mnist', classes: '4' }, good(), 'name', /built-in dataset/],
    ['a bad fraction', { name: 'x', classes: '4', validationFraction: '1.5' }, good(), 'validationFraction', /fraction in \(0, 1\)/],
    ['an unknown file field', { name: 'x', classes: '4' }, { ...good(), extraImages: labels }, 'extraImages', /not a dataset file/],
    ['no training images', { name: 'x', classes: '4' }, {}, 'trainImages', /required/],
  ];
  for (const [label, fields, files, field, reason] of cases) {
    test(label, async () => {
      const before = await stored();
      const res = await upload(fields, files);
      assert.equal(res.statusCode, 400, res.body);
      const issue = res.json().error.issues[0];
      assert.equal(issue.field, field, res.body);
      assert.match(issue.reason, reason);
      assert.deepEqual(await stored(), before);
    });
  }

  test('a JSON body is refused as not multipart; a taken name is a 409', async () => {
    const json = await app.inject({ method: 'POST', url: '/datasets', payload: { name: 'x' } });
    assert.equal(json.statusCode, 400, json.body);
    assert.match(json.json().error.message, /multipart\/form-data/);
    const before = await stored();
    const taken = await upload({ name: 'bands', classes: '4' }, good());
    assert.equal(taken.statusCode, 409, taken.body);
    assert.deepEqual(await stored(), before);
  });
});

describe('a sweep names a dataset', () => {
  const sweep = (dataset: string, model: object = { kind: 'softmax' }) => ({ name: 'on bands', training: { maxEpochs: 1, dataset }, variants: [{ model }] });

  test('an unknown name is a 400 naming the field; nothing is created', async () => {
    const before = await db.sweep.count();
    const res = await app.inject({ method: 'POST', url: '/sweeps', payload: sweep('no-such-set') });
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(res.json().error.issues, [
      { field: 'training.dataset', reason: 'no dataset "no-such-set" in this project: upload it (POST /datasets) or use mnist or fashion-mnist' },
    ]);
    assert.equal(await db.sweep.count(), before);
  });

  test('a model that does not fit its images is a 400 naming the model field', async () => {
    const aug = await app.inject({ method: 'POST', url: '/sweeps', payload: sweep('bands', { kind: 'softmax', augmentation: { expansion: 1 } }) });
    assert.equal(aug.statusCode, 400, aug.body);
    assert.equal(aug.json().error.issues[0].field, 'variants.0.model.augmentation');
    assert.match(aug.json().error.issues[0].reason, /28x28x1 images; the dataset's are 8x6x3/);
    const big = await app.inject({ method: 'POST', url: '/sweeps', payload: sweep('bands', { kind: 'convnet', featureMaps: [4], filterSize: 7 }) });
    assert.equal(big.statusCode, 400, big.body);
    assert.equal(big.json().error.issues[0].field, 'variants.0.model.filterSize');
    assert.match(big.json().error.issues[0].reason, /filter 7x7 is larger than the 6x6 input/);
    // Augmentation on 28x28x1 float32 images: the right shape, the wrong dtype.
    const floats = await upload(
      { name: 'floats', classes: '2' },
      { trainImages: npyFloat32([10, 28, 28], new Array(7840).fill(0.5)), trainLabels: npyUint8([10], new Array(10).fill(1)) },
    );
    assert.equal(floats.statusCode, 201, floats.body);
    const augFloat = await app.inject({ method: 'POST', url: '/sweeps', payload: sweep('floats', { kind: 'softmax', augmentation: { expansion: 1 } }) });
    assert.equal(augFloat.statusCode, 400, augFloat.body);
    assert.deepEqual(augFloat.json().error.issues, [{ field: 'variants.0.model.augmentation', reason: "augmentation is defined for uint8 images; the dataset's are float32" }]);
    // A layer stack is checked against the dataset's 8x6 images, not MNIST's.
    const pool = await app.inject({ method: 'POST', url: '/sweeps', payload: sweep('bands', { kind: 'layers', layers: [{ type: 'maxPool', size: 7 }, { type: 'flatten' }] }) });
    assert.equal(pool.statusCode, 400, pool.body);
    assert.equal(pool.json().error.issues[0].field, 'variants.0.model.layers.0.size');
    assert.match(pool.json().error.issues[0].reason, /a 7x7 pool is larger than its 8x6 input/);
  });

  test('while a sweep names it, DELETE is a 409 and the dataset stays; once the sweep is gone it is deleted with its blob', async () => {
    const created = await app.inject({ method: 'POST', url: '/sweeps', payload: sweep('bands') });
    assert.equal(created.statusCode, 201, created.body);
    const d = (await app.inject({ method: 'GET', url: '/datasets/bands' })).json();
    assert.equal(d.sweeps, 1);
    const refused = await app.inject({ method: 'DELETE', url: '/datasets/bands' });
    assert.equal(refused.statusCode, 409, refused.body);
    assert.match(refused.json().error.message, new RegExp(`dataset "bands" is used by sweep ${created.json().id}`));
    assert.ok((await stored()).files.includes(`${d.sha256}.msds`));
    await deleteSweep(db, created.json().id);
    const deleted = await app.inject({ method: 'DELETE', url: `/datasets/${d.id}` });
    assert.equal(deleted.statusCode, 200, deleted.body);
    assert.deepEqual(deleted.json(), { id: d.id, name: 'bands', deleted: true });
    assert.ok(!(await stored()).files.includes(`${d.sha256}.msds`), 'the blob no other dataset names is removed');
    assert.equal((await app.inject({ method: 'GET', url: '/datasets/bands' })).statusCode, 404);
  });

  test('deleting one of two datasets with the same content keeps the shared blob', async () => {
    const a = (await app.inject({ method: 'GET', url: '/datasets/bands-idx' })).json();
    assert.equal((await app.inject({ method: 'DELETE', url: '/datasets/bands-idx' })).statusCode, 200);
    assert.ok((await stored()).files.includes(`${a.sha256}.msds`));
  });
});

test('under ARTIFACT_STORE=postgres a dataset blob is a row, once per content', async () => {
  const pg = await createTestApp('datasets-pg', {}, { artifacts: artifacts('postgres', join(dir, 'unused')) });
  try {
    const first = await upload({ name: 'a', classes: '4' }, good(), pg.app);
    const second = await upload({ name: 'b', classes: '4' }, good(), pg.app);
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().storage, 'postgres');
    assert.equal(second.json().sha256, first.json().sha256);
    assert.equal(await pg.database.db.datasetBlob.count(), 1);
    assert.equal((await pg.app.inject({ method: 'DELETE', url: '/datasets/a' })).statusCode, 200);
    assert.equal(await pg.database.db.datasetBlob.count(), 1, 'b still names it');
    assert.equal((await pg.app.inject({ method: 'DELETE', url: '/datasets/b' })).statusCode, 200);
    assert.equal(await pg.database.db.datasetBlob.count(), 0);
  } finally {
    await pg.close();
  }
});
