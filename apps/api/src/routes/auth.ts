import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '@modelspace/core';
import { authenticateApiKey, projectName } from '@modelspace/db';
import type { ApiDeps } from '../deps.ts';
import { KEY_COOKIE, type AuthMode } from '../plugins/auth.ts';
import { LOGIN_RATE_LIMIT } from '../plugins/rate-limit.ts';

const LoginBody = z.strictObject({ key: z.string().min(1).max(200).describe('An API key (ms_…)') });

/**
 * The dashboard's login: a browser's EventSource cannot send an Authorization header, so the
 * dashboard trades the key for an HttpOnly, SameSite=Strict cookie that every request of
 * the page (fetch and EventSource alike) then carries. The key never appears in a URL.
 */
export function authRoutes({ db }: ApiDeps, mode: AuthMode): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.post('/auth/login', { schema: { summary: 'Exchange an API key for the dashboard cookie', body: LoginBody }, config: LOGIN_RATE_LIMIT }, async (request, reply) => {
      const identity = await authenticateApiKey(db, request.body.key);
      if (!identity) throw new DomainError('UNAUTHENTICATED', 'the API key is unknown or revoked');
      reply.setCookie(KEY_COOKIE, request.body.key, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        maxAge: 12 * 3600,
      });
      return { prefix: identity.prefix, projectId: identity.projectId, role: identity.role };
    });

    app.post('/auth/logout', { schema: { summary: 'Forget the dashboard cookie' } }, async (_request, reply) => {
      reply.clearCookie(KEY_COOKIE, { path: '/' });
      return { ok: true };
    });

    app.get('/auth/whoami', { schema: { summary: 'The key this request presents: its project and role' } }, async (request) => {
      const { prefix, projectId, role } = request.auth!;
      return { auth: mode, prefix, projectId, project: await projectName(db, projectId), role };
    });
  };
}
