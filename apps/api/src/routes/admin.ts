import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyPluginAsync } from 'fastify';
import { allTrialQueues } from '@modelspace/queue';
import type { ApiDeps } from '../deps.ts';

export const ADMIN_QUEUES_PATH = '/admin/queues';

/** Bull Board at /admin/queues: the BullMQ queues as an operator sees them (jobs, states, retries). */
export function adminRoutes({ trialQueue }: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(ADMIN_QUEUES_PATH);
    createBullBoard({ queues: allTrialQueues(trialQueue).map((q) => new BullMQAdapter(q)), serverAdapter });
    await app.register(serverAdapter.registerPlugin(), { prefix: ADMIN_QUEUES_PATH });
  };
}
