import type { FastifyPluginAsync } from 'fastify';
import { Gauge, type Registry } from 'prom-client';
import { serviceTotals } from '@modelspace/db';
import { knownTrialQueues } from '@modelspace/queue';
import type { ApiDeps } from '../deps.ts';

const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;

/**
 * GET /metrics in Prometheus text format. The service-wide numbers are read at scrape time
 * from Postgres and the queue, so every API instance reports the same truth and no count is
 * lost when a process restarts.
 */
export function metricsRoutes({ db, trialQueue }: ApiDeps, registry: Registry): FastifyPluginAsync {
  return async (app) => {
    // One read per scrape, shared by the gauges below.
    let pending: ReturnType<typeof serviceTotals> | null = null;
    const totals = () => (pending ??= serviceTotals(db).finally(() => setTimeout(() => (pending = null), 0)));

    new Gauge({
      name: 'modelspace_queue_jobs',
      help: 'Trial jobs in the BullMQ queue by state',
      labelNames: ['state'],
      registers: [registry],
      async collect() {
        // Every pool's queue (trials, trials-gpu) and every program's, summed.
        const all = await Promise.all((await knownTrialQueues(trialQueue)).map((q) => q.getJobCounts(...JOB_STATES)));
        for (const state of JOB_STATES)
          this.set(
            { state },
            all.reduce((n, counts) => n + (counts[state] ?? 0), 0),
          );
      },
    });
    new Gauge({
      name: 'modelspace_trials',
      help: 'Trials by state',
      labelNames: ['state'],
      registers: [registry],
      async collect() {
        for (const [state, n] of Object.entries((await totals()).trialsByStatus)) this.set({ state }, n);
      },
    });
    new Gauge({
      name: 'modelspace_sweeps',
      help: 'Sweeps by state',
      labelNames: ['state'],
      registers: [registry],
      async collect() {
        for (const [state, n] of Object.entries((await totals()).sweepsByStatus)) this.set({ state }, n);
      },
    });
    // A gauge, not a counter: it is the epochs stored, which drop when a sweep is deleted.
    new Gauge({
      name: 'modelspace_epochs_recorded',
      help: 'Epochs trained and recorded in the database, all trials',
      registers: [registry],
      async collect() {
        this.set((await totals()).epochsTrained);
      },
    });
    new Gauge({
      name: 'modelspace_training_samples_per_second',
      help: 'Mean training throughput (samples/s) of the epochs recorded in the last 5 minutes',
      registers: [registry],
      async collect() {
        this.set((await totals()).recentSamplesPerSec);
      },
    });

    app.get('/metrics', { schema: { summary: 'Prometheus metrics: queue depth, trials by state, epochs trained, samples/s, API latency' } }, async (_request, reply) =>
      reply.type(registry.contentType).send(await registry.metrics()),
    );
  };
}
