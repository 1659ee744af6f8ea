import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import type { ApiDeps } from './deps.ts';
import cookie from '@fastify/cookie';
import { registerAuth, type AuthMode } from './plugins/auth.ts';
import { registerErrorHandler, sendError } from './plugins/error-handler.ts';
import { DEFAULT_BODY_LIMIT_BYTES, DEFAULT_LIMITS, registerBodyDepthLimit, type RequestLimits } from './plugins/limits.ts';
import { registerRateLimit } from './plugins/rate-limit.ts';
import { registerRequestMetrics } from './plugins/metrics.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { registerZodValidation } from './plugins/validation.ts';
import { registerYamlBody } from './plugins/yaml-body.ts';
import { adminRoutes } from './routes/admin.ts';
import { analysisRoutes } from './routes/analysis.ts';
import { authRoutes } from './routes/auth.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { datasetRoutes } from './routes/datasets.ts';
import { eventRoutes } from './routes/events.ts';
import { exportRoutes } from './routes/exports.ts';
import { healthRoutes } from './routes/health.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { modelRoutes } from './routes/models.ts';
import { sweepRoutes } from './routes/sweeps.ts';
import { trialRoutes } from './routes/trials.ts';
import { trialLogRoutes } from './routes/trial-logs.ts';
import { workerRoutes } from './routes/workers.ts';

export interface BuildOptions {
  logger?: FastifyBaseLogger;
  bodyLimit?: number;
  /** API keys (docs/security.md); 'off' (the default here, as in tests) acts as the default project's write key. */
  auth?: AuthMode;
  limits?: RequestLimits;
  /** Requests per key per minute, counted in Redis; 0 or absent: no limit. */
  rateLimitPerMinute?: number;
}

/** The HTTP application, with no listening socket: tests drive it through inject(). */
export async function buildApp(deps: ApiDeps, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const auth = opts.auth ?? 'off';
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    bodyLimit: opts.bodyLimit ?? DEFAULT_BODY_LIMIT_BYTES,
    // Ids are checked by their schema (400 naming the field) up to this; longer is a 414.
    routerOptions: { maxParamLength: 1000 },
    // Errors before routing (a bad URL, a too-long segment) in the documented format too.
    frameworkErrors: sendError,
  }) as unknown as FastifyInstance;
  registerZodValidation(app);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerYamlBody(app, limits);
  registerBodyDepthLimit(app, limits);
  await app.register(cookie);
  // Before any route: every route gets its access class as it is added.
  registerAuth(app, { mode: auth, db: deps.db });
  await registerRateLimit(app, { perMinute: opts.rateLimitPerMinute ?? 0, redis: deps.redis, prefix: deps.names.prefix });
  // Before any route: the document and the latency histogram learn routes as they are added.
  await registerOpenApi(app, { version: '0.1.0' });
  const metrics = registerRequestMetrics(app);
  await app.register(healthRoutes(deps));
  await app.register(authRoutes(deps, auth));
  await app.register(sweepRoutes({ ...deps, limits }));
  await app.register(datasetRoutes(deps));
  await app.register(trialRoutes(deps));
  await app.register(trialLogRoutes(deps));
  await app.register(workerRoutes(deps));
  await app.register(eventRoutes(deps));
  await app.register(exportRoutes(deps));
  await app.register(analysisRoutes(deps));
  await app.register(modelRoutes(deps));
  await app.register(metricsRoutes(deps, metrics));
  await app.register(dashboardRoutes());
  // Bull Board shows every project's jobs: only where there are no keys to separate them.
  if (auth === 'off') await app.register(adminRoutes(deps));
  return app;
}
