import type { FastifyPluginAsync } from 'fastify';
import { pingDatabase } from '@modelspace/db';
import type { ApiDeps } from '../deps.ts';

/** A readiness check answers within this, whatever state Postgres or Redis is in. */
const CHECK_TIMEOUT_MS = 2_000;

export function healthRoutes({ db, redis }: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    app.get('/health', async () => ({ status: 'ok' }));

    app.get('/ready', async (_request, reply) => {
      const [postgres, redisOk] = await Promise.all([within(CHECK_TIMEOUT_MS, pingDatabase(db)), within(CHECK_TIMEOUT_MS, redis.ping())]);
      const ready = postgres && redisOk;
      if (!ready) reply.header('retry-after', '5');
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', postgres, redis: redisOk });
    });
  };
}

/** True if `check` succeeds in time; false if it fails or takes longer. */
async function within(ms: number, check: PromiseLike<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([
      Promise.resolve(check).then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
