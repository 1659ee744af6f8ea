// `npm run bench -- overhead [TRIALS]`: the scheduling overhead of modelspace around
// training, with a trivial trainer (bench/trivial-trainer.ts), against raw BullMQ on the
// same Redis in the same run.
//  - latency: a one-trial sweep at a time; enqueue (the BullMQ job's timestamp) → training
//    start, and training end → the next trial's start within a sweep (from the trials'
//    timestamps), p50/p99;
//  - throughput: trials/s through the whole path (POST → queue → worker → Postgres) with
//    1, 2 and 4 worker processes (concurrency 1 each), then 1 and 2 processes with 8 slots
//    each (the trivial trainer needs no core, so slots show what the path itself sustains);
//  - command trials: a trivial node program per trial, enqueue → program start and where the
//    time goes, and trials/s with one worker of 8 slots;
//  - baseline: raw BullMQ add + process of no-op jobs.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg, tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Job, Queue, Worker } from 'bullmq';
import type { createDb } from '@modelspace/db';
import { createRedis, TRIAL_QUEUE, trialLaneName } from '@modelspace/queue';
import { REDIS_URL } from '../test/support/services.ts';
import { benchStack, withStack } from '../test/support/stack.ts';

// Enough trials that the rate is sustained, not the ramp-up of the first few hundred.
const TRIALS = Number(process.argv[2] ?? 1000);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const r1 = (x: number) => Math.round(x * 10) / 10;

/** `fn` on a stack of `workers` overhead workers with `concurrency` slots each: the API's URL, a database client, the Redis prefix. */
const onStack = <T>(workers: number, concurrency: number, fn: (stack: { url: string; db: ReturnType<typeof createDb>; prefix: string }) => Promise<T>) =>
  withStack(benchStack({ label: 'bench', entry: 'bench/overhead-worker.ts', workers, concurrency, readyTimeoutMs: 60_000 }), (s) =>
    fn({ url: s.api.url, db: s.database.db, prefix: s.redis.prefix }),
  );

async function postSweep(url: string, n: number, label: string, model: object = { kind: 'softmax' }) {
  const res = await fetch(`${url}/sweeps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: label,
      training: { maxEpochs: 1 },
      variants: Array.from({ length: n }, (_, i) => ({ name: `t${i}`, model, training: { seed: i + 1 } })),
    }),
  });
  if (res.status !== 201) throw new Error(`POST /sweeps: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

async function waitDone(db: ReturnType<typeof createDb>, sweepId: string) {
  for (;;) {
    const s = await db.sweep.findUnique({ where: { id: sweepId }, select: { status: true } });
    if (s && ['completed', 'failed', 'cancelled'].includes(s.status)) return s.status;
    await new Promise((r) => setTimeout(r, 20));
  }
}

// OVERHEAD_CONFIGS=latency,1x8,2x8 runs only those parts (latency; throughput configurations), for profiling.
const only = process.env.OVERHEAD_CONFIGS?.split(',');

// Latency: one-trial sweeps, one at a time, one worker.
const latency =
  only && !only.includes('latency')
    ? { toStart: [], fromCreate: [], gaps: [] }
    : await onStack(1, 1, async ({ url, db, prefix }) => {
        // Enqueue: the job's own timestamp (BullMQ sets it when the job is added, after the
        // sweep's transaction committed). The trial row's creation, inside that transaction, is
        // printed too: it adds the rest of POST /sweeps.
        const connection = createRedis(REDIS_URL, 'producer');
        const queue = new Queue(TRIAL_QUEUE, { connection, prefix });
        const toStart: number[] = [];
        const fromCreate: number[] = [];
        for (let i = 0; i < 40; i++) {
          const sweepId = await postSweep(url, 1, `latency ${i}`);
          await waitDone(db, sweepId);
          const t = await db.trial.findFirstOrThrow({ where: { sweepId } });
          const job = await Job.fromId(queue, t.id);
          if (!job) throw new Error(`no job for trial ${t.id}`);
          if (i < 5) continue; // warm-up
          toStart.push(t.startedAt!.getTime() - job.timestamp);
          fromCreate.push(t.startedAt!.getTime() - t.createdAt.getTime());
        }
        await queue.close();
        connection.disconnect();
        // End → next start, within one sweep run by one worker.
        const sweepId = await postSweep(url, 60, 'gaps');
        await waitDone(db, sweepId);
        const trials = await db.trial.findMany({ where: { sweepId }, orderBy: { startedAt: 'asc' } });
        const gaps = trials.slice(1).map((t, i) => t.startedAt!.getTime() - trials[i]!.finishedAt!.getTime());
        return { toStart, fromCreate, gaps };
      });

// Throughput through the whole path with 1, 2, 4 worker processes, then with 8 slots each.
const throughput: Record<string, number> = {};
const configs = (
  [
    [1, 1],
    [2, 1],
    [4, 1],
    [1, 8],
    [2, 8],
  ] as const
).filter(([n, slots]) => !only || only.includes(`${n}x${slots}`));
for (const [n, slots] of configs) {
  throughput[slots === 1 ? n : `${n}x${slots}`] = await onStack(n, slots, async ({ url, db }) => {
    const t0 = performance.now();
    const sweepId = await postSweep(url, TRIALS, `throughput ${n}`);
    const status = await waitDone(db, sweepId);
    if (status !== 'completed') throw new Error(`sweep ${status}`);
    return TRIALS / ((performance.now() - t0) / 1000);
  });
}

// Command trials (docs/programs.md): the same path with a real program per trial, a trivial
// node program that records when its process started and when its code ran, then reports one
// epoch: enqueue → program start (one at a time), and trials/s with one worker of 8 slots.
const COMMAND_TRIALS = Math.min(TRIALS, 400);
const command = only && !only.includes('command') ? null : await commandTrials();

async function commandTrials() {
  const dir = mkdtempSync(join(tmpdir(), 'modelspace-bench-programs-'));
  const startsFile = join(dir, 'starts.txt');
  const programs = join(dir, 'programs.yaml');
  // The same trivial program in node (timed, see above) and in sh (what the path costs when the program's own start is nearly free).
  const shReport = `printf '%s\\n' '{"type":"epoch","epoch":1,"valError":0.5,"valLoss":1,"trainLoss":1}' >&3`;
  writeFileSync(
    programs,
    JSON.stringify({
      programs: {
        trivial: { argv: [process.execPath, fileURLToPath(new URL('programs/trivial-timed.mjs', import.meta.url))], env: { BENCH_STARTS_FILE: startsFile } },
        'trivial-sh': { argv: ['/bin/sh', '-c', shReport] },
      },
    }),
  );
  const onCommandStack = <T>(slots: number, fn: (s: { url: string; db: ReturnType<typeof createDb>; prefix: string }) => Promise<T>) => {
    const opts = benchStack({ label: 'bench-cmd', entry: 'bench/overhead-worker.ts', workers: 1, concurrency: slots, readyTimeoutMs: 60_000 });
    return withStack({ ...opts, env: { ...opts.env, WORKER_PROGRAMS: programs } }, (st) => fn({ url: st.api.url, db: st.database.db, prefix: st.redis.prefix }));
  };
  const program = { kind: 'program', program: 'trivial' };
  const latency = await onCommandStack(1, async ({ url, db, prefix }) => {
    const connection = createRedis(REDIS_URL, 'producer');
    const queue = new Queue(trialLaneName('cpu', 'trivial'), { connection, prefix });
    const rows: { job: number; claimed: number; processStart: number; codeRan: number; reported: number; finished: number }[] = [];
    for (let i = 0; i < 30; i++) {
      const sweepId = await postSweep(url, 1, `command latency ${i}`, program);
      await waitDone(db, sweepId);
      const t = await db.trial.findFirstOrThrow({ where: { sweepId }, include: { epochs: true } });
      const job = await Job.fromId(queue, t.id);
      const start = readFileSync(startsFile, 'utf8')
        .split('\n')
        .find((l) => l.startsWith(`${t.id} `));
      if (!job || !start) throw new Error(`trial ${t.id}: no job or no start record`);
      if (i < 5) continue; // warm-up
      const [, origin, ran] = start.split(' ').map(Number);
      rows.push({
        job: job.timestamp,
        claimed: t.startedAt!.getTime(),
        processStart: origin!,
        codeRan: ran!,
        reported: t.epochs[0]!.createdAt.getTime(),
        finished: t.finishedAt!.getTime(),
      });
    }
    await queue.close();
    connection.disconnect();
    return rows;
  });
  const perSec = (model: object) =>
    onCommandStack(8, async ({ url, db }) => {
      const t0 = performance.now();
      const sweepId = await postSweep(url, COMMAND_TRIALS, 'command throughput', model);
      const status = await waitDone(db, sweepId);
      if (status !== 'completed') throw new Error(`sweep ${status}`);
      return COMMAND_TRIALS / ((performance.now() - t0) / 1000);
    });
  const nodePerSec = await perSec(program);
  const shPerSec = await perSec({ kind: 'program', program: 'trivial-sh' });
  const p50 = (f: (r: (typeof latency)[number]) => number) => r1(pct(latency.map(f), 50));
  return {
    start_p50_ms: p50((r) => r.processStart - r.job),
    code_p50_ms: p50((r) => r.codeRan - r.job),
    claim_p50_ms: p50((r) => r.claimed - r.job),
    spawn_p50_ms: p50((r) => r.processStart - r.claimed),
    interpreter_p50_ms: p50((r) => r.codeRan - r.processStart),
    report_written_p50_ms: p50((r) => r.reported - r.codeRan),
    end_p50_ms: p50((r) => r.finished - r.reported),
    trials_per_s_1x8: r1(nodePerSec),
    sh_trials_per_s_1x8: r1(shPerSec),
  };
}

// Raw BullMQ on the same Redis: add TRIALS no-op jobs, process them with one worker.
const rawPrefix = `msbench-raw-${randomUUID().slice(0, 8)}`;
const rawConn = createRedis(REDIS_URL, 'worker');
// BullMQ leaves connections it was given open: both are closed below, or the process would not exit.
const rawWorkerConn = rawConn.duplicate();
const rawQueue = new Queue('raw', { connection: rawConn, prefix: rawPrefix });
let processed = 0;
let finish!: () => void;
const done = new Promise<void>((resolve) => (finish = resolve));
const rawWorker = new Worker(
  'raw',
  async () => {
    if (++processed === TRIALS) finish();
  },
  { connection: rawWorkerConn, prefix: rawPrefix, concurrency: 1 },
);
const tRaw = performance.now();
await rawQueue.addBulk(Array.from({ length: TRIALS }, (_, i) => ({ name: 'noop', data: { i } })));
await done;
await rawWorker.close();
const rawPerSec = TRIALS / ((performance.now() - tRaw) / 1000);
await rawQueue.obliterate({ force: true });
await rawQueue.close();
rawConn.disconnect();
rawWorkerConn.disconnect();

const figures = {
  bench: 'overhead',
  trials: TRIALS,
  p50_ms: pct(latency.toStart, 50),
  p99_ms: pct(latency.toStart, 99),
  from_trial_row_p50_ms: pct(latency.fromCreate, 50),
  from_trial_row_p99_ms: pct(latency.fromCreate, 99),
  next_start_p50_ms: pct(latency.gaps, 50),
  next_start_p99_ms: pct(latency.gaps, 99),
  trials_per_s: r1(Math.max(...Object.values(throughput))),
  trials_per_s_by_workers: Object.fromEntries(Object.entries(throughput).map(([k, v]) => [k, r1(v)])),
  raw_bullmq_jobs_per_s: r1(rawPerSec),
  command: command && { trials: COMMAND_TRIALS, ...command },
  load_average: loadavg().map(r1),
};
console.log(`enqueue → training start: p50 ${figures.p50_ms} ms, p99 ${figures.p99_ms} ms (one-trial sweeps, idle worker; goal p50 < 20 ms)`);
console.log(`trial row created (inside POST /sweeps) → training start: p50 ${figures.from_trial_row_p50_ms} ms, p99 ${figures.from_trial_row_p99_ms} ms`);
console.log(`training end → next trial start: p50 ${figures.next_start_p50_ms} ms, p99 ${figures.next_start_p99_ms} ms`);
for (const [n, v] of Object.entries(figures.trials_per_s_by_workers)) {
  const [procs, slots] = n.split('x');
  console.log(`whole path, ${procs} worker process(es), ${slots ?? 1} slot(s) each: ${v} trials/s (${TRIALS} trials)`);
}
console.log(`raw BullMQ add + no-op process, 1 worker: ${figures.raw_bullmq_jobs_per_s} jobs/s`);
if (command) {
  console.log(`command trials (a trivial node program): enqueue → program process start p50 ${command.start_p50_ms} ms (goal < 50), → its code running ${command.code_p50_ms} ms`);
  console.log(
    `  where it goes (p50): enqueue → claim ${command.claim_p50_ms} ms, claim → process start (folder, params file, spawn) ${command.spawn_p50_ms} ms, node's own start ${command.interpreter_p50_ms} ms, code → epoch row ${command.report_written_p50_ms} ms, epoch row → trial end ${command.end_p50_ms} ms`,
  );
  console.log(
    `  whole path, 1 worker process, 8 slots: ${command.trials_per_s_1x8} command trials/s with the node program, ${command.sh_trials_per_s_1x8} with the same in sh (${COMMAND_TRIALS} trials each; goal ≥ 50)`,
  );
}
console.log(`load average at the end: ${figures.load_average.join(' ')}`);
console.log(JSON.stringify(figures));
