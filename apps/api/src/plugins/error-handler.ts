import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError, type ErrorCode, type FieldIssue } from '@modelspace/core';
import { isDatabaseUnavailable } from '@modelspace/db';
import { isQueueUnavailable } from '@modelspace/queue';

/** The one place where error codes become HTTP statuses. */
const STATUS: Record<ErrorCode, number> = {
  INVALID_SPEC: 400,
  INVALID_REQUEST: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
  QUEUE_UNAVAILABLE: 503,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  TOO_LARGE: 413,
};

export interface ErrorBody {
  error: { code: string; message: string; issues?: FieldIssue[] };
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | DomainError, request, reply) => {
    if (!(err instanceof DomainError)) {
      const outage = asOutage(err);
      if (outage) {
        request.log.warn({ err: (err as Error).message }, outage.message);
        err = outage;
      }
    }
    if (err instanceof DomainError) {
      const body: ErrorBody = { error: { code: err.code, message: err.message } };
      if (err.issues.length) body.error.issues = err.issues;
      if (STATUS[err.code] === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return reply.status(STATUS[err.code]).send(body);
    }
    const status = (err as FastifyError).statusCode ?? 500;
    if ((err as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const message = `request body larger than the limit of ${app.initialConfig.bodyLimit} bytes (BODY_LIMIT_BYTES)`;
      return reply.status(413).send({ error: { code: 'TOO_LARGE', message, issues: [{ field: '(body)', reason: message }] } });
    }
    if (status < 500) {
      // Fastify's own client errors: bad JSON, wrong content type.
      return reply.status(status).send({ error: { code: err.code ?? 'INVALID_REQUEST', message: err.message } });
    }
    request.log.error({ err }, 'request failed');
    // 5xx detail stays in the log, not in the answer.
    return reply.status(500).send({ error: { code: 'INTERNAL', message: 'internal error' } });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url}` } }),
  );
}

/** What a client waits before retrying after a 503: outages worth riding out last seconds. */
const RETRY_AFTER_SECONDS = 5;

/**
 * A lost Postgres or Redis becomes a 503 that says which (never a 500, never a hang: the
 * database client's connect timeout and the producer connections' fail-fast settings see
 * to that). Both recover by themselves: the next request after the service returns works.
 */
function asOutage(err: unknown): DomainError | null {
  if (isDatabaseUnavailable(err)) return new DomainError('DATABASE_UNAVAILABLE', 'the database (Postgres) is unavailable; retry later');
  if (isQueueUnavailable(err)) return new DomainError('QUEUE_UNAVAILABLE', 'the job queue (Redis) is unavailable; retry later');
  return null;
}
