import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorAnswer } from './error-answer';
import { JSON_CONTENT_TYPE, ReplayedResponse } from './replayed-response';

/** Every error leaves in the contract's envelope; an unexpected one is logged with a correlation id, never shown. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    if (error instanceof ReplayedResponse) {
      void reply.status(error.status).type(JSON_CONTENT_TYPE).send(error.json);
      return;
    }
    const response = errorAnswer(error, request, this.logger);
    if (response.retryAfterSeconds !== undefined) void reply.header('retry-after', String(response.retryAfterSeconds));
    void reply.status(response.status).send(response.body);
  }
}
