import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { buildPath, validateSweepSpec } from '@modelspace/core';
import { getSweep, pathTrials, patchSweep, runScheduleStep, setSweepPaused, stopSweep, type Db, type ScheduleResult } from '@modelspace/db';
import { applyScheduleResult, type QueueNames, type ScheduleResultDeps, type TrialQueue } from '@modelspace/queue';
import type { Redis } from 'ioredis';
import type { SweepRouteDeps } from '../deps.ts';
import { IdParams } from '../schemas/common.ts';
import { publishCurrentStates } from './events.ts';
import { withdrawTrials } from './withdraw-trials.ts';
import { budgetOfPatch, PatchSweepBody } from '../schemas/sweep-lifecycle.ts';
import { checkSweepLimits } from '../plugins/limits.ts';

type ScheduleDeps = { db: Db; trialQueue: TrialQueue; redis: Redis; names: QueueNames };

/** The queues a scheduling step is mirrored in (applyScheduleResult); a failed sweep-end event is not the request's failure. */
export function scheduleEffects(deps: ScheduleDeps): ScheduleResultDeps {
  return { trialQueue: deps.trialQueue, redis: deps.redis, names: deps.names, onPublishError: () => {} };
}

/**
 * Runs one scheduling step here and now (the same idempotent step the control queue runs
 * after each trial) and mirrors it in the job queue.
 */
export async function scheduleNow(deps: ScheduleDeps, sweepId: string): Promise<ScheduleResult> {
  const r = await runScheduleStep(deps.db, sweepId);
  await applyScheduleResult(scheduleEffects(deps), sweepId, r);
  return r;
}

/** Pause, resume, stop, PATCH and the model-space path of a sweep. */
export function sweepLifecycleRoutes(deps: SweepRouteDeps): FastifyPluginAsync {
  const { db } = deps;
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
      const removedJobs = await withdrawTrials(deps, cancelledTrialIds, request.log);
      await publishCurrentStates(deps, request.params.id, cancelledTrialIds, request.log);
      return { ...(await getSweep(db, request.params.id)), removedJobs };
    });

    app.patch('/sweeps/:id', { schema: { params: IdParams, body: PatchSweepBody } }, async (request) => {
      // Added variants count against the sweep's limit with the ones it has.
      const { addVariants } = request.body;
      await patchSweep(db, request.params.id, { budget: budgetOfPatch(request.body), addVariants }, (spec) => checkSweepLimits(validateSweepSpec(spec), deps.limits));
      return answer(request.params.id, request.log);
    });

    app.get('/sweeps/:id/path', { schema: { params: IdParams } }, async (request) => {
      const sweep = await getSweep(db, request.params.id);
      const path = buildPath(await pathTrials(db, sweep.id, sweep.objective));
      return { sweepId: sweep.id, method: sweep.method, metric: sweep.objective, ...path };
    });
  };
}
