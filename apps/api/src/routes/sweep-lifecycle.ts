import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { buildPath, validateSweepSpec, type PathTrial } from '@modelspace/core';
import { getSweep, patchSweep, runScheduleStep, setSweepPaused, stopSweep, type Db } from '@modelspace/db';
import { publishCancel, removeWaitingJobs, syncTrialJobs, type QueueNames, type TrialQueue } from '@modelspace/queue';
import type { Redis } from 'ioredis';
import type { ApiDeps } from '../deps.ts';
import { IdParams } from '../schemas/common.ts';
import { PatchSweepBody } from '../schemas/sweep-lifecycle.ts';

/**
 * Runs one scheduling step here and now (the same idempotent step the control queue runs
 * after each trial) and mirrors it in the job queue.
 */
export async function scheduleNow(
  deps: { db: Db; trialQueue: TrialQueue; redis: Redis; names: QueueNames },
  sweepId: string,
) {
  const r = await runScheduleStep(deps.db, sweepId);
  await syncTrialJobs(deps.trialQueue, sweepId, r);
  if (r.cancelledTrialIds.length) {
    await removeWaitingJobs(deps.trialQueue, r.cancelledTrialIds);
    await publishCancel(deps.redis, deps.names, r.cancelledTrialIds);
  }
  return r;
}

const METRIC = { valError: 'bestValError', testError: 'testError', valLoss: 'bestValLoss' } as const;

/** Pause, resume, stop, PATCH and the model-space path of a sweep. */
export function sweepLifecycleRoutes(deps: ApiDeps): FastifyPluginAsync {
  const { db, trialQueue, redis, names } = deps;
  const answer = async (id: string, log: FastifyBaseLogger) => {
    await scheduleNow(deps, id).catch((err) => log.error({ err, sweepId: id }, 'scheduling step failed; the next trial end retries it'));
    return getSweep(db, id);
  };
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.post('/sweeps/:id/pause', { schema: { params: IdParams } }, async (request) => {
      await setSweepPaused(db, request.params.id, true);
      return getSweep(db, request.params.id);
    });

    app.post('/sweeps/:id/resume', { schema: { params: IdParams } }, async (request) => {
      await setSweepPaused(db, request.params.id, false);
      return answer(request.params.id, request.log);
    });

    app.post('/sweeps/:id/stop', { schema: { params: IdParams } }, async (request) => {
      const { cancelledTrialIds } = await stopSweep(db, request.params.id);
      const removedJobs = await removeWaitingJobs(trialQueue, cancelledTrialIds);
      await publishCancel(redis, names, cancelledTrialIds);
      return { ...(await getSweep(db, request.params.id)), removedJobs };
    });

    app.patch('/sweeps/:id', { schema: { params: IdParams, body: PatchSweepBody } }, async (request) => {
      await patchSweep(db, request.params.id, request.body, validateSweepSpec);
      return answer(request.params.id, request.log);
    });

    app.get('/sweeps/:id/path', { schema: { params: IdParams } }, async (request) => {
      const sweep = await getSweep(db, request.params.id);
      const metric = METRIC[sweep.objective as keyof typeof METRIC] ?? 'bestValError';
      const trials = await db.trial.findMany({ where: { sweepId: sweep.id }, orderBy: { index: 'asc' } });
      const path = buildPath(
        trials.map(
          (t): PathTrial => ({
            id: t.id,
            order: t.index,
            name: t.name,
            status: t.status,
            model: t.model,
            training: t.training,
            metric: t[metric],
            parentId: t.parentId,
            diff: t.diff as PathTrial['diff'],
          }),
        ),
      );
      return { sweepId: sweep.id, method: sweep.method, metric: sweep.objective, ...path };
    });
  };
}
