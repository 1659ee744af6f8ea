/**
 * Optuna's side of the search bench: runs studies through search-optuna.py in `jobs`
 * Python processes at once, evaluating every proposal here (the very same objective as
 * modelspace's methods), and keeps each finished study in a cache file, one JSON line per
 * study keyed by everything that decides its result (Optuna's version, the objective, its space, seed,
 * budget, concurrency, sampler options). Optuna's TPE is deterministic for a seed, so a
 * cached study is the study: while tuning modelspace's TPE, or after an interrupted run,
 * only the studies not yet in the file are run. Optuna 3.1's TPE spends most of its time in
 * a pure-Python truncated-normal quantile (about 3 s per 200-trial study at load 0.7).
 */
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Objective } from './search-objectives.ts';
import type { StudyResult } from './search-study.ts';

export interface OptunaStudy {
  objective: Objective;
  seed: number;
  budget: number;
  concurrency: number;
}

/** Debian's python (or python3 on PATH) when it imports optuna, with optuna's version. */
export function optunaPython(): { py: string; version: string } | null {
  for (const py of ['/usr/bin/python3', 'python3']) {
    try {
      return { py, version: execFileSync(py, ['-c', 'import optuna; print(optuna.__version__)'], { encoding: 'utf8' }).trim() };
    } catch {
      /* next */
    }
  }
  return null;
}

/** TPESampler's keyword arguments ({}: Optuna's defaults), part of every study's key. */
export type OptunaSampler = Record<string, unknown>;

const spec = (s: OptunaStudy, sampler: OptunaSampler) => ({
  parameters: s.objective.parameters,
  seed: s.seed,
  budget: s.budget,
  concurrency: s.concurrency,
  sampler,
});
// The objective's name too: objectives on the same space (Styblinski-Tang and Rosenbrock 5,
// Rosenbrock 10 and the sphere) are different studies, as the values told to Optuna differ.
const cacheKey = (version: string, s: OptunaStudy, sampler: OptunaSampler) => JSON.stringify({ optuna: version, objective: s.objective.name, ...spec(s, sampler) });

/** One Python process: studies taken from `queue` until it is empty. */
async function worker(py: string, sampler: OptunaSampler, queue: OptunaStudy[], done: (s: OptunaStudy, r: StudyResult) => void): Promise<void> {
  const child = spawn(py, [new URL('./search-optuna.py', import.meta.url).pathname], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  for (let s = queue.shift(); s; s = queue.shift()) {
    child.stdin.write(`${JSON.stringify(spec(s, sampler))}\n`);
    const r: StudyResult = { values: [], params: [] };
    for (;;) {
      const next = await lines.next();
      if (next.done) throw new Error('search-optuna.py ended early');
      const msg = JSON.parse(next.value) as { done?: true; params?: Record<string, number | string> };
      if (msg.done) break;
      const value = s.objective.f(msg.params!);
      r.values.push(value);
      r.params.push(msg.params!);
      child.stdin.write(`${JSON.stringify({ value })}\n`);
    }
    done(s, r);
  }
  child.stdin.end();
}

/**
 * Every study's result with TPESampler(`sampler`), from `cacheFile` (null: no cache) where it
 * is there, else run in `jobs` processes and appended to the file. Returns the results and
 * how many were run.
 */
export async function optunaStudies(
  py: string,
  version: string,
  sampler: OptunaSampler,
  studies: OptunaStudy[],
  jobs: number,
  cacheFile: string | null,
): Promise<{ results: Map<OptunaStudy, StudyResult>; ran: number }> {
  const cached = new Map<string, StudyResult>();
  if (cacheFile && existsSync(cacheFile))
    for (const line of readFileSync(cacheFile, 'utf8').split('\n')) {
      if (!line) continue;
      try {
        const { key, values, params } = JSON.parse(line) as { key: string } & StudyResult;
        cached.set(key, { values, params });
      } catch {
        /* a line cut short by an interrupted run: that study runs again */
      }
    }
  const results = new Map<OptunaStudy, StudyResult>();
  const queue: OptunaStudy[] = [];
  for (const s of studies) {
    const hit = cached.get(cacheKey(version, s, sampler));
    if (hit) results.set(s, hit);
    else queue.push(s);
  }
  // Lowest seeds first: an interrupted run leaves every objective with its first seeds.
  queue.sort((a, b) => a.seed - b.seed);
  const ran = queue.length;
  if (cacheFile) mkdirSync(dirname(cacheFile), { recursive: true });
  const done = (s: OptunaStudy, r: StudyResult) => {
    results.set(s, r);
    if (cacheFile) appendFileSync(cacheFile, `${JSON.stringify({ key: cacheKey(version, s, sampler), ...r })}\n`);
  };
  await Promise.all(Array.from({ length: Math.min(jobs, queue.length) }, () => worker(py, sampler, queue, done)));
  return { results, ran };
}
