// `npm run bench -- scaleout [TRIALS]`: real training scale-out. The same sweep of small
// real MNIST trials (TensorFlow.js on the worker's usual backend) runs with 1, then 2
// worker processes (WORKER_CONCURRENCY=1 each); trials/s and samples/s of each, and their
// ratio (goal ≥ 1.8x on 2 cores). The load average is printed beside the figures: other
// work on the machine takes cores from the second worker first.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { benchStack, withStack } from '../test/support/stack.ts';

const TRIALS = Number(process.argv[2] ?? 8);
// Trials long enough (several seconds each) that training, not each worker's start-up and
// per-trial bookkeeping, is what is measured.
const TRAINING = { maxEpochs: 3, trainSubset: 6000, valSubset: 1000, testSubset: 1000, batchSize: 32, learningRate: 0.05 };
const r2 = (x: number) => Math.round(x * 100) / 100;
const load = () => loadavg().map((x) => r2(x));

interface Run {
  workers: number;
  /** CPU-seconds the worker processes (all their threads) used during the sweep, per trial. */
  workerCpuPerTrial: number;
  /** Sum of the trials' own training time (Trial.durationMs), per trial. */
  trainingSecondsPerTrial: number;
  seconds: number;
  trialsPerSec: number;
  samplesPerSec: number;
  loadBefore: number[];
  loadAfter: number[];
  backends: string[];
}

async function run(workers: number): Promise<Run> {
  return withStack(benchStack({ label: 'scaleout', workers, concurrency: 1, readyTimeoutMs: 120_000 }), async ({ api, database: { db }, workers: procs }) => {
    const apiUrl = api.url;
    const loadBefore = load();
    const cpuBefore = procs.map((p) => cpuSeconds(p.child.pid!));
    const t0 = performance.now();
    const res = await fetch(`${apiUrl}/sweeps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: `scaleout ${workers}`,
        training: TRAINING,
        // Same model, different seeds: every trial costs the same.
        variants: Array.from({ length: TRIALS }, (_, i) => ({
          name: `t${i}`,
          model: { kind: 'convnet', activation: 'relu', featureMaps: [32, 64], filterSize: 5, denseUnits: 128 },
          training: { seed: i + 1 },
        })),
      }),
    });
    if (res.status !== 201) throw new Error(`POST /sweeps: ${res.status} ${await res.text()}`);
    const { id } = (await res.json()) as { id: string };
    const deadline = Date.now() + Number(process.env.SCALEOUT_TIMEOUT_S ?? 900) * 1000;
    for (;;) {
      if (Date.now() > deadline) {
        const states = await db.trial.groupBy({ by: ['status'], where: { sweepId: id }, _count: { _all: true } });
        throw new Error(`the sweep did not finish in time: ${JSON.stringify(states)}\n${procs.map((p) => p.output().slice(-2000)).join('\n---\n')}`);
      }
      const s = await db.sweep.findUnique({ where: { id }, select: { status: true } });
      if (s && ['completed', 'failed', 'cancelled'].includes(s.status)) {
        if (s.status !== 'completed') throw new Error(`sweep ${s.status}`);
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const seconds = (performance.now() - t0) / 1000;
    const workerCpu = procs.reduce((sum, p, i) => sum + cpuSeconds(p.child.pid!) - cpuBefore[i]!, 0);
    const trials = await db.trial.findMany({ where: { sweepId: id }, select: { backend: true, workerId: true, durationMs: true } });
    if (new Set(trials.map((t) => t.workerId)).size !== workers) throw new Error(`trials ran on ${new Set(trials.map((t) => t.workerId)).size} of ${workers} workers`);
    const samples = TRIALS * TRAINING.trainSubset * TRAINING.maxEpochs;
    return {
      workers,
      workerCpuPerTrial: r2(workerCpu / TRIALS),
      trainingSecondsPerTrial: r2(trials.reduce((sum, t) => sum + (t.durationMs ?? 0), 0) / 1000 / TRIALS),
      seconds: r2(seconds),
      trialsPerSec: r2(TRIALS / seconds),
      samplesPerSec: Math.round(samples / seconds),
      loadBefore,
      loadAfter: load(),
      backends: [...new Set(trials.map((t) => t.backend ?? '?'))],
    };
  });
}

/** utime + stime of a process (every thread), from /proc: what it cost, whatever the machine's load. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks (USER_HZ = 100)
}

const one = await run(1);
const two = await run(2);
const ratio = r2(two.trialsPerSec / one.trialsPerSec);
for (const r of [one, two]) {
  console.log(
    `${r.workers} worker process(es): ${TRIALS} trials in ${r.seconds} s = ${r.trialsPerSec} trials/s, ${r.samplesPerSec} samples/s` +
      ` (backend ${r.backends.join(', ')}; load average ${r.loadBefore.join(' ')} before, ${r.loadAfter.join(' ')} after);` +
      ` per trial: ${r.trainingSecondsPerTrial} s of training (its own clock), ${r.workerCpuPerTrial} CPU-s in the worker process`,
  );
}
console.log(`scale-out ratio, 2 workers over 1: ${ratio}x (goal ≥ 1.8x on 2 cores)`);
console.log(
  JSON.stringify({
    bench: 'scaleout',
    trials: TRIALS,
    training: TRAINING,
    one_worker_trials_per_s: one.trialsPerSec,
    two_workers_trials_per_s: two.trialsPerSec,
    one_worker_samples_per_s: one.samplesPerSec,
    two_workers_samples_per_s: two.samplesPerSec,
    ratio,
    training_s_per_trial: { one: one.trainingSecondsPerTrial, two: two.trainingSecondsPerTrial },
    worker_cpu_s_per_trial: { one: one.workerCpuPerTrial, two: two.workerCpuPerTrial },
    backends: [...new Set([...one.backends, ...two.backends])],
    load_before: { one: one.loadBefore, two: two.loadBefore },
    load_after: { one: one.loadAfter, two: two.loadAfter },
  }),
);
