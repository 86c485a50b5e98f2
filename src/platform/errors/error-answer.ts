import type { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ErrorResponse, toErrorResponse } from './error-response';

/**
 * The contract's answer to anything thrown. A failure of our own (500) is logged with a correlation id, which is
 * all the answer shows of it. The global filter and the routes registered on Fastify directly both answer so.
 */
export function errorAnswer(
  error: unknown,
  request: { method?: string; url?: string },
  logger: Pick<Logger, 'error'>,
): ErrorResponse {
  const response = toErrorResponse(error);
  if (!response.expected) {
    const correlationId = randomUUID();
    logger.error({ err: error, correlationId, method: request.method, url: request.url }, 'unhandled error');
    response.body.error.message = `Internal error (correlation id ${correlationId})`;
  }
  return response;
}
