import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { buildPath, validateSweepSpec, type PathTrial } from '@modelspace/core';
import { getSweep, patchSweep, runScheduleStep, setSweepPaused, stopSweep, type Db, type ScheduleResult } from '@modelspace/db';
import { enqueueDeadlineOn, publishCancel, publishSweepEndIfFinished, removeWaitingJobs, syncTrialJobs, type QueueNames, type TrialQueue } from '@modelspace/queue';
import type { Redis } from 'ioredis';
import type { SweepRouteDeps } from '../deps.ts';
import { IdParams } from '../schemas/common.ts';
import { publishCurrentStates } from './events.ts';
import { withdrawTrials } from './withdraw-trials.ts';
import { budgetOfPatch, PatchSweepBody } from '../schemas/sweep-lifecycle.ts';
import { checkSweepLimits } from '../plugins/limits.ts';

type ScheduleDeps = { db: Db; trialQueue: TrialQueue; redis: Redis; names: QueueNames };

/**
 * Mirrors a scheduling step in the queues: every queued trial has a job, cancelled ones
 * have none (running ones are told to stop), and a time-budgeted sweep has its deadline
 * step waiting on the control queue (a worker runs it, so the sweep ends on time).
 */
export async function applyScheduleStep(deps: ScheduleDeps, sweepId: string, r: ScheduleResult): Promise<void> {
  await syncTrialJobs(deps.trialQueue, sweepId, r);
  if (r.cancelledTrialIds.length) {
    await removeWaitingJobs(deps.trialQueue, r.cancelledTrialIds);
    await publishCancel(deps.redis, deps.names, r.cancelledTrialIds);
  }
  if (r.deadline) await enqueueDeadlineOn(deps.redis, deps.names, sweepId, r.deadline);
  await publishSweepEndIfFinished(deps.redis, deps.names, sweepId, r.status, () => {}); // for GET /sweeps/:id/events
}

/**
 * Runs one scheduling step here and now (the same idempotent step the control queue runs
 * after each trial) and mirrors it in the job queue.
 */
export async function scheduleNow(deps: ScheduleDeps, sweepId: string): Promise<ScheduleResult> {
  const r = await runScheduleStep(deps.db, sweepId);
  await applyScheduleStep(deps, sweepId, r);
  return r;
}

const METRIC = { valError: 'bestValError', testError: 'testError', valLoss: 'bestValLoss' } as const;

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
