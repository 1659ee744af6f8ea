import type { FastifyInstance } from 'fastify';
import { Ajv2020 } from 'ajv/dist/2020.js';

/**
 * Checks every answer the app gives against its own OpenAPI document: the status must be
 * declared for the operation, the media type too, a declared header must be set, and a JSON
 * body must match the declared schema. A mismatch is recorded (not thrown, which would turn the answer into a 500 and
 * hide what was wrong); the test app fails its file on close if any were seen, so the
 * document cannot drift from what the code does.
 */
export interface ContractCheck {
  violations: string[];
}

type Operation = { responses: Record<string, { content?: Record<string, { schema: unknown }>; headers?: Record<string, unknown> }> };
type Document = { paths: Record<string, Record<string, Operation>> };

/** A JSON pointer segment, URI-escaped for a $ref fragment. */
const segment = (s: string) => encodeURIComponent(s.replaceAll('~', '~0').replaceAll('/', '~1'));

export function checkResponsesAgainstDocument(app: FastifyInstance): ContractCheck {
  const check: ContractCheck = { violations: [] };
  let doc: Document | null = null;
  let ajv: Ajv2020 | null = null;
  const validators = new Map<string, ReturnType<Ajv2020['compile']>>();

  app.addHook('onSend', async (request, reply, payload) => {
    const url = request.routeOptions.url;
    if (!url || request.method === 'HEAD') return payload; // no route: the 404 handler
    if (!doc) {
      doc = app.swagger() as unknown as Document;
      ajv = new Ajv2020({ strict: false, validateFormats: false, validateSchema: false, allErrors: true });
      ajv.addSchema(doc as object, 'openapi');
    }
    const path = url.replace(/:(\w+)/g, '{$1}');
    const method = request.method.toLowerCase();
    const op = doc.paths[path]?.[method];
    if (!op) return payload; // hidden from the document (dashboard, /docs)
    const where = `${request.method} ${request.url} → ${reply.statusCode}`;
    const declared = op.responses[String(reply.statusCode)];
    if (!declared) {
      check.violations.push(`${where}: status not declared (declared: ${Object.keys(op.responses).join(', ')})`);
      return payload;
    }
    // A declared header (Retry-After on 429 and 503) is on the answer.
    for (const name of Object.keys(declared.headers ?? {})) {
      if (reply.getHeader(name) === undefined) check.violations.push(`${where}: declared header ${name} missing`);
    }
    const mediaType = String(reply.getHeader('content-type') ?? '')
      .split(';')[0]!
      .trim();
    if (!declared.content) {
      if (payload !== undefined && payload !== null && String(payload) !== '') check.violations.push(`${where}: a body where none is declared`);
      return payload;
    }
    if (!declared.content[mediaType]) {
      check.violations.push(`${where}: media type "${mediaType}" not declared (declared: ${Object.keys(declared.content).join(', ')})`);
      return payload;
    }
    if (mediaType !== 'application/json' || typeof payload !== 'string') return payload;
    const key = `${path} ${method} ${reply.statusCode}`;
    let validate = validators.get(key);
    if (!validate) {
      const pointer = ['paths', path, method, 'responses', String(reply.statusCode), 'content', mediaType, 'schema'].map(segment).join('/');
      validate = ajv!.compile({ $ref: `openapi#/${pointer}` });
      validators.set(key, validate);
    }
    let body: unknown;
    try {
      body = JSON.parse(payload);
    } catch {
      check.violations.push(`${where}: declared JSON, but the body is not JSON`);
      return payload;
    }
    if (!validate(body)) check.violations.push(`${where}: body does not match the document: ${ajv!.errorsText(validate.errors)}`);
    return payload;
  });
  return check;
}
