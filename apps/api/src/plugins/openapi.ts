import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { needsWrite, type Access } from './auth.ts';
import { OPERATIONS, type OperationDoc } from '../schemas/operations.ts';
import { ErrorBody } from '../schemas/responses.ts';

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate requests
 * (fastify-type-provider-zod's transform turns them into JSON Schema) and from the response
 * schemas of schemas/operations.ts, served at /openapi.json and browsable at /docs. Must be
 * registered before the routes: it learns them as they are added.
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

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST)',
  401: 'No API key, or one unknown or revoked (UNAUTHENTICATED)',
  403: 'A read key on a route that changes something (FORBIDDEN)',
  404: "No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND)",
  409: 'Not in a state that allows this (CONFLICT)',
  413: 'Body larger than BODY_LIMIT_BYTES (TOO_LARGE)',
  414: 'A path segment too long to be an id (URI_TOO_LONG)',
  415: 'A body media type the API does not read (UNSUPPORTED_MEDIA_TYPE)',
  429: 'Over the per-key request rate, with Retry-After (RATE_LIMITED)',
  503: 'Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE)',
};

/** The errors a route can answer, from what it is: its access class, method, parameters and body. */
function errorStatuses(method: string, url: string, access: Access | undefined, schema: Record<string, unknown>, op: OperationDoc): number[] {
  const hasBody = method === 'POST' || method === 'PATCH' || method === 'PUT';
  const statuses = new Set<number>(op.errors ?? []);
  if (hasBody || schema.params || schema.querystring || schema.headers) statuses.add(400);
  if (access !== 'public') {
    statuses.add(401);
    statuses.add(429);
    if (needsWrite(method, url)) statuses.add(403);
  }
  if (url.includes(':id')) {
    statuses.add(404);
    statuses.add(414);
  }
  if (op.conflict) statuses.add(409);
  if (hasBody) {
    statuses.add(413);
    statuses.add(415);
  }
  if (!op.noStorage) statuses.add(503);
  return [...statuses].sort();
}

type SwaggerTransformInput = Parameters<typeof jsonSchemaTransform>[0] & { route: RouteOptions };

/** Adds each operation's id, responses, security and documented-only body, then converts the zod schemas. */
function describeOperation(input: SwaggerTransformInput) {
  const schema = (input.schema ?? {}) as Record<string, unknown>;
  if (schema.hide) return jsonSchemaTransform(input);
  const methods = (Array.isArray(input.route.method) ? input.route.method : [input.route.method]).filter((m) => m !== 'HEAD');
  const method = methods[0]!;
  const op = OPERATIONS[`${method} ${input.url}`];
  if (!op) return jsonSchemaTransform(input); // the document test names it
  const access = (input.route.config as { access?: Access } | undefined)?.access;
  const response: Record<string, unknown> = {};
  for (const s of op.success) {
    if (s.content) response[s.status] = { description: s.description, content: mapContent(s.content) };
  }
  for (const status of errorStatuses(method, input.url, access, schema, op)) {
    response[status] = {
      description: status === 409 ? `${ERROR_DESCRIPTIONS[409]}: ${op.conflict}` : ERROR_DESCRIPTIONS[status],
      content: { 'application/json': { schema: ErrorBody } },
    };
  }
  for (const [status, r] of Object.entries(op.other ?? {})) {
    if (r.content) response[status] = { description: r.description, content: mapContent(r.content) };
  }
  const described = {
    ...schema,
    operationId: op.operationId,
    response,
    ...(op.body ? { body: op.body } : {}),
    ...(op.consumes ? { consumes: op.notJson ? op.consumes : ['application/json', ...op.consumes] } : {}),
    // Public routes need no key.
    ...(access === 'public' ? { security: [] } : {}),
  };
  const out = jsonSchemaTransform({ ...input, schema: described } as never) as { schema: { response: Record<string, unknown> }; url: string };
  // No body: @fastify/swagger writes a response without content for type 'null'.
  for (const s of op.success) if (!s.content) out.schema.response[s.status] = { type: 'null', description: s.description };
  return out;
}

/**
 * The component schemas, without those nothing refers to: the zod registry yields an input
 * and an output form of each named schema, and most are used in one direction only.
 */
function withUsedComponents(input: Parameters<typeof jsonSchemaTransformObject>[0]) {
  const doc = jsonSchemaTransformObject(input) as { components?: { schemas?: Record<string, unknown> } };
  const schemas = doc.components?.schemas;
  if (!schemas) return doc;
  const refs = (value: unknown): string[] => [...JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
  const used = new Set<string>();
  const pending = refs({ ...doc, components: { ...doc.components, schemas: {} } });
  while (pending.length) {
    const name = pending.pop()!;
    if (used.has(name)) continue;
    used.add(name);
    pending.push(...refs(schemas[name]));
  }
  doc.components!.schemas = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  dropEmptyAdditionalProperties(doc);
  declareRetryAfter(doc);
  return doc;
}

const RETRY_AFTER = { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 0 } };

/** Every 429 and 503 answer carries Retry-After (the error handler and the rate limiter set it): the document says so. */
function declareRetryAfter(doc: object): void {
  const paths = (doc as { paths?: Record<string, Record<string, { responses?: Record<string, { headers?: Record<string, unknown> }> }>> }).paths ?? {};
  for (const operations of Object.values(paths)) {
    for (const op of Object.values(operations)) {
      for (const status of ['429', '503']) {
        const response = op.responses?.[status];
        if (response) response.headers = { ...response.headers, 'Retry-After': RETRY_AFTER };
      }
    }
  }
}

/**
 * `additionalProperties: {}` (a loose object) says what leaving it out says in JSON Schema,
 * but generators read it as "any key may hold anything", which types every field of a
 * union of responses as unknown: it is left out.
 */
function dropEmptyAdditionalProperties(value: unknown): void {
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    const o = v as Record<string, unknown>;
    const extra = o.additionalProperties;
    if (extra && typeof extra === 'object' && Object.keys(extra).length === 0) delete o.additionalProperties;
    stack.push(...Object.values(o));
  }
}

function mapContent(content: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(content).map(([type, schema]) => [type, { schema }]));
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
        license: { name: 'UNLICENSED', identifier: 'UNLICENSED' },
      },
      // The document is served by the API it describes: paths are relative to where it was fetched.
      servers: [{ url: '/', description: 'The API serving this document' }],
      // API keys (docs/security.md): a bearer token, or the dashboard's HttpOnly cookie.
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (ms_…) made with `modelspace admin keys create`' },
          dashboardCookie: { type: 'apiKey', in: 'cookie', name: 'modelspace_key', description: 'Set by POST /auth/login (the dashboard)' },
        },
      },
      security: [{ apiKey: [] }, { dashboardCookie: [] }],
      tags: [
        { name: 'sweeps', description: 'Sweeps, their trials, results and live events' },
        { name: 'trials', description: 'One trial, its epochs and its trained model' },
        { name: 'workers', description: 'The worker processes and what they train' },
        { name: 'datasets', description: 'Uploaded image datasets a sweep can train on' },
        { name: 'auth', description: "The dashboard's login and the presented key" },
        { name: 'service', description: 'Liveness, readiness and Prometheus metrics' },
      ],
    },
    transform: describeOperation as never,
    transformObject: withUsedComponents as never,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
