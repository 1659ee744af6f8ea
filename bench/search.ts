/**
 * Search quality: modelspace's TPE, random search and walk, driven directly through
 * packages/core's methods (no training, no services) on synthetic objectives with known
 * minima (search-objectives.ts), side by side with Optuna's TPE (Debian's python3-optuna,
 * default TPESampler, through search-optuna.py) on the same objectives and protocol:
 * every seed × budget, sequential (one trial at a time) and with 4 concurrent trials.
 * Prints, per objective, concurrency and budget, the median regret (best found − optimum)
 * over the seeds with its interquartile range and the ratio of TPE's median to Optuna's, with
 * that ratio's 90% bootstrap interval over the seeds (search-stats.ts);
 * then how often each ends on the wrong category of the mixed space, what concurrency costs,
 * and one line of JSON with the same figures.
 *   npm run bench -- search [--quick] [--seeds N] [--objectives a,b] [--methods tpe,random,walk]
 *     [--concurrency 1,4] [--no-optuna] [--optuna-jobs 2] [--optuna-cache FILE|none] [--tpe '{"gamma":0.2}']
 *     [--optuna-sampler '{"constant_liar":true}']
 * --quick: 3 seeds, budgets up to 50 (100 for the 10-D objectives), a minute or two.
 * Optuna's studies are kept in .tmp/search-optuna-cache.jsonl (--optuna-cache: another file,
 * or none) and each is reused by later runs (search-optuna-runner.ts); --optuna-jobs: how many
 * Python processes run the missing ones at once. --optuna-sampler: TPESampler's keyword arguments
 * (default {}, Optuna's defaults), e.g. Optuna's liar for running trials or its multivariate TPE.
 */
import { loadavg } from 'node:os';
import { createTpe, random, walk, type SearchMethod, type TpeOptions } from '@modelspace/core';
import { OBJECTIVES, type Objective } from './search-objectives.ts';
import { optunaPython, optunaStudies, type OptunaSampler } from './search-optuna-runner.ts';
import { quantile, ratioInterval } from './search-stats.ts';
import { bestParamsAt, regretAt, runStudy, type StudyResult } from './search-study.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const quick = process.argv.includes('--quick');
const seedCount = Number(arg('seeds') ?? (quick ? 3 : 30));
const seeds = Array.from({ length: seedCount }, (_, i) => i + 1);
const wanted = arg('objectives')?.split(',');
const objectives = OBJECTIVES.filter((o) => !wanted || wanted.includes(o.name)).map((o) => ({
  ...o,
  budgets: quick ? o.budgets.filter((b) => b <= 50 || o.budgets.length === 1) : o.budgets,
}));
const concurrencies = (arg('concurrency') ?? '1,4').split(',').map(Number);
const tpeOptions = JSON.parse(arg('tpe') ?? '{}') as Partial<TpeOptions>;
const methods: Record<string, SearchMethod> = { tpe: createTpe(tpeOptions), random, walk };
const methodNames = (arg('methods') ?? 'tpe,random,walk').split(',');
const withOptuna = !process.argv.includes('--no-optuna');
const optunaJobs = Number(arg('optuna-jobs') ?? 2);
const optunaSampler = JSON.parse(arg('optuna-sampler') ?? '{}') as OptunaSampler;
/** Optuna's studies, one JSON line each, reused by every later run (outside git: .tmp/). */
const DEFAULT_OPTUNA_CACHE = '.tmp/search-optuna-cache.jsonl';

interface Study {
  objective: Objective;
  seed: number;
  concurrency: number;
  budget: number;
}
const studies: Study[] = objectives.flatMap((objective) =>
  concurrencies.flatMap((concurrency) => seeds.map((seed) => ({ objective, seed, concurrency, budget: Math.max(...objective.budgets) }))),
);
const key = (s: Study) => `${s.objective.name}/${s.concurrency}/${s.seed}`;

function summary(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), q1: quantile(s, 0.25), q3: quantile(s, 0.75) };
}
const fmt = (v: number) => (v === 0 ? '0' : Math.abs(v) >= 100 ? v.toFixed(0) : Number(v.toPrecision(3)).toString());
const round = (v: number) => Number(v.toPrecision(4));
const fmtInterval = (i: [number, number] | null) => (i ? ` (${fmt(i[0])}–${fmt(i[1])})` : '');

/** Each seed's regret after `budget` trials of `name` on `o` with `c` running. */
const regretsOf = (name: string, o: Objective, c: number, budget: number) =>
  seeds.map((seed) => regretAt(results.get(name)!.get(`${o.name}/${c}/${seed}`)!.values, budget, o.optimum));

const started = Date.now();
const results = new Map<string, Map<string, StudyResult>>();
const seconds: Record<string, number> = {};
for (const name of methodNames) {
  const t0 = process.cpuUsage();
  const m = new Map<string, StudyResult>();
  for (const s of studies) m.set(key(s), runStudy(methods[name]!, s.objective, s.seed, s.budget, s.concurrency));
  const used = process.cpuUsage(t0);
  seconds[name] = (used.user + used.system) / 1e6;
  results.set(name, m);
}

let optunaVersion: string | null = null;
let optunaRan = 0;
if (withOptuna) {
  const found = optunaPython();
  if (!found) console.log('Optuna: not available (apt-get install -y python3-optuna, or bash scripts/system-packages.sh --bench)');
  else {
    optunaVersion = found.version;
    const cacheFile = arg('optuna-cache') ?? DEFAULT_OPTUNA_CACHE;
    const t0 = Date.now();
    const { results: byStudy, ran } = await optunaStudies(found.py, found.version, optunaSampler, studies, optunaJobs, cacheFile === 'none' ? null : cacheFile);
    optunaRan = ran;
    results.set('optuna', new Map(studies.map((s) => [key(s), byStudy.get(s)!])));
    seconds.optuna = (Date.now() - t0) / 1000;
    console.log(
      `Optuna ${found.version}, TPESampler(${JSON.stringify(optunaSampler)}): ${ran} of ${studies.length} studies run (${optunaJobs} processes), the rest reused from ${cacheFile}`,
    );
  }
}
const names = [...results.keys()];

console.log(
  `search bench: ${seeds.length} seeds, concurrency ${concurrencies.join(' and ')}; TPE options ${JSON.stringify(tpeOptions)}; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log(
  `CPU seconds per method (all studies): ${Object.entries(seconds)
    .map(([n, s]) => `${n} ${s.toFixed(1)}${n === 'optuna' ? ` (wall, ${optunaRan} studies run)` : ''}`)
    .join(', ')}`,
);
console.log('median regret [interquartile range] over the seeds; ratio = TPE median / Optuna median (90% bootstrap interval)');
const rows: Record<string, unknown>[] = [];
for (const o of objectives) {
  for (const c of concurrencies) {
    console.log(`\n${o.name}, ${c === 1 ? 'sequential' : `${c} concurrent trials`}`);
    for (const b of o.budgets) {
      const regrets = (name: string) => regretsOf(name, o, c, b);
      const per = Object.fromEntries(names.map((n) => [n, summary(regrets(n))]));
      const ratio = per.optuna && per.tpe ? (per.optuna.median === 0 ? null : per.tpe.median / per.optuna.median) : null;
      const interval = ratio === null ? null : ratioInterval(regrets('tpe'), regrets('optuna'));
      const cells = names.map((n) => `${n} ${fmt(per[n]!.median)} [${fmt(per[n]!.q1)}–${fmt(per[n]!.q3)}]`);
      console.log(`  ${String(b).padStart(3)} trials: ${cells.join('  ')}${ratio === null ? '' : `  ratio ${ratio.toFixed(2)}${fmtInterval(interval)}`}`);
      rows.push({
        objective: o.name,
        concurrency: c,
        budget: b,
        ...Object.fromEntries(names.map((n) => [n, { median: round(per[n]!.median), q1: round(per[n]!.q1), q3: round(per[n]!.q3) }])),
        ratioToOptuna: ratio === null ? null : round(ratio),
        ratioInterval: interval?.map(round) ?? null,
      });
    }
  }
}

// Concurrency's cost: the median regret with 4 running trials over the sequential one.
const concurrencyCost: Record<string, unknown>[] = [];
if (concurrencies.includes(1) && concurrencies.length > 1) {
  console.log(
    '\nconcurrency cost (median regret with concurrent trials / sequential, same number of trials; for TPE also the fewest sequential trials with a median regret as low):',
  );
  for (const o of objectives) {
    // Sequential median regret after every trial count, to read a concurrent result off in trials.
    const curve = (n: string) => Array.from({ length: Math.max(...o.budgets) }, (_, i) => summary(regretsOf(n, o, 1, i + 1)).median);
    const tpeCurve = names.includes('tpe') ? curve('tpe') : null;
    for (const c of concurrencies.filter((x) => x > 1))
      for (const b of o.budgets) {
        const regrets = (n: string, cc: number) => regretsOf(n, o, cc, b);
        const at = (n: string, cc: number) => summary(regrets(n, cc)).median;
        const measured = names.filter((n) => n !== 'walk');
        const cost = Object.fromEntries(measured.map((n) => [n, at(n, 1) === 0 ? null : round(at(n, c) / at(n, 1))]));
        const intervals = Object.fromEntries(measured.map((n) => [n, ratioInterval(regrets(n, c), regrets(n, 1))?.map(round) ?? null]));
        // null: no sequential trial count up to the largest budget did as well.
        const concurrentTpe = tpeCurve ? at('tpe', c) : 0;
        const asSequential = tpeCurve ? tpeCurve.findIndex((r) => r <= concurrentTpe) + 1 || null : undefined;
        const inTrials = asSequential === undefined ? '' : `, as sequential at ${asSequential ?? `more than ${tpeCurve!.length}`} trials`;
        console.log(
          `  ${o.name} ${b} trials, ${c} concurrent: ${Object.entries(cost)
            .map(([n, v]) => `${n} ${v === null ? 'n/a' : v.toFixed(2)}${n === 'tpe' ? `${fmtInterval(intervals[n] as [number, number] | null)}${inTrials}` : ''}`)
            .join('  ')}`,
        );
        concurrencyCost.push({ objective: o.name, concurrency: c, budget: b, ...cost, intervals, tpeAsSequentialTrials: asSequential ?? null });
      }
  }
}

// Categorical traps: the seeds whose best trial sits in a category other than the optimum's.
const wrongCategory: Record<string, unknown>[] = [];
for (const o of objectives.filter((x) => x.rightCategory)) {
  for (const c of concurrencies) {
    const b = Math.max(...o.budgets);
    const counts = Object.fromEntries(names.map((n) => [n, seeds.filter((seed) => !o.rightCategory!(bestParamsAt(results.get(n)!.get(`${o.name}/${c}/${seed}`)!, b))).length]));
    console.log(
      `\n${o.name}, concurrency ${c}: seeds whose best trial at ${b} trials is in a wrong category (of ${seeds.length}): ${Object.entries(counts)
        .map(([n, k]) => `${n} ${k}`)
        .join('  ')}`,
    );
    wrongCategory.push({ objective: o.name, concurrency: c, budget: b, ...counts });
  }
}

console.log(
  JSON.stringify({
    bench: 'search',
    quick,
    seeds: seeds.length,
    optuna: optunaVersion,
    optunaSampler,
    optunaStudiesRun: optunaRan,
    tpeOptions,
    cpuSeconds: Object.fromEntries(Object.entries(seconds).map(([n, s]) => [n, Number(s.toFixed(1))])),
    wallSeconds: Math.round((Date.now() - started) / 1000),
    regret: rows,
    concurrencyCost,
    wrongCategory,
  }),
);
