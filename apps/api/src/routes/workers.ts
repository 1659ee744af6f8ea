import type { FastifyPluginAsync } from 'fastify';
import { runningTrialProgress, sweepsOfProject } from '@modelspace/db';
import { listWorkers } from '@modelspace/queue';
import type { ApiDeps } from '../deps.ts';

/** Live workers (from their Redis heartbeats) with what each is training now. */
export function workerRoutes({ db, redis, names }: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    app.get('/workers', async (request) => {
      const workers = await listWorkers(redis, names);
      const progress = await runningTrialProgress(
        db,
        workers.flatMap((w) => w.runningTrialIds),
      );
      // Workers are shared; the trials they run are shown only to their own project's keys.
      const visible = await sweepsOfProject(
        db,
        progress.map((p) => p.sweepId),
        request.auth!.projectId,
      );
      const byId = new Map(progress.filter((p) => visible.has(p.sweepId)).map((p) => [p.trialId, p]));
      return {
        items: workers.map(({ runningTrialIds, ...w }) => {
          const running = runningTrialIds.flatMap((id) => byId.get(id) ?? []);
          const rates = running.map((r) => r.samplesPerSec ?? 0);
          return {
            ...w,
            running,
            samplesPerSec: rates.length ? rates.reduce((a, b) => a + b, 0) : null,
          };
        }),
      };
    });
  };
}
