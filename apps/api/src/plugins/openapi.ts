import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate requests
 * (fastify-type-provider-zod's transform turns them into JSON Schema), served at
 * /openapi.json and browsable at /docs. Must be registered before the routes: it learns
 * them as they are added.
 */
export interface DescribedRoute {
  method: string;
  url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route the document should describe (not hidden ones), as they were added. */
    describedRoutes: DescribedRoute[];
  }
}

/** Tags group the document by resource: the first path segment. */
function tagOf(url: string): string {
  const first = url.split('/').filter(Boolean)[0] ?? 'service';
  return ['health', 'ready', 'metrics'].includes(first) ? 'service' : first;
}

export async function registerOpenApi(app: FastifyInstance, opts: { version: string }): Promise<void> {
  const described: DescribedRoute[] = [];
  app.decorate('describedRoutes', described);
  // Routes that say nothing of themselves still get a tag and a summary, so every
  // operation in the document is findable.
  app.addHook('onRoute', (route: RouteOptions) => {
    route.schema ??= {};
    const schema = route.schema as { hide?: boolean; tags?: string[]; summary?: string };
    if (schema.hide) return;
    schema.tags ??= [tagOf(route.url)];
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    schema.summary ??= `${methods.join(', ')} ${route.url}`;
    for (const method of methods) if (method !== 'HEAD') described.push({ method, url: route.url });
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'modelspace',
        version: opts.version,
        description:
          'A distributed hyperparameter-sweep service: submit sweeps of neural-network variants, watch them train ' +
          '(Server-Sent Events), and query the best model and the path through model space. ' +
          'Errors are `{"error": {"code", "message", "issues": [{"field", "reason"}]}}`.',
      },
      // API keys (docs/security.md): a bearer token, or the dashboard's HttpOnly cookie.
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (ms_…) made with `modelspace admin keys create`' },
          dashboardCookie: { type: 'apiKey', in: 'cookie', name: 'modelspace_key' },
        },
      },
      security: [{ apiKey: [] }, { dashboardCookie: [] }],
      tags: [
        { name: 'sweeps', description: 'Sweeps, their trials, results and live events' },
        { name: 'trials', description: 'One trial and its epochs' },
        { name: 'service', description: 'Liveness, readiness and Prometheus metrics' },
      ],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
