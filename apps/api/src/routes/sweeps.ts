import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DomainError, SweepSpec, type ObjectiveMetric } from '@modelspace/core';
import { cancelSweep, createSweepWithFirstStep, deleteSweep, getSweep, getSweepSpec } from '@modelspace/db';
import { applyScheduleResult, removeWaitingJobs } from '@modelspace/queue';
import { CreateSweepQuery } from '../schemas/sweep-lifecycle.ts';
import { dryRun } from './sweep-dry-run.ts';
import { scheduleEffects, sweepLifecycleRoutes } from './sweep-lifecycle.ts';
import type { SweepRouteDeps } from '../deps.ts';
import { bestTrialBy, listSweepsPage, listTrialsPage } from '@modelspace/db';
import { BestQueryOptions, SweepListQuery, TrialListQuery } from '../schemas/query-options.ts';
import { publishCurrentStates } from './events.ts';
import { withdrawTrials } from './withdraw-trials.ts';
import { IdParams } from '../schemas/common.ts';
import { SweepGetQuery } from '../schemas/sweep-get.ts';
import { withWaitingReasons } from '../trial-waiting.ts';
import { checkSweepLimits } from '../plugins/limits.ts';
import { sweepDatasets } from '../sweep-datasets.ts';

export function sweepRoutes(deps: SweepRouteDeps): FastifyPluginAsync {
  const { db, trialQueue } = deps;
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    await fastify.register(sweepLifecycleRoutes(deps));

    // Creation runs the first scheduling step here, so the answer lists the first trials;
    // every later step runs on the control queue when a trial ends.
    app.post('/sweeps', { schema: { body: SweepSpec, querystring: CreateSweepQuery } }, async (request, reply) => {
      const spec = checkSweepLimits(request.body, deps.limits);
      const datasetIds = await sweepDatasets(db, request.auth!.projectId, spec);
      if (request.query.dryRun) return dryRun(spec);
      const sweepId = randomUUID();
      // The sweep and its first trials are written in one transaction, then enqueued.
      const r = await createSweepWithFirstStep(db, { id: sweepId, spec, projectId: request.auth!.projectId, datasetIds });
      const trialIds = r.addedTrialIds;
      try {
        await applyScheduleResult(scheduleEffects(deps), sweepId, r);
      } catch (err) {
        // No half-created sweep: rows without jobs would wait forever.
        await deleteSweep(db, sweepId);
        await removeWaitingJobs(trialQueue, trialIds).catch(() => 0);
        request.log.error({ err }, 'enqueue failed; sweep rolled back');
        throw new DomainError('QUEUE_UNAVAILABLE', 'the job queue (Redis) is unavailable; nothing was created, retry later');
      }
      const sweep = await getSweep(db, sweepId);
      return reply
        .status(201)
        .header('location', `/sweeps/${sweepId}`)
        .send({ ...sweep, trialIds });
    });

    app.get('/sweeps', { schema: { querystring: SweepListQuery } }, async (request) => {
      const { limit, offset, status, sort } = request.query;
      const order = request.query.order ?? (sort === 'name' ? 'asc' : 'desc');
      const { items, total } = await listSweepsPage(db, { limit, offset, status, sort, order, projectId: request.auth!.projectId });
      return { items, total, limit, offset, sort, order };
    });

    // Status and counts only: a 10,000-variant definition is megabytes, so it is asked for.
    app.get('/sweeps/:id', { schema: { params: IdParams, querystring: SweepGetQuery } }, async (request) => {
      const sweep = await getSweep(db, request.params.id);
      return request.query.include === 'spec' ? { ...sweep, spec: await getSweepSpec(db, sweep.id) } : sweep;
    });

    app.get('/sweeps/:id/spec', { schema: { params: IdParams } }, async (request) => getSweepSpec(db, (await getSweep(db, request.params.id)).id));

    app.get('/sweeps/:id/trials', { schema: { params: IdParams, querystring: TrialListQuery } }, async (request) => {
      await getSweep(db, request.params.id); // 404 for an unknown sweep, not an empty list
      const { limit, offset, status, sort, order = 'asc' } = request.query;
      const { items, total } = await listTrialsPage(db, request.params.id, { status, sort, order, limit, offset });
      return { items: await withWaitingReasons(deps, items), total, limit, offset, sort, order };
    });

    app.get('/sweeps/:id/best', { schema: { params: IdParams, querystring: BestQueryOptions } }, async (request) => {
      const sweep = await getSweep(db, request.params.id);
      const metric = request.query.metric ?? (sweep.objective as ObjectiveMetric);
      const { strategy } = request.query;
      const best = await bestTrialBy(db, sweep.id, metric, strategy);
      if (!best) {
        return { sweepId: sweep.id, metric, strategy, trial: null, value: null, reason: 'no trial has completed yet' };
      }
      const { trial, value, epoch, curve } = best;
      const variant = { name: trial.name, model: trial.model, training: trial.training };
      return { sweepId: sweep.id, metric, strategy, value, epoch, trial, variant, epochs: curve };
    });

    app.post('/sweeps/:id/cancel', { schema: { params: IdParams } }, async (request) => {
      const { cancelledTrialIds } = await cancelSweep(db, request.params.id);
      const removedJobs = await withdrawTrials(deps, cancelledTrialIds, request.log);
      await publishCurrentStates(deps, request.params.id, cancelledTrialIds, request.log);
      return { ...(await getSweep(db, request.params.id)), removedJobs };
    });
  };
}
