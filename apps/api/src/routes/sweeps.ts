import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ConflictError, DomainError, SweepSpec, type ObjectiveMetric } from '@modelspace/core';
import { cancelSweep, createSweep, deleteSweep, getSweep, runScheduleStep } from '@modelspace/db';
import { publishCancel, removeWaitingJobs } from '@modelspace/queue';
import { CreateSweepQuery } from '../schemas/sweep-lifecycle.ts';
import { dryRun } from './sweep-dry-run.ts';
import { applyScheduleStep, sweepLifecycleRoutes } from './sweep-lifecycle.ts';
import type { ApiDeps } from '../deps.ts';
import { bestTrialBy, listSweepsPage, listTrialsPage } from '@modelspace/db';
import { BestQueryOptions, SweepListQuery, TrialListQuery } from '../schemas/query-options.ts';
import { publishCurrentStates } from './events.ts';
import { IdParams } from '../schemas/common.ts';

export function sweepRoutes(deps: ApiDeps): FastifyPluginAsync {
  const { db, trialQueue, redis, names } = deps;
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    await fastify.register(sweepLifecycleRoutes(deps));

    // Creation runs the first scheduling step here, so the answer lists the first trials;
    // every later step runs on the control queue when a trial ends.
    app.post('/sweeps', { schema: { body: SweepSpec, querystring: CreateSweepQuery } }, async (request, reply) => {
      const spec = request.body;
      if (request.query.dryRun) return dryRun(spec);
      const sweepId = randomUUID();
      await createSweep(db, { id: sweepId, spec });
      let trialIds: string[] = [];
      try {
        const r = await runScheduleStep(db, sweepId);
        trialIds = r.addedTrialIds;
        await applyScheduleStep(deps, sweepId, r);
      } catch (err) {
        // No half-created sweep: rows without jobs would wait forever.
        await deleteSweep(db, sweepId);
        await removeWaitingJobs(trialQueue, trialIds).catch(() => 0);
        request.log.error({ err }, 'enqueue failed; sweep rolled back');
        throw new DomainError('UNAVAILABLE', 'the job queue is unavailable; nothing was created, retry later');
      }
      const sweep = await getSweep(db, sweepId);
      return reply.status(201).header('location', `/sweeps/${sweepId}`).send({ ...sweep, trialIds });
    });

    app.get('/sweeps', { schema: { querystring: SweepListQuery } }, async (request) => {
      const { limit, offset, status, sort } = request.query;
      const order = request.query.order ?? (sort === 'name' ? 'asc' : 'desc');
      const { items, total } = await listSweepsPage(db, { limit, offset, status, sort, order });
      return { items, total, limit, offset, sort, order };
    });

    app.get('/sweeps/:id', { schema: { params: IdParams } }, async (request) => getSweep(db, request.params.id));

    app.get(
      '/sweeps/:id/trials',
      { schema: { params: IdParams, querystring: TrialListQuery } },
      async (request) => {
        await getSweep(db, request.params.id); // 404 for an unknown sweep, not an empty list
        const { limit, offset, status, sort, order = 'asc' } = request.query;
        const { items, total } = await listTrialsPage(db, request.params.id, { status, sort, order, limit, offset });
        return { items, total, limit, offset, sort, order };
      },
    );

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
      const { sweep, cancelledTrialIds, changed } = await cancelSweep(db, request.params.id);
      if (!changed) throw new ConflictError(`sweep ${sweep.id} is already ${sweep.status}; only a queued, running, paused or stopping sweep can be cancelled`);
      const removedJobs = await removeWaitingJobs(trialQueue, cancelledTrialIds);
      await publishCancel(redis, names, cancelledTrialIds);
      await publishCurrentStates(deps, sweep.id, cancelledTrialIds, request.log);
      return { ...(await getSweep(db, sweep.id)), removedJobs };
    });
  };
}
