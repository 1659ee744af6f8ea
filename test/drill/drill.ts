import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModelSpec, TrainingSettings } from '@modelspace/core';
import { createApiKey, createDb, migrate, withDatabase, type Db } from '@modelspace/db';
import { initBackend, loadMnist, trainTrial, type EpochReport } from '@modelspace/trainer';
import { createNetwork, type DrillNetwork, type Host } from './network.ts';
import { spawnOnHost, startPostgres, startRedis, type DrillService, type HostProcess } from './hosts.ts';
import { schedule, type Fault, type FaultKind } from './nemesis.ts';
import { checkDrill, groupBy, type DrillHistory, type DrillRows, type ReferenceCheck, type Violation } from './checker.ts';

/**
 * The multi-host fault drill (docs/deploy.md, "What survives what"): a database host
 * (Postgres and Redis of the drill's own), an API host and worker hosts, each a network
 * namespace on a bridge; real API and worker processes on them, taking every address from
 * their environment; real small sweeps; a seeded nemesis; then the checker over the final
 * database and the recorded history.
 */
export interface DrillOptions {
  seed: number;
  /** Times each fault kind is injected (a longer drill: more rounds). */
  rounds: number;
  workers: number;
  /** The workers' job lock (WORKER_LOCK_MS): partitions and pauses outlast it. */
  lockMs: number;
  /** Resumed trials compared with an uninterrupted training (each costs a training in this process). */
  references: number;
  /** Time the sweeps get to finish once the nemesis is done. */
  drainMs: number;
  /** Kinds left out. */
  without?: FaultKind[];
  /** The test suite's pace (nemesis.ts): shorter faults, closer together, fewer sweeps. */
  short?: boolean;
  /** Progress lines (stdout by default). */
  say?: (line: string) => void;
}

export interface DrillReport {
  ok: boolean;
  violations: Violation[];
  faults: Record<string, number>;
  trials: number;
  completed: number;
  sweeps: number;
  submissions: { acknowledged: number; refused: number; unanswered: number };
  claims: number;
  resumes: number;
  refusedLateWrites: number;
  referencesCompared: number;
  /** Seconds from a worker's SIGKILL to another worker claiming its trial. */
  pickupSeconds: number[];
  /** Seconds from the start of a partition or pause to another worker claiming the cut-off worker's trial. */
  takeoverSeconds: Record<string, number[]>;
  workersSeen: Array<{ id: string; hostname: string; address: string | null; backend: string | null }>;
  wallSeconds: number;
  seed: number;
}

const PG_PORT = 5432;
const REDIS_PORT = 6379;
const API_PORT = 3000;
/** Each worker reaches Postgres and Redis through its own link (link-proxy.mjs) on the database host. */
const linkPorts = (i: number) => ({ pg: 15431 + i, redis: 16371 + i });
const MODEL = { kind: 'convnet', activation: 'relu', featureMaps: [4, 8], filterSize: 5, denseUnits: 16 };
// Eight epochs of a few seconds: a trial outlasts a partition's lock expiry and take-over.
const TRAINING = { maxEpochs: 8, patience: 100, batchSize: 32, learningRate: 0.05, trainSubset: 1500, valSubset: 300, testSubset: 300 };
const FINAL_SWEEP = new Set(['completed', 'failed', 'stopped', 'cancelled']);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runDrill(opts: DrillOptions): Promise<DrillReport> {
  const say = opts.say ?? ((l: string) => console.log(l));
  const startedAt = Date.now();
  const workerNames = Array.from({ length: opts.workers }, (_, i) => `w${i + 1}`);
  const net = createNetwork(['db', 'api', ...workerNames]);
  const dir = mkdtempSync(join(tmpdir(), `modelspace-drill-${net.tag}-`));
  chmodSync(dir, 0o755); // Postgres runs as its own user and needs to reach its folder inside
  const logs = join(dir, 'logs');
  mkdirSync(logs);
  const processes: HostProcess[] = [];
  let pg: DrillService | null = null;
  let redis: DrillService | null = null;
  let db: Db | null = null;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    for (const p of processes) {
      p.signal('SIGCONT');
      p.signal('SIGKILL');
    }
    await Promise.all(processes.map((p) => p.exited));
    await db?.$disconnect().catch(() => {});
    await redis?.destroy().catch(() => {});
    await pg?.destroy().catch(() => {});
    net.teardown();
    if (!process.env.DRILL_KEEP) rmSync(dir, { recursive: true, force: true });
  };
  // Interrupted: leave no namespace, process or folder behind.
  const onSignal = (sig: NodeJS.Signals) => {
    say(`drill: ${sig}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    say(`drill: network ${net.tag} (${[...net.hosts.values()].map((h) => `${h.name} ${h.address}`).join(', ')}), logs in ${logs}`);
    const dbHost = net.host('db');
    const apiHost = net.host('api');
    pg = await startPostgres(dbHost, join(dir, 'postgres'), PG_PORT);
    redis = await startRedis(dbHost, join(dir, 'redis'), join(logs, 'redis.log'), REDIS_PORT);
    const dbUrl = (host: string, port: number) => withDatabase(`postgresql://postgres@${host}:${port}/postgres`, 'drill');
    const databaseUrl = dbUrl(dbHost.address, PG_PORT);
    await migrate(databaseUrl);
    db = createDb(databaseUrl, { poolSize: 3 });
    const { key } = await createApiKey(db, { project: 'default', role: 'write' });

    // The links: one per worker and service, on the database host.
    const routes = workerNames.flatMap((w, i) => [
      { link: `${w}-pg`, listenHost: dbHost.address, listenPort: linkPorts(i).pg, targetHost: dbHost.address, targetPort: PG_PORT },
      { link: `${w}-redis`, listenHost: dbHost.address, listenPort: linkPorts(i).redis, targetHost: dbHost.address, targetPort: REDIS_PORT },
    ]);
    const proxy = spawnOnHost(dbHost, 'links', [process.execPath, 'test/drill/link-proxy.mjs', JSON.stringify(routes)], {}, join(logs, 'links.log'));
    processes.push(proxy);
    await proxy.waitForLine(new RegExp(`link ${workerNames.at(-1)}-redis listening`), 10_000);

    const common = { QUEUE_PREFIX: 'drill', LOG_LEVEL: 'info' };
    let apiGeneration = 0;
    let api: HostProcess | null = null;
    const startApiProcess = async () => {
      const name = `api-${++apiGeneration}`;
      const p = spawnOnHost(
        apiHost,
        name,
        [process.execPath, '--import', 'tsx', 'apps/api/src/main.ts'],
        { ...common, DATABASE_URL: databaseUrl, REDIS_URL: redis!.url, HOST: apiHost.address, PORT: String(API_PORT), API_AUTH: 'required', RATE_LIMIT_PER_MINUTE: '0' },
        join(logs, `${name}.log`),
      );
      processes.push(p);
      api = p;
      await p.waitForLine(/Server listening|listening/i, 180_000);
    };
    const generations = new Map<string, number>();
    const live = new Map<string, HostProcess>(); // worker host → its current process
    const startWorkerProcess = (w: string) => {
      const i = workerNames.indexOf(w);
      const id = `${w}-${(generations.get(w) ?? 0) + 1}`;
      generations.set(w, (generations.get(w) ?? 0) + 1);
      const host = net.host(w);
      const p = spawnOnHost(
        host,
        id,
        [process.execPath, '--import', 'tsx', 'apps/worker/src/main.ts'],
        {
          ...common,
          DATABASE_URL: dbUrl(dbHost.address, linkPorts(i).pg),
          REDIS_URL: `redis://${dbHost.address}:${linkPorts(i).redis}`,
          WORKER_ID: id,
          WORKER_CONCURRENCY: '1',
          WORKER_LOCK_MS: String(opts.lockMs),
          WORKER_STALLED_INTERVAL_MS: String(Math.max(500, Math.round(opts.lockMs / 2))),
          // Faults are not the trials' doing: never fail one for being handed on.
          WORKER_MAX_STALLED_COUNT: '1000',
          WORKER_MAX_CONSECUTIVE_FAILURES: '0',
          ARTIFACT_STORE: 'postgres',
          ARTIFACT_KEEP: '100000',
        },
        join(logs, `${id}.log`),
      );
      processes.push(p);
      live.set(w, p);
      return p;
    };
    await startApiProcess();
    await Promise.all(workerNames.map((w) => startWorkerProcess(w).waitForLine(/worker ready/, 180_000)));
    const apiUrl = `http://${apiHost.address}:${API_PORT}`;
    const request = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(apiUrl + path, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(15_000),
      });
      return { status: res.status, body: (await res.json().catch(() => null)) as any };
    };
    const workersSeen = ((await request('GET', '/workers')).body?.items ?? []).map((w: any) => ({
      id: w.id,
      hostname: w.hostname,
      address: w.address ?? null,
      backend: w.backend ?? null,
    }));
    say(`drill: GET /workers: ${workersSeen.map((w: any) => `${w.id} on ${w.hostname} (${w.address}, ${w.backend})`).join('; ')}`);

    // The client: a sweep of two seeded conv nets whenever none is open, while the nemesis
    // runs. Two trials for three workers: one is free to take over a trial the moment it is
    // handed on, so the drill measures the hand-over, not a queue.
    const history: DrillHistory = { submissions: [], claims: [], completions: [] };
    let submitting = true;
    let sweepNo = 0;
    const client = (async () => {
      while (submitting) {
        const open = await db!.sweep.count({ where: { status: { notIn: [...FINAL_SWEEP] as any } } }).catch(() => 1);
        if (open > 0) {
          await sleep(1_000);
          continue;
        }
        const n = ++sweepNo;
        const variants = Array.from({ length: Math.max(1, opts.workers - 1) }, (_, v) => ({ name: `s${n} seed ${v + 1}`, model: MODEL, training: { seed: n * 10 + v } }));
        try {
          const r = await request('POST', '/sweeps', { name: `drill ${n}`, training: TRAINING, variants });
          history.submissions.push({ status: r.status, sweepId: r.body?.id ?? null, variants: variants.length });
        } catch {
          history.submissions.push({ status: null, sweepId: null, variants: variants.length });
          await sleep(1_000);
        }
      }
    })();

    // The nemesis.
    const faults = schedule({ seed: opts.seed, rounds: opts.rounds, workers: workerNames, lockMs: opts.lockMs, without: opts.without, short: opts.short });
    const injected: Array<Fault & { at: number; endedAt: number; victimTrials: string[]; victimId: string | null }> = [];
    const runningOn = async (workerId: string) => (await db!.trial.findMany({ where: { status: 'running', workerId }, select: { id: true } })).map((t) => t.id);
    // A worker fault hits a worker early in a trial, after its first checkpoint, so the trial
    // has something to resume from and epochs left to be taken over in: the seeded worker if it
    // is, else the next one that is (it waits a little for one; none: the seeded one, idle).
    const busy = async (w: string): Promise<string> => {
      const order = [...workerNames.slice(workerNames.indexOf(w)), ...workerNames.slice(0, workerNames.indexOf(w))];
      for (let i = 0; i < 60; i++) {
        for (const candidate of order) {
          const id = live.get(candidate)?.name;
          const early = id ? await db!.checkpoint.count({ where: { epoch: { lte: 2 }, trial: { workerId: id, status: 'running' } } }) : 0;
          if (early) return candidate;
        }
        await sleep(250);
      }
      return w;
    };
    await sleep(opts.short ? 2_000 : 5_000);
    for (const scheduled of faults) {
      const f = scheduled.worker ? { ...scheduled, worker: await busy(scheduled.worker) } : scheduled;
      const victim = f.worker ? live.get(f.worker)! : null;
      const victimTrials = victim ? await runningOn(victim.name) : [];
      const at = Date.now();
      say(
        `drill: +${((at - startedAt) / 1000).toFixed(0)} s ${f.kind}${f.worker ? ` on ${f.worker} (${victim!.name}, trials ${victimTrials.length})` : ''} for ${(f.durationMs / 1000).toFixed(1)} s`,
      );
      await inject(f, {
        net,
        dbHost,
        workerNames,
        live,
        proxy,
        pg: pg!,
        redis: redis!,
        seed: opts.seed + injected.length,
        startWorker: startWorkerProcess,
        api: () => api!,
        startApi: startApiProcess,
      });
      injected.push({ ...f, at, endedAt: Date.now(), victimTrials, victimId: victim?.name ?? null });
      await sleep(f.gapMs);
    }
    submitting = false;
    await client;

    // Every acknowledged sweep must end.
    const acknowledged = history.submissions.filter((s) => s.status === 201).map((s) => s.sweepId!);
    const deadline = Date.now() + opts.drainMs;
    for (;;) {
      const open = await db.sweep.count({ where: { status: { notIn: [...FINAL_SWEEP] as any } } });
      if (!open || Date.now() > deadline) break;
      await sleep(1_000);
    }

    // What the workers said: their claims, completions and refused late writes.
    let refusedLateWrites = 0;
    for (const p of processes.filter((p) => /^w\d+-\d+$/.test(p.name))) {
      for (const line of p.lines) {
        if (!line.startsWith('{')) continue;
        let e: any;
        try {
          e = JSON.parse(line);
        } catch {
          continue;
        }
        if (e.msg === 'training started' || e.msg === 'training resumed from checkpoint')
          history.claims.push({ trialId: e.trialId, attempt: e.attempt, resumedAfter: e.msg === 'training started' ? 0 : e.epoch, worker: p.name, at: e.time });
        if (e.msg === 'trial completed') history.completions.push({ trialId: e.trialId, worker: p.name, at: e.time });
        if (e.msg === 'trial taken over by another worker: training stopped' || e.msg === 'trial result not recorded: its claim no longer holds') refusedLateWrites += 1;
      }
    }

    // For a person looking into a failed drill: what was injected when, what the workers said.
    writeFileSync(join(logs, 'history.json'), JSON.stringify({ startedAt, faults: injected, ...history }, null, 1));
    const rows = await readRows(db, request);
    // Resumed trials against an uninterrupted run of their seed.
    const resumed = [...new Set(history.claims.filter((c) => c.resumedAfter > 0).map((c) => c.trialId))];
    const references: ReferenceCheck[] = [];
    const data = resumed.length && opts.references ? loadMnist() : null;
    for (const trialId of resumed.slice(0, opts.references)) references.push(await compareWithReference(db, trialId, data!));

    const violations = checkDrill(rows, history, references);
    for (const w of workersSeen) {
      const host = net.hosts.get(w.id.replace(/-\d+$/, ''));
      if (!host || w.hostname !== host.name || w.address !== host.address)
        violations.push({ kind: 'worker host', detail: `GET /workers shows ${w.id} on ${w.hostname} (${w.address}), it runs on ${host?.name} (${host?.address})` });
    }
    const claimAfter = (trialIds: string[], at: number, notBy: string | null) =>
      history.claims.filter((c) => trialIds.includes(c.trialId) && c.at > at && c.worker !== notBy).sort((a, b) => a.at - b.at)[0];
    const pickupSeconds = injected
      .filter((f) => f.kind === 'kill-worker')
      .flatMap((f) => {
        const c = claimAfter(f.victimTrials, f.at, f.victimId);
        return c ? [Number(((c.at - f.at) / 1000).toFixed(1))] : [];
      });
    const takeoverSeconds: Record<string, number[]> = {};
    for (const f of injected.filter((f) => ['partition-redis', 'partition-postgres', 'partition-both', 'pause'].includes(f.kind))) {
      const c = claimAfter(f.victimTrials, f.at, f.victimId);
      if (c) takeoverSeconds[f.kind] = [...(takeoverSeconds[f.kind] ?? []), Number(((c.at - f.at) / 1000).toFixed(1))];
    }
    const count = <T>(xs: T[], key: (x: T) => string) => Object.fromEntries([...groupBy(xs, key)].map(([k, v]) => [k, v.length]));
    const report: DrillReport = {
      ok: violations.length === 0,
      violations,
      faults: count(injected, (f) => f.kind),
      trials: rows.trials.length,
      completed: rows.trials.filter((t) => t.status === 'completed').length,
      sweeps: rows.sweeps.length,
      submissions: {
        acknowledged: acknowledged.length,
        refused: history.submissions.filter((s) => s.status !== null && s.status !== 201).length,
        unanswered: history.submissions.filter((s) => s.status === null).length,
      },
      claims: history.claims.length,
      resumes: history.claims.filter((c) => c.resumedAfter > 0).length,
      refusedLateWrites,
      referencesCompared: references.length,
      pickupSeconds,
      takeoverSeconds,
      workersSeen,
      wallSeconds: Math.round((Date.now() - startedAt) / 1000),
      seed: opts.seed,
    };
    return report;
  } finally {
    await cleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

interface InjectDeps {
  net: DrillNetwork;
  dbHost: Host;
  workerNames: string[];
  live: Map<string, HostProcess>;
  proxy: HostProcess;
  pg: DrillService;
  redis: DrillService;
  seed: number;
  startWorker: (w: string) => HostProcess;
  api: () => HostProcess;
  startApi: () => Promise<void>;
}

/** Carries out one fault and heals it after its duration. */
async function inject(f: Fault, d: InjectDeps): Promise<void> {
  const ports = f.worker ? linkPorts(d.workerNames.indexOf(f.worker)) : null;
  const host = f.worker ? d.net.host(f.worker) : null;
  const cut = (which: Array<'pg' | 'redis'>) => which.map((s) => ports![s]);
  switch (f.kind) {
    case 'partition-redis':
    case 'partition-postgres':
    case 'partition-both': {
      const cutPorts = cut(f.kind === 'partition-redis' ? ['redis'] : f.kind === 'partition-postgres' ? ['pg'] : ['pg', 'redis']);
      for (const port of cutPorts) d.net.cut(host!, d.dbHost, port);
      await sleep(f.durationMs);
      for (const port of cutPorts) d.net.heal(host!, d.dbHost, port);
      return;
    }
    case 'pause': {
      const p = d.live.get(f.worker!)!;
      p.signal('SIGSTOP');
      await sleep(f.durationMs);
      p.signal('SIGCONT');
      return;
    }
    case 'latency': {
      const links = [`${f.worker}-pg`, `${f.worker}-redis`];
      for (const link of links) d.proxy.child.stdin!.write(`${JSON.stringify({ link, delayMs: 200, jitterMs: 50, loss: 0.05, seed: d.seed })}\n`);
      await sleep(f.durationMs);
      for (const link of links) d.proxy.child.stdin!.write(`${JSON.stringify({ link, clear: true })}\n`);
      return;
    }
    case 'restart-postgres':
      await d.pg.stop();
      await sleep(f.durationMs);
      await d.pg.start();
      return;
    case 'restart-redis':
      await d.redis.stop();
      await sleep(f.durationMs);
      await d.redis.start();
      return;
    case 'kill-worker': {
      d.live.get(f.worker!)!.signal('SIGKILL');
      await d.live.get(f.worker!)!.exited;
      await sleep(f.durationMs);
      // Its replacement warms up (tens of seconds on a busy machine) while the drill goes on.
      d.startWorker(f.worker!);
      return;
    }
    case 'kill-api':
      d.api().signal('SIGKILL');
      await d.api().exited;
      await sleep(f.durationMs);
      await d.startApi();
      return;
  }
}

async function readRows(db: Db, request: (m: string, p: string) => Promise<{ status: number; body: any }>): Promise<DrillRows> {
  const sweeps = await db.sweep.findMany({ select: { id: true, status: true } });
  const trials = await db.trial.findMany({ select: { id: true, sweepId: true, name: true, status: true, epochsRun: true } });
  const epochs = await db.epochMetric.findMany({ select: { trialId: true, epoch: true, claim: true } });
  const withCounts = [];
  for (const s of sweeps) {
    const r = await request('GET', `/sweeps/${s.id}`);
    withCounts.push({ id: s.id, status: s.status as string, trialCounts: (r.body?.trialCounts ?? {}) as Record<string, number> });
  }
  return { sweeps: withCounts, trials: trials.map((t) => ({ ...t, status: t.status as string })), epochs };
}

/** Trains the trial again, uninterrupted, on its backend, and lists what differs from what the drill recorded. */
async function compareWithReference(db: Db, trialId: string, data: ReturnType<typeof loadMnist>): Promise<ReferenceCheck> {
  const t = await db.trial.findUniqueOrThrow({ where: { id: trialId } });
  const differences: string[] = [];
  if (t.status !== 'completed') return { trialId, name: t.name, differences: [`is ${t.status}, not completed`] };
  await initBackend({ prefer: t.backend as 'native' | 'wasm' });
  const reference: EpochReport[] = [];
  const r = await trainTrial({
    model: t.model as unknown as ModelSpec,
    training: t.training as unknown as TrainingSettings,
    data,
    artifact: true,
    onEpoch: (e) => void reference.push(e),
  });
  const rows = await db.epochMetric.findMany({ where: { trialId }, orderBy: { epoch: 'asc' } });
  const got = JSON.stringify(rows.map((e) => [e.epoch, e.trainLoss, e.valLoss, e.valError]));
  const want = JSON.stringify(reference.map((e) => [e.epoch, e.trainLoss, e.valLoss, e.valError]));
  if (got !== want) differences.push(`epochs ${got}, uninterrupted ${want}`);
  const result = JSON.stringify([t.bestValError, t.bestEpoch, t.testError, t.testLoss]);
  const wantResult = JSON.stringify([r.bestValError, r.bestEpoch, r.testError, r.testLoss]);
  if (result !== wantResult) differences.push(`result ${result}, uninterrupted ${wantResult}`);
  const artifact = await db.artifact.findUnique({ where: { trialId }, select: { sha256: true } });
  const sha = r.artifact ? createHash('sha256').update(new Uint8Array(r.artifact.weightData)).digest('hex') : null;
  if (artifact?.sha256 !== sha) differences.push(`weights sha256 ${artifact?.sha256 ?? 'none stored'}, uninterrupted ${sha}`);
  return { trialId, name: t.name, differences };
}

/** The summary a person reads, then one JSON line. */
export function printReport(r: DrillReport, say: (l: string) => void = (l) => console.log(l)): void {
  say('');
  say(`drill ${r.ok ? 'PASSED' : 'FAILED'} (seed ${r.seed}, ${r.wallSeconds} s)`);
  say(
    `  faults:        ${Object.entries(r.faults)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  say(`  sweeps:        ${r.sweeps} (${r.submissions.acknowledged} acknowledged, ${r.submissions.refused} refused, ${r.submissions.unanswered} unanswered submissions)`);
  say(`  trials:        ${r.trials}, ${r.completed} completed; ${r.claims} claims, ${r.resumes} resumed from a checkpoint`);
  say(`  late writes:   ${r.refusedLateWrites} refused by the claim fence`);
  say(`  references:    ${r.referencesCompared} resumed trials compared with an uninterrupted run`);
  say(`  pick-up after SIGKILL: ${r.pickupSeconds.join(', ') || 'none measured'} s`);
  say(
    `  take-over after a cut or pause: ${
      Object.entries(r.takeoverSeconds)
        .map(([k, v]) => `${k} ${v.join(', ')} s`)
        .join('; ') || 'none'
    }`,
  );
  say(`  workers:       ${r.workersSeen.map((w) => `${w.id}@${w.hostname} ${w.address} ${w.backend}`).join(', ')}`);
  for (const v of r.violations) say(`  VIOLATION ${v.kind}: ${v.detail}`);
  say(JSON.stringify({ drill: r.ok ? 'passed' : 'failed', ...r }));
}
