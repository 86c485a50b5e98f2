import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { fastifyOf } from '../../../platform/http/fastify-instance';
import { PurchaseAnswers } from './purchase-answers';
import { PURCHASE_BODY_SCHEMA, PURCHASE_PARAMS_SCHEMA, PURCHASE_URL } from './purchase-schema';
import { bodyOrEmpty, quantityOf, SchemaProblem, strictCompiler } from './purchase-validation';

type PurchaseRequest = FastifyRequest<{ Params: { id: string }; Body: unknown }>;

/**
 * `POST /v1/flash-sales/:id/purchase`, the one entrance of a purchase, registered on the Fastify instance inside
 * the Nest application rather than as a Nest controller: the global ValidationPipe, guards and interceptors would
 * cost more than the whole attempt (../shared/STACK.md). The path and body are checked by a compiled JSON schema
 * (strict: no coercion, unknown fields refused), and the answer is written on the raw response (reply.hijack():
 * PurchaseAnswers). It keeps what matters of the Nest stack: the same process, configuration and shutdown, the
 * request logging (RequestLogging, when an access line is written), the error envelope, and its operation in
 * /docs-json (createApp adds PURCHASE_OPENAPI).
 */
@Injectable()
export class FlashPurchaseRoute implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly answers: PurchaseAnswers,
  ) {}

  onModuleInit(): void {
    const fastify = fastifyOf(this.adapterHost);
    if (!fastify) return;
    fastify.route({
      method: 'POST',
      url: PURCHASE_URL,
      schema: { params: PURCHASE_PARAMS_SCHEMA, body: PURCHASE_BODY_SCHEMA },
      validatorCompiler: strictCompiler,
      // No per-request logger unless its access line is written: the refusals are answers, and failures are
      // logged with a correlation id, method and url.
      config: { requestLogging: 'when-written' },
      // The body is optional ({quantity} defaults to 1); the schema then checks an empty object.
      preValidation: (request, _reply, done) => {
        request.body = bodyOrEmpty(request.body);
        done();
      },
      errorHandler: (error, request, reply) => this.fail(error, request, reply),
      handler: (request, reply) => {
        const { params, body, headers, method, url } = request as PurchaseRequest;
        reply.hijack();
        return this.answers.answer({ method, url, headers, saleId: params.id, quantity: quantityOf(body) }, reply.raw);
      },
    });
  }

  /** Fastify's own refusals (schema, body parsing, media type) in the contract's envelope. */
  private fail(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
    reply.hijack();
    const validation = (error as FastifyError).validation as SchemaProblem[] | undefined;
    if (validation) this.answers.invalid(validation, reply.raw);
    else this.answers.fail(error, request, reply.raw);
  }
}
