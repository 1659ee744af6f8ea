import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IMPORTANCE_DEFAULTS, parameterColumns, trialValues, type ImportanceAnswer } from '@modelspace/core';
import { completedTrialSample, completedTrialsStamp, getSweep, getSweepSpec, sweepTimeline } from '@modelspace/db';
import type { ApiDeps } from '../deps.ts';
import { ImportancePool } from '../importance-pool.ts';
import { IdParams } from '../schemas/common.ts';
import { ImportanceQuery } from '../schemas/query-options.ts';

/** Answers kept per sweep and seed until a trial completes: a forest costs seconds at 10,000 trials (bench/dashboard-scale.ts), and the dashboard asks at every refresh. */
const CACHE_SIZE = 32;

/** Analyses of a sweep's results: hyperparameter importance, and where the time went (the timeline of attempts). */
export function analysisRoutes({ db }: ApiDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const cache = new Map<string, { stamp: string; answer: ImportanceAnswer & { objective: string } }>();
    const pool = new ImportancePool();
    fastify.addHook('onClose', () => pool.close());

    app.get(
      '/sweeps/:id/importance',
      {
        schema: {
          summary: "Each searched parameter's importance for the objective (fANOVA over a random forest of the completed trials)",
          params: IdParams,
          querystring: ImportanceQuery,
        },
      },
      async (request) => {
        const sweep = await getSweep(db, request.params.id);
        const { seed } = request.query;
        // Read before the trials: a trial completing in between makes the next request recompute.
        const stamp = await completedTrialsStamp(db, sweep.id);
        const key = `${sweep.id}:${seed}`;
        const hit = cache.get(key);
        if (hit?.stamp === stamp) return hit.answer;
        // Completed trials only: a pruned trial's value is from an unfinished training (Optuna also uses completed ones).
        const { total, rows: trials } = await completedTrialSample(db, sweep.id, sweep.objective, IMPORTANCE_DEFAULTS.maxRows, seed);
        const space = (await getSweepSpec(db, sweep.id)).space ?? null;
        const columns = parameterColumns(trials, space);
        const rows = trials.map((t) => ({ values: trialValues(t), objective: t.objective ?? Number.NaN }));
        const fitted = await pool.fit(`${key}:${stamp}`, { columns, rows, options: { seed } });
        // The sample was drawn in Postgres: the answer counts every completed trial.
        const answer = { objective: sweep.objective, ...fitted, trials: fitted.status === 'too-few-trials' ? fitted.trials : total };
        const labels = new Map(columns.map((c) => [c.name, c.label]));
        const labelled = {
          ...answer,
          parameters: answer.parameters.map((p) => ({ ...p, label: labels.get(p.name) ?? p.name })),
          interactions: answer.interactions.map((i) => ({ ...i, label: `${labels.get(i.a) ?? i.a} × ${labels.get(i.b) ?? i.b}` })),
        } as ImportanceAnswer & { objective: string };
        cache.delete(key);
        cache.set(key, { stamp, answer: labelled });
        if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
        return labelled;
      },
    );

    app.get(
      '/sweeps/:id/timeline',
      { schema: { summary: "Every attempt of the sweep's trials: worker, claim and end times, outcome (the dashboard's timeline)", params: IdParams } },
      async (request) => {
        const sweep = await getSweep(db, request.params.id);
        // The server's clock, so a client draws running attempts up to now without its own clock's skew.
        return { sweepId: sweep.id, now: new Date().toISOString(), attempts: await sweepTimeline(db, sweep.id) };
      },
    );
  };
}
