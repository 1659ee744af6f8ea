import type { FastifyInstance } from 'fastify';
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * A Prometheus registry per app (not prom-client's global one, so two apps in one process,
 * as in tests or the embedded stack, never clash) and the API latency histogram, timed on
 * every response and labelled by route pattern, never by raw URL (ids would explode the series).
 */
export function registerRequestMetrics(app: FastifyInstance): Registry {
  const registry = new Registry();
  const prefix = 'modelspace_api_';
  collectDefaultMetrics({ register: registry, prefix });
  // prom-client exports these sums as gauges named like counters, which Prometheus's own
  // checks refuse; the per-type gauges beside them (nodejs_active_handles{type}) sum to the same.
  for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
    registry.removeSingleMetric(prefix + name);
  }
  const latency = new Histogram({
    name: 'modelspace_http_request_duration_seconds',
    help: 'API request latency by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    // A Server-Sent Events stream lasts as long as its watcher: not a latency.
    if (route.endsWith('/events')) return;
    latency.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  return registry;
}
