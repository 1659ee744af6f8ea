import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { YAML_TYPES } from './yaml-body.ts';
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
  UNSUPPORTED_MEDIA_TYPE: 415,
  URI_TOO_LONG: 414,
};

/** Every error code the API answers with, with its status: the OpenAPI document lists them. */
export const ERROR_STATUS: Readonly<Record<ErrorCode | 'INTERNAL', number>> = { ...STATUS, INTERNAL: 500 };

export interface ErrorBody {
  error: { code: string; message: string; issues?: FieldIssue[] };
}

/**
 * Answers any error in the documented format. Fastify's own errors (body parsing, bad URLs,
 * a too-long path segment) become domain errors first, so a client sees one shape and one
 * set of codes whatever failed. Also Fastify's `frameworkErrors` option (app.ts): errors
 * raised before routing would otherwise be answered in Fastify's format.
 */
export function sendError(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const known = err instanceof DomainError ? err : (asOutage(err, request) ?? asFrameworkError(err as FastifyError, request));
  if (known) {
    const body: ErrorBody = { error: { code: known.code, message: known.message } };
    if (known.issues.length) body.error.issues = known.issues;
    if (STATUS[known.code] === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    return reply.status(STATUS[known.code]).send(body);
  }
  request.log.error({ err }, 'request failed');
  // 5xx detail stays in the log, not in the answer.
  return reply.status(500).send({ error: { code: 'INTERNAL', message: 'internal error' } });
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | DomainError, request, reply) => sendError(err, request, reply));

  app.setNotFoundHandler((request, reply) => reply.status(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url}` } }));
}

/** What a client waits before retrying after a 503: outages worth riding out last seconds. */
const RETRY_AFTER_SECONDS = 5;

/**
 * A lost Postgres or Redis becomes a 503 that says which (never a 500, never a hang: the
 * database client's connect timeout and the producer connections' fail-fast settings see
 * to that). Both recover by themselves: the next request after the service returns works.
 */
function asOutage(err: unknown, request: FastifyRequest): DomainError | null {
  const outage = isDatabaseUnavailable(err)
    ? new DomainError('DATABASE_UNAVAILABLE', 'the database (Postgres) is unavailable; retry later')
    : isQueueUnavailable(err)
      ? new DomainError('QUEUE_UNAVAILABLE', 'the job queue (Redis) is unavailable; retry later')
      : null;
  if (outage) request.log.warn({ err: (err as Error).message }, outage.message);
  return outage;
}

/** Fastify's client errors, as domain errors naming what was wrong; null for anything else. */
function asFrameworkError(err: FastifyError, request: FastifyRequest): DomainError | null {
  const issue = (code: ErrorCode, field: string, reason: string) => new DomainError(code, `${field}: ${reason}`, [{ field, reason }]);
  const contentType = request.headers['content-type'] ?? '(none)';
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return issue('TOO_LARGE', '(body)', `request body larger than the limit of ${request.server.initialConfig.bodyLimit} bytes (BODY_LIMIT_BYTES)`);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return issue('INVALID_REQUEST', '(body)', 'empty, but the content-type is application/json: send a JSON document, or no content-type');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return issue('INVALID_REQUEST', '(body)', `not valid JSON (${err.message})`);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return issue('INVALID_REQUEST', '(body)', 'its size does not match the Content-Length header');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return issue(
        'UNSUPPORTED_MEDIA_TYPE',
        'content-type',
        `${contentType} is not read here: send application/json (or YAML where a sweep definition is posted: ${YAML_TYPES.join(', ')})`,
      );
    case 'FST_ERR_BAD_URL':
      return issue('INVALID_REQUEST', '(url)', `${request.url} is not a valid URL (bad percent-encoding, or text that is not UTF-8)`);
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return issue('URI_TOO_LONG', '(url)', `a path segment of ${request.url.slice(0, 120)}… is too long to be an id`);
  }
  // Any other client error (a plugin's, Fastify's): its message, under the code of its status.
  const status = err.statusCode;
  if (status === undefined || status < 400 || status >= 500) return null;
  const code = status === 400 ? 'INVALID_REQUEST' : ((Object.keys(STATUS) as ErrorCode[]).find((c) => STATUS[c] === status) ?? 'INVALID_REQUEST');
  return issue(code, '(request)', err.message);
}
