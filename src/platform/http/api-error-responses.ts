import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ERROR_STATUS, ErrorCode } from '../errors/error-codes';

/**
 * The error codes a route's own work can answer with (its conflicts above all), grouped by status. What every
 * route of its kind can answer (401/403 of its guard, 400 of a body, 404 of an id in the path, 429, 503,
 * Idempotency-Key refusals) is added to the document for it, all in the shared ErrorResponse schema
 * (platform/openapi/operation-errors.ts); naming those here too changes nothing.
 */
export function ApiErrorResponses(...codes: ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  return applyDecorators(
    ...[...byStatus].map(([status, grouped]) => ApiResponse({ status, description: grouped.join(', ') })),
  );
}
