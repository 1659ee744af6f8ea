import type { FastifyInstance } from 'fastify';
import { parseSweepDocument } from '@modelspace/core';

/** Sweep definitions may be posted as YAML as well as JSON. */
export const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

export function registerYamlBody(app: FastifyInstance): void {
  app.addContentTypeParser(YAML_TYPES, { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseSweepDocument(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
}
