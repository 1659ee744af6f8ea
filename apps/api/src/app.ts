import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import type { ApiDeps } from './deps.ts';
import { registerErrorHandler } from './plugins/error-handler.ts';
import { registerRequestMetrics } from './plugins/metrics.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { registerZodValidation } from './plugins/validation.ts';
import { registerYamlBody } from './plugins/yaml-body.ts';
import { adminRoutes } from './routes/admin.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { eventRoutes } from './routes/events.ts';
import { exportRoutes } from './routes/exports.ts';
import { healthRoutes } from './routes/health.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { modelRoutes } from './routes/models.ts';
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
  // Before any route: the document and the latency histogram learn routes as they are added.
  await registerOpenApi(app, { version: '0.1.0' });
  const metrics = registerRequestMetrics(app);
  await app.register(healthRoutes(deps));
  await app.register(sweepRoutes(deps));
  await app.register(trialRoutes(deps));
  await app.register(workerRoutes(deps));
  await app.register(eventRoutes(deps));
  await app.register(exportRoutes(deps));
  await app.register(modelRoutes(deps));
  await app.register(metricsRoutes(deps, metrics));
  await app.register(dashboardRoutes());
  await app.register(adminRoutes(deps));
  return app;
}
