import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorResponse } from './error-response';
import { ReplayedResponse } from './replayed-response';

/** Every error leaves in the contract's envelope; an unexpected one is logged with a correlation id, never shown. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    if (error instanceof ReplayedResponse) {
      void reply.status(error.status).send(error.body);
      return;
    }
    const response = toErrorResponse(error);
    if (!response.expected) {
      const correlationId = randomUUID();
      this.logger.error({ err: error, correlationId, method: request.method, url: request.url }, 'unhandled error');
      response.body.error.message = `Internal error (correlation id ${correlationId})`;
    }
    void reply.status(response.status).send(response.body);
  }
}
