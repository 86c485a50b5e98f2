import { HttpException } from '@nestjs/common';
import { DomainError } from './domain-error';
import { ERROR_STATUS, ErrorCode } from './error-codes';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  /** False for failures of our own (500): those are logged with a correlation id. */
  expected: boolean;
  /** Every 429 says when to try again (`Retry-After`). */
  retryAfterSeconds?: number;
}

/** When a 429 without a time of its own may try again: the rate limits' window. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

const NEST_STATUS_CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** Fastify's own errors (raised while reading the body, before any handler runs). */
const FASTIFY_CODES: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: 'Request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send JSON (Content-Type: application/json)',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'VALIDATION_FAILED', message: 'Body must be a JSON object' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'VALIDATION_FAILED', message: 'Content-Length does not match the body' },
  // The router's own refusals (Fastify's frameworkErrors): a path that does not decode, a segment past maxParamLength.
  FST_ERR_BAD_URL: { code: 'VALIDATION_FAILED', message: 'The URL path is not valid percent-encoding' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'URI_TOO_LONG', message: 'A path segment is too long' },
};

function envelope(code: ErrorCode, message: string, details?: unknown): ErrorResponse {
  const body: ErrorBody = { error: { code, message } };
  if (details !== undefined) body.error.details = details;
  const response: ErrorResponse = { status: ERROR_STATUS[code], body, expected: code !== 'INTERNAL' };
  if (code === 'RATE_LIMITED') response.retryAfterSeconds = retryAfterSecondsOf(details);
  return response;
}

function retryAfterSecondsOf(details: unknown): number {
  const seconds = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isInteger(seconds) && seconds > 0
    ? seconds
    : DEFAULT_RETRY_AFTER_SECONDS;
}

/** Turns anything thrown into the contract's error envelope. The one place that decides an error's status. */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (error instanceof DomainError) return envelope(error.code, error.message, error.details);
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = NEST_STATUS_CODES[status];
    if (code === 'VALIDATION_FAILED')
      return envelope(code, error.message, [{ field: 'body', problems: [error.message] }]);
    if (code) return envelope(code, status === 404 || status === 405 ? 'Route not found' : error.message);
  }
  if (typeof error === 'object' && error !== null) {
    const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
    if (typeof code === 'string' && FASTIFY_CODES[code]) {
      return envelope(FASTIFY_CODES[code].code, FASTIFY_CODES[code].message);
    }
    // The client went away while sending its body (Fastify marks the read's error 400): not a failure of ours.
    if (code === 'ECONNRESET' && statusCode === 400) {
      return envelope('VALIDATION_FAILED', 'The request was aborted before its body arrived');
    }
    // Malformed JSON and prototype-poisoning keys (`__proto__`, `constructor`) both surface as 400 SyntaxErrors.
    if (statusCode === 400 && (error instanceof SyntaxError || code === 'FST_ERR_CTP_INVALID_JSON_BODY')) {
      return envelope('VALIDATION_FAILED', 'Body is not acceptable JSON', [
        { field: 'body', problems: [(error as Error).message] },
      ]);
    }
    // Any other refusal of Fastify's own (a 4xx FST_ERR_*) keeps its status, in the envelope.
    const byStatus = typeof statusCode === 'number' ? NEST_STATUS_CODES[statusCode] : undefined;
    if (typeof code === 'string' && code.startsWith('FST_ERR_') && byStatus) {
      return envelope(byStatus, (error as Error).message);
    }
  }
  return envelope('INTERNAL', 'Internal error');
}
