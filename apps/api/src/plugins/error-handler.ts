import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError, type ErrorCode, type FieldIssue } from '@modelspace/core';

/** The one place where error codes become HTTP statuses. */
const STATUS: Record<ErrorCode, number> = {
  INVALID_SPEC: 400,
  INVALID_REQUEST: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNAVAILABLE: 503,
};

export interface ErrorBody {
  error: { code: string; message: string; issues?: FieldIssue[] };
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | DomainError, request, reply) => {
    if (err instanceof DomainError) {
      const body: ErrorBody = { error: { code: err.code, message: err.message } };
      if (err.issues.length) body.error.issues = err.issues;
      return reply.status(STATUS[err.code]).send(body);
    }
    const status = (err as FastifyError).statusCode ?? 500;
    if (status < 500) {
      // Fastify's own client errors: bad JSON, wrong content type, body too large.
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
