export type FieldIssue = { field: string; reason: string };

export type DomainErrorKind =
  | 'invalid'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unauthenticated'
  | 'rate_limited';

/**
 * What domain code throws when a request cannot be carried out. It names no HTTP status: the HTTP layer
 * maps the kind to one (invalid → 422, not_found → 404, conflict → 409, …).
 */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** The message of `invalid()`; the HTTP layer replaces it with a sentence naming the field. */
export const GENERIC_INVALID = 'The request is not valid';

export const invalid = (field: string, reason: string) =>
  new DomainError('invalid', GENERIC_INVALID, [{ field, reason }]);

export const notFound = (what: string) => new DomainError('not_found', `${what} was not found`);

export const conflict = (message: string, extra: Record<string, unknown> = {}) =>
  new DomainError('conflict', message, [], extra);
