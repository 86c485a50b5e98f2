import { ERROR_STATUS, ErrorCode } from '../errors/error-codes';
import { IDEMPOTENCY_KEY_HEADER } from '../idempotency/idempotent.decorator';
import { ERROR_RESPONSE_REF } from './error-schema';

/** What the OpenAPI document cannot say about a route and its error answers depend on. */
export interface RouteFacts {
  /** The global rate limit counts it (not `@SkipThrottle()`). */
  throttled: boolean;
  /** `@Idempotent()`: the interceptor may refuse a key reused with another body, or one still in use. */
  idempotent: boolean;
}

interface Parameter {
  name: string;
  in: string;
  schema?: object;
  description?: string;
  required?: boolean;
}

interface Operation {
  parameters?: Parameter[];
  security?: Array<Record<string, string[]>>;
  responses: Record<string, { description?: string } & Record<string, unknown>>;
}

const KNOWN_CODES = new Set(Object.keys(ERROR_STATUS));
const WITH_BODY = new Set(['post', 'put', 'patch']);

/**
 * The code a refusal of this status carries when its description names none (error-response.ts). A 409 has no
 * such code: a route documents its conflicts by name.
 */
const STATUS_CODE: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  500: 'INTERNAL',
  503: 'SERVICE_UNAVAILABLE',
};

/** The codes a route declared itself (ApiErrorResponses, or a description that names them). */
function declaredCodes(route: string, operation: Operation): ErrorCode[] {
  return Object.entries(operation.responses)
    .filter(([status]) => Number(status) >= 400)
    .flatMap(([status, response]) => {
      const named = (response.description ?? '').match(/\b[A-Z][A-Z0-9_]+\b/g) ?? [];
      const codes = named.filter((word) => KNOWN_CODES.has(word)) as ErrorCode[];
      if (codes.length > 0) return codes;
      const fallback = STATUS_CODE[Number(status)];
      if (!fallback) throw new Error(`OpenAPI: ${route} documents a ${status} without naming its error codes`);
      return [fallback];
    });
}

/**
 * The codes every route of its kind can answer with, whatever its handler does: the guards (credential missing or
 * of another kind), the Idempotency-Key interceptor (a malformed key, one reused or still in use), body and query validation, an id in the path that names
 * nothing, the rate limit, a shutting-down instance (front-door.ts) and a failure of our own.
 */
function inheritedCodes(method: string, operation: Operation, facts: RouteFacts | undefined): ErrorCode[] {
  const parameters = operation.parameters ?? [];
  const codes: ErrorCode[] = ['INTERNAL', 'SERVICE_UNAVAILABLE'];
  if ((operation.security ?? []).length > 0) codes.push('UNAUTHENTICATED', 'FORBIDDEN');
  if (WITH_BODY.has(method)) codes.push('VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE');
  if (parameters.some((parameter) => parameter.in === 'query')) codes.push('VALIDATION_FAILED');
  if (parameters.some((parameter) => parameter.in === 'path')) codes.push('NOT_FOUND');
  if (parameters.some(isIdempotencyKey)) codes.push('VALIDATION_FAILED');
  if (facts?.idempotent) codes.push('IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_KEY_IN_USE');
  if (facts?.throttled) codes.push('RATE_LIMITED');
  return codes;
}

const isIdempotencyKey = (parameter: Parameter) =>
  parameter.in === 'header' && parameter.name.toLowerCase() === IDEMPOTENCY_KEY_HEADER.name.toLowerCase();

/**
 * The operation with one response per error status, each the shared envelope and described by the codes it can
 * carry (those the route declared and those its kind inherits), `security: []` spelled out on a public route, and
 * the Idempotency-Key header with its limits.
 */
export function withErrorResponses(
  method: string,
  path: string,
  operation: Operation,
  facts: RouteFacts | undefined,
): Operation {
  const declared = declaredCodes(`${method.toUpperCase()} ${path}`, operation);
  const codes = new Set([...declared, ...inheritedCodes(method, operation, facts)]);
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of Object.keys(ERROR_STATUS) as ErrorCode[]) {
    if (codes.has(code)) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  }
  const successes = Object.entries(operation.responses).filter(([status]) => Number(status) < 400);
  const errors = [...byStatus]
    .sort(([a], [b]) => a - b)
    .map(([status, grouped]) => [
      String(status),
      { description: grouped.join(', '), content: { 'application/json': { schema: { $ref: ERROR_RESPONSE_REF } } } },
    ]);
  return {
    ...operation,
    security: operation.security ?? [],
    parameters: operation.parameters?.map((parameter) =>
      isIdempotencyKey(parameter) ? { ...parameter, ...IDEMPOTENCY_KEY_HEADER } : parameter,
    ),
    responses: Object.fromEntries([...successes, ...errors]),
  };
}
