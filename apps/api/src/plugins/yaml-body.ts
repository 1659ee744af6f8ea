import type { FastifyInstance } from 'fastify';
import { parseSweepDocument } from '@modelspace/core';
import type { RequestLimits } from './limits.ts';

/** Sweep definitions may be posted as YAML as well as JSON. */
export const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

/**
 * Safe YAML: the core schema only (no custom or language tags), at most `maxAliases` alias
 * expansions and `maxDepth` levels of nesting; each refusal is a 400 that says which.
 */
export function registerYamlBody(app: FastifyInstance, limits: Pick<RequestLimits, 'maxAliases' | 'maxDepth'>): void {
  const documentLimits = { maxAliasCount: limits.maxAliases, maxDepth: limits.maxDepth };
  app.addContentTypeParser(YAML_TYPES, { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseSweepDocument(body as string, documentLimits));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
}
