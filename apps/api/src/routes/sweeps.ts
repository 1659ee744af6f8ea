import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ConflictError, DomainError, SweepSpec, planTrials, type ObjectiveMetric } from '@modelspace/core';
import {
  bestTrial,
  cancelSweep,
  createSweepWithTrials,
  deleteSweep,
  getSweep,
  listEpochs,
  listSweeps,
  listTrials,
} from '@modelspace/db';
import { enqueueTrials, publishCancel, removeWaitingJobs } from '@modelspace/queue';
import type { ApiDeps } from '../deps.ts';
import { BestQuery, IdParams, ListSweepsQuery, ListTrialsQuery } from '../schemas/common.ts';

export function sweepRoutes(deps: ApiDeps): FastifyPluginAsync {
  const { db, trialQueue, redis, names } = deps;
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.post('/sweeps', { schema: { body: SweepSpec } }, async (request, reply) => {
      const spec = request.body;
      const sweepId = randomUUID();
      const trials = planTrials(spec).map((t) => ({ ...t, id: randomUUID() }));
      await createSweepWithTrials(db, { id: sweepId, spec, trials });
      try {
        await enqueueTrials(trialQueue, trials.map((t) => ({ trialId: t.id, sweepId })));
      } catch (err) {
        // No half-created sweep: rows without jobs would wait forever.
        await deleteSweep(db, sweepId);
        await removeWaitingJobs(trialQueue, trials.map((t) => t.id)).catch(() => 0);
        request.log.error({ err }, 'enqueue failed; sweep rolled back');
        throw new DomainError('UNAVAILABLE', 'the job queue is unavailable; nothing was created, retry later');
      }
      const sweep = await getSweep(db, sweepId);
      return reply.status(201).header('location', `/sweeps/${sweepId}`).send({
        ...sweep,
        trialIds: trials.map((t) => t.id),
      });
    });

    app.get('/sweeps', { schema: { querystring: ListSweepsQuery } }, async (request) => {
      const { limit, offset, status } = request.query;
      const { items, total } = await listSweeps(db, { limit, offset, status });
      return { items, total, limit, offset };
    });

    app.get('/sweeps/:id', { schema: { params: IdParams } }, async (request) => getSweep(db, request.params.id));

    app.get(
      '/sweeps/:id/trials',
      { schema: { params: IdParams, querystring: ListTrialsQuery } },
      async (request) => {
        await getSweep(db, request.params.id); // 404 for an unknown sweep, not an empty list
        return { items: await listTrials(db, request.params.id, { status: request.query.status }) };
      },
    );

    app.get('/sweeps/:id/best', { schema: { params: IdParams, querystring: BestQuery } }, async (request) => {
      const sweep = await getSweep(db, request.params.id);
      const metric = request.query.metric ?? (sweep.objective as ObjectiveMetric);
      const trial = await bestTrial(db, sweep.id, metric);
      if (!trial) {
        return { sweepId: sweep.id, metric, trial: null, value: null, reason: 'no trial has completed yet' };
      }
      const value = { valError: trial.bestValError, testError: trial.testError, valLoss: trial.bestValLoss }[metric];
      return { sweepId: sweep.id, metric, value, trial, epochs: await listEpochs(db, trial.id) };
    });

    app.post('/sweeps/:id/cancel', { schema: { params: IdParams } }, async (request) => {
      const { sweep, cancelledTrialIds, changed } = await cancelSweep(db, request.params.id);
      if (!changed) throw new ConflictError(`sweep ${sweep.id} is already ${sweep.status}; only a queued or running sweep can be cancelled`);
      const removedJobs = await removeWaitingJobs(trialQueue, cancelledTrialIds);
      await publishCancel(redis, names, cancelledTrialIds);
      return { ...(await getSweep(db, sweep.id)), removedJobs };
    });
  };
}
