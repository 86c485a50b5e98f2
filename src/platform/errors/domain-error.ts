import { ErrorCode } from './error-codes';

/** A failure the caller can act on: a contract code, a human message, optional details. Never an HTTP type. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what = 'Resource'): DomainError => new DomainError('NOT_FOUND', `${what} not found`);
export const unauthenticated = (message = 'Missing or invalid credentials'): DomainError =>
  new DomainError('UNAUTHENTICATED', message);
export const forbidden = (message = 'Not allowed for this caller'): DomainError =>
  new DomainError('FORBIDDEN', message);

/** 429: Retry-After is set from `details.retryAfterSeconds` (AllExceptionsFilter). */
export const rateLimited = (retryAfterSeconds: number, message = 'Too many requests'): DomainError =>
  new DomainError('RATE_LIMITED', `${message}; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });

export interface FieldProblem {
  field: string;
  problems: string[];
}

export const validationFailed = (details: FieldProblem[], message = 'Request validation failed'): DomainError =>
  new DomainError('VALIDATION_FAILED', message, details);
