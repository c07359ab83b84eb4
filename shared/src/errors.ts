/**
 * Typed errors the domain throws and the HTTP layer renders as
 * `{ error: { code, message, details } }` with the matching status.
 * They carry no stack to clients: the message is written for the caller.
 */
export interface ErrorDetail {
  /** Dotted path of the offending field, e.g. `body.email` or `address.postalCode`. */
  field?: string;
  /** The rule that failed, e.g. `too_small`, `unique`, `outside_window`. */
  rule?: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super(400, 'validation_failed', message, details);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Sign in to continue.', code = 'unauthorized') {
    super(401, code, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You do not have access to this.') {
    super(403, 'forbidden', message);
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Not found.', code = 'not_found') {
    super(404, code, message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, code = 'conflict', details: ErrorDetail[] = []) {
    super(409, code, message, details);
  }
}

/** What was read (`body.version`) was changed by someone else meanwhile: reload and apply the change again. */
export const staleVersionError = (message: string) =>
  new ConflictError(message, 'version_conflict', [
    { field: 'body.version', rule: 'stale', message: 'body.version: is not the current version' },
  ]);

/** A business rule refused the request (the input was well-formed). */
export class RuleError extends AppError {
  constructor(code: string, message: string, details: ErrorDetail[] = []) {
    super(422, code, message, details);
  }
}

export class LockedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(423, 'account_locked', message);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, 'too_many_requests', message);
  }
}
