import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PNG } from 'pngjs';
import { resolveTraining } from '@modelspace/core';
import {
  applyRetention,
  decodeImages,
  LAYERS_FILE,
  loadArtifactConfig,
  MAX_PREDICT_IMAGES,
  packArchive,
  readArtifact,
  saveArtifact,
  sha256,
  unpackArchive,
  type ArtifactConfig,
} from '@modelspace/artifacts';
import { createTestDatabase, type TestDatabase } from '../support/services.ts';

// The artifact store against a real Postgres and a real directory: no training here, the
// bytes are arbitrary (the model side is tested in packages/trainer and test/e2e).
let database: TestDatabase;
let dir: string;
before(async () => {
  database = await createTestDatabase('artifacts');
  dir = mkdtempSync(join(tmpdir(), 'artifacts-'));
});
after(async () => {
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const config = (over: Partial<ArtifactConfig> = {}): ArtifactConfig => ({ ...loadArtifactConfig({ ARTIFACT_DIR: dir }), ...over });

/** A sweep with finished trials whose val errors are `errors`, in trial order. */
async function sweepWithTrials(errors: number[], status: 'completed' | 'pruned' = 'completed') {
  const sweepId = randomUUID();
  await database.db.sweep.create({ data: { id: sweepId, name: 's', method: 'grid', spec: {}, objective: 'valError', goal: 'minimize' } });
  const ids = errors.map(() => randomUUID());
  await database.db.trial.createMany({
    data: errors.map((e, index) => ({
      id: ids[index]!,
      sweepId,
      index,
      name: `t${index}`,
      variantHash: `h${index}`,
      model: { kind: 'softmax' },
      training: resolveTraining({ trainSubset: 100, valSubset: 50, testSubset: 60 }) as object,
      status,
      bestValError: e,
      testError: e + 0.01,
      bestEpoch: 1,
      epochsRun: 2,
      backend: 'wasm',
    })),
  });
  return { sweepId, ids };
}

const input = (trialId: string, bytes = 64) => ({
  trialId,
  modelJson: { format: 'layers-model', modelTopology: { n: 1 }, weightsManifest: [{ paths: ['weights.bin'], weights: [] }] },
  weights: Uint8Array.from({ length: bytes }, (_, i) => (i * 7 + trialId.charCodeAt(0)) % 256),
  inputSide: 28,
});

describe('artifact store', () => {
  test('directory storage writes model.json, weights.bin and metadata.json and reads them back checksum-verified', async () => {
    const { sweepId, ids } = await sweepWithTrials([0.1]);
    const saved = await saveArtifact({ db: database.db, config: config() }, input(ids[0]!));
    assert.equal(saved?.storage, 'directory');
    const folder = join(dir, sweepId, ids[0]!);
    const weights = readFileSync(join(folder, 'weights.bin'));
    assert.equal(saved?.sha256, sha256(weights));
    const metadata = JSON.parse(readFileSync(join(folder, 'metadata.json'), 'utf8'));
    assert.equal(metadata.metrics.bestValError, 0.1);
    assert.deepEqual(metadata.dataSplit.validation, { file: 'train-images-idx3-ubyte', from: 50_000, count: 50 });
    assert.equal(metadata.training.testSubset, 60);
    assert.deepEqual(metadata.variant, { kind: 'softmax' });
    const back = await readArtifact({ db: database.db, config: config() }, ids[0]!);
    assert.deepEqual(Buffer.from(back.weights), weights);
    assert.deepEqual(back.modelJson, input(ids[0]!).modelJson);
  });

  test('a weights file changed on disk is refused, naming the checksum', async () => {
    const { sweepId, ids } = await sweepWithTrials([0.2]);
    await saveArtifact({ db: database.db, config: config() }, input(ids[0]!));
    writeFileSync(join(dir, sweepId, ids[0]!, 'weights.bin'), Buffer.from('tampered'));
    await assert.rejects(readArtifact({ db: database.db, config: config() }, ids[0]!), (err: any) => err.code === 'UNAVAILABLE' && /sha256/.test(err.message));
  });

  test('postgres storage keeps small weights in the row and writes no files; large ones still go to the directory', async () => {
    const { sweepId, ids } = await sweepWithTrials([0.1, 0.2]);
    const pg = config({ store: 'postgres', postgresMaxBytes: 100 });
    assert.equal((await saveArtifact({ db: database.db, config: pg }, input(ids[0]!, 100)))?.storage, 'postgres');
    assert.equal(existsSync(join(dir, sweepId, ids[0]!)), false);
    assert.deepEqual((await readArtifact({ db: database.db, config: pg }, ids[0]!)).weights, input(ids[0]!, 100).weights);
    assert.equal((await saveArtifact({ db: database.db, config: pg }, input(ids[1]!, 101)))?.storage, 'directory');
    assert.equal(existsSync(join(dir, sweepId, ids[1]!, 'weights.bin')), true);
  });

  test('retention keeps the best K trials of the sweep (completed before pruned) and deletes the rest, rows and files', async () => {
    const { sweepId, ids } = await sweepWithTrials([0.3, 0.1, 0.5, 0.2, 0.1]);
    const pruned = await sweepWithTrials([0.01], 'pruned');
    // A pruned trial of another sweep must not count; move it into this sweep.
    await database.db.trial.update({ where: { id: pruned.ids[0]! }, data: { sweepId, index: 99, variantHash: 'p' } });
    const c = config({ keep: 3 });
    for (const id of [...ids, pruned.ids[0]!]) await saveArtifact({ db: database.db, config: c }, input(id));
    const dropped = await applyRetention({ db: database.db, config: c }, sweepId);
    // Best: 0.1 (index 1), 0.1 (index 4, the tie goes to the earlier trial), 0.2 (index 3).
    const kept = [ids[1]!, ids[4]!, ids[3]!];
    assert.deepEqual(new Set(dropped), new Set([ids[0]!, ids[2]!, pruned.ids[0]!]));
    const rows = await database.db.artifact.findMany({ where: { sweepId }, select: { trialId: true } });
    assert.deepEqual(new Set(rows.map((r) => r.trialId)), new Set(kept));
    for (const id of kept) assert.equal(existsSync(join(dir, sweepId, id, 'weights.bin')), true);
    for (const id of dropped) assert.equal(existsSync(join(dir, sweepId, id)), false);
    await assert.rejects(readArtifact({ db: database.db, config: c }, ids[0]!), (err: any) => err.code === 'NOT_FOUND');
    assert.deepEqual(await applyRetention({ db: database.db, config: c }, sweepId), [], 'a second pass removes nothing');
  });

  test('the archive holds model.json, weights.bin, metadata.json and the layer registration module', async () => {
    const { ids } = await sweepWithTrials([0.1]);
    await saveArtifact({ db: database.db, config: config() }, input(ids[0]!));
    const stored = await readArtifact({ db: database.db, config: config() }, ids[0]!);
    const files = await unpackArchive(await packArchive(stored));
    assert.deepEqual([...files.keys()].sort(), [LAYERS_FILE, 'metadata.json', 'model.json', 'weights.bin'].sort());
    assert.deepEqual(new Uint8Array(files.get('weights.bin')!), new Uint8Array(stored.weights));
    assert.equal(JSON.parse(files.get('metadata.json')!.toString()).weights.sha256, stored.sha256);
    assert.match(files.get(LAYERS_FILE)!.toString(), /export function registerModelspaceLayers/);
  });
});

describe('predict images', () => {
  const flat = (v: number) => Array.from({ length: 784 }, () => v);
  const png = (width: number, height: number, rgba: (p: number) => [number, number, number, number]) => {
    const image = new PNG({ width, height });
    for (let p = 0; p < width * height; p++) image.data.set(rgba(p), p * 4);
    return PNG.sync.write(image).toString('base64');
  };
  const problem = (body: unknown) => {
    try {
      decodeImages(body);
    } catch (err: any) {
      assert.equal(err.code, 'INVALID_REQUEST');
      return err.issues as { field: string; reason: string }[];
    }
    assert.fail('accepted a bad body');
  };

  test('arrays (flat or 28 rows) and PNGs (grey, colour, transparent) decode to the same bytes', () => {
    const rows = Array.from({ length: 28 }, (_, y) => Array.from({ length: 28 }, (_, x) => (x + y * 28) % 256));
    const grey = png(28, 28, (p) => [p % 256, p % 256, p % 256, 255]);
    const half = png(28, 28, (p) => [p % 256, p % 256, p % 256, 128]); // over black: about half as bright
    const d = decodeImages({ images: [rows.flat(), rows, grey, `data:image/png;base64,${grey}`, half] });
    assert.equal(d.count, 5);
    const img = (i: number) => Array.from(d.pixels.subarray(i * 784, (i + 1) * 784));
    for (const i of [1, 2, 3]) assert.deepEqual(img(i), img(0));
    assert.deepEqual(
      img(4),
      img(0).map((v) => Math.round((v * 128) / 255)),
    );
  });

  test('wrong size, not an image, bad pixels and too many images each get a reason naming the image', () => {
    assert.deepEqual(problem({ images: [flat(0), flat(0).slice(1)] }), [{ field: 'images.1', reason: 'has 783 values, expected 784 (28x28)' }]);
    assert.deepEqual(problem({ images: [png(27, 28, () => [0, 0, 0, 255])] }), [{ field: 'images.0', reason: 'is 27x28, expected 28x28' }]);
    assert.deepEqual(problem({ images: [Buffer.from('GIF89a not a png').toString('base64')] }), [{ field: 'images.0', reason: 'is not an image: expected a base64 PNG' }]);
    assert.match(problem({ images: ['%%%'] })[0]!.reason, /not base64/);
    assert.deepEqual(problem({ images: [[...flat(0).slice(1), 256]] }), [{ field: 'images.0', reason: 'pixel 783 is 256, expected an integer 0..255' }]);
    assert.match(problem({ images: [Array.from({ length: 28 }, () => flat(0).slice(0, 27))] })[0]!.reason, /row 0 has 27 values/);
    assert.deepEqual(problem({ images: Array.from({ length: MAX_PREDICT_IMAGES + 1 }, () => flat(0)) }), [
      { field: 'images', reason: `too many images: ${MAX_PREDICT_IMAGES + 1}, at most ${MAX_PREDICT_IMAGES} per request` },
    ]);
    assert.equal(problem({ images: [] })[0]!.field, 'images');
    assert.equal(problem({ pictures: [] })[0]!.field, 'pictures');
    assert.equal(problem([1, 2])[0]!.field, '(body)');
  });
});
