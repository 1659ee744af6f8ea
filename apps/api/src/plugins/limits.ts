import type { FastifyInstance } from 'fastify';
import { DEFAULT_DOCUMENT_LIMITS, SpecError, gridPointCount, nestingDepth, type FieldIssue, type SweepSpec } from '@modelspace/core';

/** Bounds on what one request may ask for (docs/security.md); each refusal names its field. */
export interface RequestLimits {
  /** Nesting depth of a JSON or YAML body. */
  maxDepth: number;
  /** YAML alias expansions per document (alias bombs). */
  maxAliases: number;
  /** Explicit variants in a sweep, after a PATCH too. */
  maxVariantsPerSweep: number;
  /** Points of a grid sweep's space. */
  maxGridSize: number;
}

/** The largest request body when BODY_LIMIT_BYTES is unset. */
export const DEFAULT_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

export const DEFAULT_LIMITS: RequestLimits = {
  maxDepth: DEFAULT_DOCUMENT_LIMITS.maxDepth,
  maxAliases: DEFAULT_DOCUMENT_LIMITS.maxAliasCount,
  maxVariantsPerSweep: 1000,
  maxGridSize: 10_000,
};

/** JSON bodies are checked for depth here; YAML ones while they are decoded (yaml-body.ts). */
export function registerBodyDepthLimit(app: FastifyInstance, limits: RequestLimits): void {
  app.addHook('preValidation', async (request) => {
    const body = request.body;
    if (body === null || typeof body !== 'object') return;
    if (nestingDepth(body, limits.maxDepth) > limits.maxDepth) {
      throw new SpecError([{ field: '', reason: `nested deeper than ${limits.maxDepth} levels` }]);
    }
  });
}

/** The size of what a valid sweep definition may train; throws a 400 naming the field. */
export function checkSweepLimits(spec: SweepSpec, limits: RequestLimits): SweepSpec {
  const issues: FieldIssue[] = [];
  const variants = spec.variants?.length ?? 0;
  if (variants > limits.maxVariantsPerSweep) {
    issues.push({ field: 'variants', reason: `${variants} variants; at most ${limits.maxVariantsPerSweep} per sweep (MAX_VARIANTS_PER_SWEEP)` });
  }
  if (spec.method === 'grid' && spec.space) {
    const size = gridPointCount(spec.space);
    if (size > limits.maxGridSize) {
      issues.push({ field: 'space.parameters', reason: `the grid has ${size} points; at most ${limits.maxGridSize} (MAX_GRID_SIZE)` });
    }
  }
  if (issues.length) throw new SpecError(issues);
  return spec;
}
