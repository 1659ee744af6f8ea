import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { getTrial, listEpochs } from '@modelspace/db';
import type { ApiDeps } from '../deps.ts';
import { IdParams } from '../schemas/common.ts';
import { withWaitingReasons } from '../trial-waiting.ts';

export function trialRoutes({ db, redis, names }: ApiDeps): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get('/trials/:id', { schema: { params: IdParams } }, async (request) => (await withWaitingReasons({ redis, names }, [await getTrial(db, request.params.id)]))[0]);

    app.get('/trials/:id/epochs', { schema: { params: IdParams } }, async (request) => {
      await getTrial(db, request.params.id);
      return { items: await listEpochs(db, request.params.id) };
    });
  };
}
