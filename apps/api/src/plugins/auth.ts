import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { DomainError, NotFoundError } from '@modelspace/core';
import { authenticateApiKey, DEFAULT_PROJECT_ID, sweepProjectId, trialProjectId, type Db, type KeyIdentity } from '@modelspace/db';

/**
 * API keys, roles and projects (docs/security.md). Every route gets an access class when it
 * is added; a route no rule covers stops the app from starting, so nothing new is open by
 * accident. Checks run in this order: key (401), role (403), then, for a route about one
 * sweep or trial, its project: another project's sweep answers exactly what a missing one
 * answers (404), so a key cannot learn that it exists.
 */
export type AuthMode = 'required' | 'off';

/** The cookie the dashboard's login form sets (HttpOnly: page scripts never see the key). */
export const KEY_COOKIE = 'modelspace_key';

/**
 * public: no key. project: the key's project (list, create). sweep / trial: one sweep or
 * trial named by `:id`, which must be the key's project's. dataset: one uploaded dataset by
 * id or name, looked up within the key's project only (another project's is not found).
 * service: any valid key.
 */
export type Access = 'public' | 'project' | 'sweep' | 'trial' | 'dataset' | 'service';

export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
  /** Needs a write key. */
  write: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking; set on every route that is not public. */
    auth: KeyIdentity | null;
  }
  interface FastifyInstance {
    /** Every route with its access class, as added (the authorization-matrix test reads it). */
    routeAccess: RouteAccess[];
  }
  interface FastifyContextConfig {
    access?: Access;
    write?: boolean;
  }
}

/** When API_AUTH=off, every request acts as this write key of the default project. */
export const OFF_IDENTITY: KeyIdentity = { keyId: 'auth-off', prefix: 'auth-off', projectId: DEFAULT_PROJECT_ID, role: 'write' };

const PUBLIC_EXACT = new Set(['/health', '/ready', '/openapi.json', '/', '/dashboard', '/dashboard/', '/dashboard/:file', '/auth/login', '/auth/logout']);
const SERVICE_EXACT = new Set(['/workers', '/metrics', '/auth/whoami']);

export function accessOf(url: string): Access | null {
  if (PUBLIC_EXACT.has(url) || url === '/docs' || url.startsWith('/docs/')) return 'public';
  if (url === '/sweeps' || url === '/datasets') return 'project';
  if (url === '/datasets/:id') return 'dataset';
  if (url === '/sweeps/:id' || url.startsWith('/sweeps/:id/')) return 'sweep';
  if (url === '/trials/:id' || url.startsWith('/trials/:id/')) return 'trial';
  if (SERVICE_EXACT.has(url) || url.startsWith('/admin/')) return 'service';
  return null;
}

/** Reads change nothing; predictions are reads that happen to need a body. */
export function needsWrite(method: string, url: string): boolean {
  if (['GET', 'HEAD', 'OPTIONS'].includes(method)) return false;
  return !url.endsWith('/predict');
}

/** The key a request presents: the bearer token, else the dashboard's cookie. */
function presentedKey(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return m ? m[1]! : '';
  }
  return request.cookies?.[KEY_COOKIE] ?? null;
}

export function registerAuth(app: FastifyInstance, opts: { mode: AuthMode; db: Db }): void {
  const { mode, db } = opts;
  const table: RouteAccess[] = [];
  app.decorate('routeAccess', table);
  app.decorateRequest('auth', null);

  app.addHook('onRoute', (route: RouteOptions) => {
    const access = accessOf(route.url);
    if (!access) throw new Error(`route ${route.url} has no access rule: add one in apps/api/src/plugins/auth.ts`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const write = methods.some((m) => needsWrite(m, route.url));
    route.config = { ...(route.config as object), access, write };
    for (const method of methods) table.push({ method, url: route.url, access, write: needsWrite(method, route.url) });
  });

  app.addHook('onRequest', async (request, reply) => {
    const { access, write } = request.routeOptions.config ?? {};
    if (!access || access === 'public') return; // unknown routes fall through to the 404 handler
    if (mode === 'off') {
      request.auth = OFF_IDENTITY;
      return;
    }
    const key = presentedKey(request);
    if (key === null) {
      reply.header('www-authenticate', 'Bearer');
      throw new DomainError('UNAUTHENTICATED', 'an API key is required: send "Authorization: Bearer <key>" (keys are made with `modelspace admin keys create`)');
    }
    const identity = key ? await authenticateApiKey(db, key) : null;
    if (!identity) {
      reply.header('www-authenticate', 'Bearer error="invalid_token"');
      throw new DomainError('UNAUTHENTICATED', 'the API key is unknown or revoked');
    }
    request.auth = identity;
    if (write && identity.role !== 'write') {
      throw new DomainError('FORBIDDEN', `key ${identity.prefix} is read-only: ${request.method} ${request.routeOptions.url} needs a write key`);
    }
  });

  // After validation, so `:id` is checked; the same error as a missing row, by construction.
  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config?.access;
    if (access !== 'sweep' && access !== 'trial') return;
    const id = (request.params as { id: string }).id;
    const projectId = access === 'sweep' ? await sweepProjectId(db, id) : await trialProjectId(db, id);
    if (projectId !== request.auth?.projectId) throw new NotFoundError(access, id);
  });
}
