/** One problem with one field of an input; `field` is a dotted path ("variants.1.model.kind"). */
export interface FieldIssue {
  field: string;
  reason: string;
}

/** Stable error codes; the API maps each to one HTTP status in one place. */
export type ErrorCode =
  | 'INVALID_SPEC'
  | 'INVALID_REQUEST'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAVAILABLE'
  /** Postgres cannot be reached (503 with Retry-After). */
  | 'DATABASE_UNAVAILABLE'
  /** Redis cannot be reached (503 with Retry-After). */
  | 'QUEUE_UNAVAILABLE'
  /** No API key, or one that is unknown or revoked (401). */
  | 'UNAUTHENTICATED'
  /** A valid key whose role does not allow the request: a read key on a mutating route (403). */
  | 'FORBIDDEN'
  /** Past the per-key request rate (429, with Retry-After). */
  | 'RATE_LIMITED'
  /** A body over the size limit (413). */
  | 'TOO_LARGE'
  /** A request body of a media type the API does not read (415). */
  | 'UNSUPPORTED_MEDIA_TYPE'
  /** A path segment too long to route (414). */
  | 'URI_TOO_LONG';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class SpecError extends DomainError {
  constructor(issues: FieldIssue[]) {
    super('INVALID_SPEC', issues.map((i) => `${i.field || '(body)'}: ${i.reason}`).join('; '), issues);
    this.name = 'SpecError';
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super('NOT_FOUND', `${what} ${id} not found`);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends DomainError {
  constructor(message: string) {
    super('CONFLICT', message);
    this.name = 'ConflictError';
  }
}
