import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { DomainError, SpecError, unstorableTextIssues, zodIssues, type FieldIssue } from '@modelspace/core';

/**
 * Validates every route part with its zod schema, turning failures into errors that name
 * each field and reason. A sweep body's problems are INVALID_SPEC; the rest INVALID_REQUEST.
 */
export function registerZodValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => (data: unknown) => {
    // Text Postgres cannot store is refused before the schema, so no route (a dry run
    // included) accepts what its write would fail on.
    const unstorable = httpPart === 'headers' ? [] : unstorableTextIssues(data);
    if (unstorable.length) return { error: asError(httpPart, unstorable) };
    const result = (schema as z.ZodType).safeParse(data);
    if (result.success) return { value: result.data };
    return { error: asError(httpPart, zodIssues(result.error)) };
  });
}

function asError(httpPart: string | undefined, issues: FieldIssue[]): DomainError {
  if (httpPart === 'body') return new SpecError(issues);
  const where = httpPart === 'querystring' ? 'query' : (httpPart ?? 'request');
  return new DomainError('INVALID_REQUEST', issues.map((i) => `${where} ${i.field}: ${i.reason}`).join('; '), issues);
}
