import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import type { ApiDeps } from './deps.ts';
import { registerErrorHandler } from './plugins/error-handler.ts';
import { registerZodValidation } from './plugins/validation.ts';
import { registerYamlBody } from './plugins/yaml-body.ts';
import { healthRoutes } from './routes/health.ts';
import { sweepRoutes } from './routes/sweeps.ts';
import { trialRoutes } from './routes/trials.ts';
import { workerRoutes } from './routes/workers.ts';

/** The HTTP application, with no listening socket: tests drive it through inject(). */
export async function buildApp(
  deps: ApiDeps,
  opts: { logger?: FastifyBaseLogger; bodyLimit?: number } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    bodyLimit: opts.bodyLimit ?? 5 * 1024 * 1024,
  }) as unknown as FastifyInstance;
  registerZodValidation(app);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerYamlBody(app);
  await app.register(healthRoutes(deps));
  await app.register(sweepRoutes(deps));
  await app.register(trialRoutes(deps));
  await app.register(workerRoutes(deps));
  return app;
}
