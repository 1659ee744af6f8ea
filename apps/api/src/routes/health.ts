import type { FastifyPluginAsync } from 'fastify';
import type { ApiDeps } from '../deps.ts';

export function healthRoutes({ db, redis }: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    app.get('/health', async () => ({ status: 'ok' }));

    app.get('/ready', async (_request, reply) => {
      const [postgres, redisOk] = await Promise.all([
        db.$queryRaw`SELECT 1`.then(() => true, () => false),
        redis.ping().then(() => true, () => false),
      ]);
      const ready = postgres && redisOk;
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', postgres, redis: redisOk });
    });
  };
}
