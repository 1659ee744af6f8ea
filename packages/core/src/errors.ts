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
  | 'UNAVAILABLE';

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
