// `npm run bench -- time-to-accuracy [--quick] [--method tpe|walk] [--target 0.005] [--timeout-min N] [--export PREFIX]`:
// how fast modelspace finds, by itself, a model at or below a test error on the full MNIST
// data. A search over the seed's model space (TPE or the walk, with ASHA pruning) is submitted
// through the API to one worker process with two training threads; the bench reports the wall
// time from POST /sweeps to the end of the first trial whose test error is at or below the
// target, and every trial it took. The search itself is steered by validation error (the
// objective); the test error is only read, as a researcher reads the results table.
//
// Full version (the seed's 0.5%): 50,000 training images with x4 augmentation in the space, 12
// epochs annealed along a cosine (a constant rate leaves the error bouncing; see
// docs/reproduction.md), ASHA. `--quick` targets 1.0% with 50,000 unaugmented images and 3
// epochs at a constant rate: minutes. `--export PREFIX` writes the sweep's results before the
// bench's database goes: PREFIX.json (every trial with its learning curve), PREFIX.csv, PREFIX.md.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { FINISHED_SWEEP_STATES } from '@modelspace/core';
import { benchStack, withStack } from '../test/support/stack.ts';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    method: { type: 'string', default: 'tpe' },
    target: { type: 'string' },
    'timeout-min': { type: 'string' },
    export: { type: 'string' },
  },
});
if (args.method !== 'tpe' && args.method !== 'walk') throw new Error(`--method must be tpe or walk, not ${args.method}`);
const quick = args.quick;
const target = Number(args.target ?? (quick ? 0.01 : 0.005));
const timeoutMs = Number(args['timeout-min'] ?? (quick ? 30 : 240)) * 60_000;
const r2 = (x: number) => Math.round(x * 100) / 100;
const load = () => loadavg().map(r2);

/**
 * The seed's space (activation, pooling type and overlap, dropout placement, augmentation in the
 * full version) plus the learning rate, on the seed's 64-64 maps and 128 dense units; batch 32,
 * which costs a sample about what batch 8 does on the native step and lets the rate be searched.
 * The walk starts from the seed's ReLU/max baseline (its model 3).
 */
function sweepDefinition() {
  const parameters: Record<string, unknown> = {
    'model.activation': { values: ['relu', 'tanh'], start: 'relu' },
    'model.pooling.type': { values: ['max', 'l2'], start: 'max' },
    'model.pooling.size': { values: [2, 3], start: 2 },
    'model.dropout.placement': { values: ['none', 'one-fc', 'all-fc'], start: 'one-fc' },
    'training.learningRate': { type: 'loguniform', min: 0.005, max: 0.08, factor: 2, start: 0.02 },
  };
  if (!quick) parameters['model.augmentation'] = { values: [null, { expansion: 4, maxRotation: 20 }], start: { expansion: 4, maxRotation: 20 } };
  return {
    name: `time to ${target * 100}% test error (${args.method}${quick ? ', quick' : ''})`,
    method: args.method,
    objective: { metric: 'valError' },
    training: {
      maxEpochs: quick ? 3 : 12,
      // A cosine run does its best work in its last epochs: patience would cut it short (ASHA prunes instead).
      patience: quick ? 3 : 12,
      ...(quick ? {} : { schedule: { type: 'cosine', warmupEpochs: 0.5 } }),
      batchSize: 32,
      momentum: 0.9,
      trainSubset: 50000,
      valSubset: 10000,
      testSubset: 10000,
      seed: 1,
    },
    budget: { maxTrials: quick ? 12 : 30, maxConcurrentTrials: 2 },
    pruner: { type: 'asha', minEpochs: 1, reductionFactor: 3 },
    search: { seed: 1, startupTrials: 4 },
    space: {
      base: { model: { kind: 'convnet', featureMaps: [64, 64], filterSize: 5, denseUnits: 128 } },
      parameters,
    },
  };
}

interface TrialRow {
  index: number;
  name: string;
  status: string;
  testError: number | null;
  bestValError: number | null;
  epochsRun: number | null;
  durationMs: number | null;
  finishedAt: string | null;
}

/** A GET that rides out the API's documented 503s (an outage it asks clients to retry after). */
async function getJson<T>(url: string, attempts = 10): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(url);
    if (res.ok) return (await res.json()) as T;
    const body = await res.text();
    if (res.status !== 503 || attempt >= attempts) throw new Error(`GET ${url}: ${res.status} ${body}`);
    console.log(`GET ${url}: 503 (${body.slice(0, 120)}); retrying`);
    await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 1)));
  }
}

const result = await withStack(benchStack({ label: 'tta', workers: 1, concurrency: 2, readyTimeoutMs: 120_000 }), async ({ api: { url } }) => {
  const loadBefore = load();
  const t0 = performance.now();
  const posted = Date.now();
  const res = await fetch(`${url}/sweeps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sweepDefinition()) });
  if (res.status !== 201) throw new Error(`POST /sweeps: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  let hit: TrialRow | null = null;
  let sweepStatus = 'running';
  while (!hit) {
    if (performance.now() - t0 > timeoutMs) break;
    await new Promise((r) => setTimeout(r, 1000));
    const { items } = await getJson<{ items: TrialRow[] }>(`${url}/sweeps/${id}/trials?status=completed&limit=1000`);
    hit = items.filter((t) => t.testError != null && t.testError <= target).sort((a, b) => Date.parse(a.finishedAt!) - Date.parse(b.finishedAt!))[0] ?? null;
    sweepStatus = (await getJson<{ status: string }>(`${url}/sweeps/${id}`)).status;
    if (!hit && (FINISHED_SWEEP_STATES as readonly string[]).includes(sweepStatus)) break;
  }
  const seconds = hit ? (Date.parse(hit.finishedAt!) - posted) / 1000 : null;
  await fetch(`${url}/sweeps/${id}/cancel`, { method: 'POST' });
  if (args.export) await exportSweep(url, id, args.export);
  const { items: trials } = await getJson<{ items: TrialRow[] }>(`${url}/sweeps/${id}/trials?limit=1000&sort=index&order=asc`);
  return { seconds, hit, trials, sweepStatus, loadBefore, loadAfter: load() };
});

/** The project's own exports of the sweep (as `modelspace export` writes them), saved under `prefix`. */
async function exportSweep(url: string, id: string, prefix: string): Promise<void> {
  for (const [path, ext] of [
    ['trials.json', 'json'],
    ['trials.csv', 'csv'],
    ['table.md', 'md'],
  ] as const) {
    const res = await fetch(`${url}/sweeps/${id}/${path}`);
    if (!res.ok) throw new Error(`GET /sweeps/${id}/${path}: ${res.status} ${await res.text()}`);
    writeFileSync(`${prefix}.${ext}`, await res.text());
  }
  console.log(`exported the sweep to ${prefix}.{json,csv,md}`);
}

const pct = (v: number | null) => (v == null ? 'n/a' : `${(v * 100).toFixed(2)}%`);
console.log(
  `target: test error ≤ ${pct(target)} (${args.method}, ASHA, ${quick ? 'quick' : 'full'}); load average ${result.loadBefore.join(' ')} before, ${result.loadAfter.join(' ')} after`,
);
for (const t of result.trials) {
  console.log(
    `  #${t.index + 1} ${t.status.padEnd(9)} test ${pct(t.testError).padStart(6)}  val ${pct(t.bestValError).padStart(6)}  ` +
      `epochs ${t.epochsRun ?? 0}  ${r2((t.durationMs ?? 0) / 1000)} s  ${t.name}`,
  );
}
console.log(
  result.hit
    ? `first trial at or below ${pct(target)}: #${result.hit.index + 1} (${pct(result.hit.testError)}), ${r2(result.seconds!)} s after POST /sweeps`
    : `no trial reached ${pct(target)} (sweep ${result.sweepStatus}, ${result.trials.length} trials)`,
);
console.log(
  JSON.stringify({
    bench: 'time-to-accuracy',
    quick,
    method: args.method,
    target,
    seconds_to_target: result.seconds == null ? null : r2(result.seconds),
    hit_trial: result.hit ? { index: result.hit.index + 1, name: result.hit.name, test_error: result.hit.testError } : null,
    trials: result.trials.map((t) => ({
      index: t.index + 1,
      status: t.status,
      test_error: t.testError,
      val_error: t.bestValError,
      epochs: t.epochsRun,
      seconds: r2((t.durationMs ?? 0) / 1000),
    })),
    load_before: result.loadBefore,
    load_after: result.loadAfter,
  }),
);
if (!result.hit) process.exitCode = 1;
