import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { DomainError, SpecError, zodIssues } from '@modelspace/core';

/**
 * Validates every route part with its zod schema, turning failures into errors that name
 * each field and reason. A sweep body's problems are INVALID_SPEC; the rest INVALID_REQUEST.
 */
export function registerZodValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => (data: unknown) => {
    const result = (schema as z.ZodType).safeParse(data);
    if (result.success) return { value: result.data };
    const issues = zodIssues(result.error);
    if (httpPart === 'body') return { error: new SpecError(issues) };
    const where = httpPart === 'querystring' ? 'query' : (httpPart ?? 'request');
    return {
      error: new DomainError(
        'INVALID_REQUEST',
        issues.map((i) => `${where} ${i.field}: ${i.reason}`).join('; '),
        issues,
      ),
    };
  });
}
