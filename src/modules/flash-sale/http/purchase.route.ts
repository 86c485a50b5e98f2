import AjvCompiler from '@fastify/ajv-compiler';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { randomUUID } from 'node:crypto';
import { bearerToken } from '../../../platform/auth/bearer';
import { CredentialKinds } from '../../../platform/auth/credential-kind';
import { ShopperTokens } from '../../../platform/auth/shopper-tokens';
import { DomainError, FieldProblem, validationFailed } from '../../../platform/errors/domain-error';
import { toErrorResponse } from '../../../platform/errors/error-response';
import { FlashPurchases, PurchaseAnswer } from '../purchase.service';
import { PURCHASE_BODY_SCHEMA, PURCHASE_PARAMS_SCHEMA, PURCHASE_URL, withPurchaseOperation } from './purchase-schema';

type PurchaseRequest = FastifyRequest<{ Params: { id: string }; Body: { quantity?: number } | undefined }>;

const JSON_TYPE = 'application/json; charset=utf-8';
const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/;

/**
 * Ajv as the contract wants it, not Fastify's defaults: no type coercion ("5" is not an integer) and unknown
 * fields refused rather than silently removed.
 */
const strictCompiler = AjvCompiler()(
  {},
  { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
) as unknown as (route: { schema: unknown }) => ReturnType<FastifySchemaCompiler<unknown>>;

/**
 * `POST /v1/flash-sales/:id/purchase`, registered on the Fastify instance inside the Nest application rather
 * than as a Nest controller: the global ValidationPipe, guards and interceptors would cost more than the whole
 * attempt (../shared/STACK.md). It keeps what matters of the Nest stack: the same process, configuration and
 * shutdown, the request logging (RequestLogging: when an access line is written), the error envelope (toErrorResponse,
 * unexpected errors logged with a correlation id like AllExceptionsFilter), and a place in /docs-json.
 * Per request: a compiled JSON schema, a token verification cached until its exp (ShopperTokens: one HS256
 * verification per shopper, not per attempt), then FlashPurchases.
 */
@Injectable()
export class FlashPurchaseRoute implements OnModuleInit {
  private readonly logger = new Logger('FlashPurchaseRoute');
  private readonly bodies = new WeakMap<DomainError, { status: number; body: string }>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly purchases: FlashPurchases,
    private readonly tokens: ShopperTokens,
    private readonly kinds: CredentialKinds,
  ) {
    // Providers are built before createApp() runs SwaggerModule.setup, so this hook sees /docs-json registered
    // and adds the hot route's operation to the document it serves.
    this.fastify()?.addHook('onRoute', (route) => {
      if (route.url !== '/docs-json' || route.method !== 'GET') return;
      const existing = route.onSend === undefined ? [] : Array.isArray(route.onSend) ? route.onSend : [route.onSend];
      route.onSend = [
        ...existing,
        async (_request: FastifyRequest, _reply: FastifyReply, payload: unknown) =>
          typeof payload === 'string' ? JSON.stringify(withPurchaseOperation(JSON.parse(payload))) : payload,
      ];
    });
  }

  onModuleInit(): void {
    const fastify = this.fastify();
    if (!fastify) return;
    fastify.route({
      method: 'POST',
      url: PURCHASE_URL,
      schema: { params: PURCHASE_PARAMS_SCHEMA, body: PURCHASE_BODY_SCHEMA },
      validatorCompiler: strictCompiler,
      // No per-request logger unless its access line is written: the refusals are answers, and fail() logs the
      // failures with a correlation id, method and url.
      config: { requestLogging: 'when-written' },
      // The body is optional ({quantity} defaults to 1); the schema then checks an empty object.
      preValidation: (request, _reply, done) => {
        if (request.body === undefined || request.body === null) request.body = {};
        done();
      },
      errorHandler: (error, request, reply) => this.fail(error, request, reply),
      handler: (request, reply) => this.handle(request as PurchaseRequest, reply),
    });
  }

  /**
   * Synchronous until something must be awaited (an unknown token's refusal, a sale to load, the gate), so an
   * attempt refused in process creates no promise. Thrown errors reach errorHandler (fail) either way.
   */
  private handle(request: PurchaseRequest, reply: FastifyReply): undefined | Promise<FastifyReply> {
    const token = bearerToken(request);
    const shopper = this.tokens.verify(token);
    if (shopper === null) return this.kinds.refusal(token, 'shopper').then((error) => this.refuse(reply, error));
    const header = request.headers['idempotency-key'];
    let idempotencyKey: string | null = null;
    if (header !== undefined) {
      if (typeof header !== 'string' || !IDEMPOTENCY_KEY.test(header)) {
        throw validationFailed([
          { field: 'Idempotency-Key', problems: ['must be one header of 1-255 printable ASCII characters'] },
        ]);
      }
      idempotencyKey = header;
    }
    const answer = this.purchases.attempt({
      shopper,
      saleId: request.params.id,
      quantity: request.body?.quantity ?? 1,
      idempotencyKey,
    });
    if (answer instanceof Promise) return answer.then((settled) => this.answer(reply, settled));
    this.answer(reply, answer);
    return undefined;
  }

  private answer(reply: FastifyReply, answer: PurchaseAnswer): FastifyReply {
    if (answer instanceof DomainError) return this.refuse(reply, answer);
    const orderId = answer.orderId === null ? 'null' : `"${answer.orderId}"`;
    return respond(
      reply,
      202,
      `{"reservationId":"${answer.reservationId}","status":"${answer.status}","orderId":${orderId}}`,
    );
  }

  /** A refusal from the contract, serialized once per error instance (the common ones are singletons). */
  private refuse(reply: FastifyReply, error: DomainError): FastifyReply {
    let answer = this.bodies.get(error);
    if (!answer) {
      const response = toErrorResponse(error);
      answer = { status: response.status, body: JSON.stringify(response.body) };
      this.bodies.set(error, answer);
    }
    if (error.code === 'RATE_LIMITED') {
      const seconds = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 1;
      return respond(reply, answer.status, answer.body, String(seconds));
    }
    return respond(reply, answer.status, answer.body);
  }

  private fail(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
    const validation = (error as FastifyError).validation;
    const cause = validation ? validationFailed(validation.map(toFieldProblem)) : error;
    if (cause instanceof DomainError) return this.refuse(reply, cause);
    const response = toErrorResponse(cause);
    if (!response.expected) {
      const correlationId = randomUUID();
      this.logger.error({ err: error, correlationId, method: request.method, url: request.url }, 'unhandled error');
      response.body.error.message = `Internal error (correlation id ${correlationId})`;
    }
    return respond(reply, response.status, JSON.stringify(response.body));
  }

  private fastify(): FastifyInstance | null {
    const adapter = this.adapterHost.httpAdapter as { getInstance?: () => FastifyInstance } | undefined;
    return adapter?.getInstance ? adapter.getInstance() : null;
  }
}

/**
 * Writes the answer on the raw response (reply.hijack): Fastify's send pipeline (onSend hooks, none here, header
 * merging, payload checks) costs more than the rest of a sold-out answer. onResponse hooks and the access line
 * still run on the response's finish; a header set with reply.header() or an onSend hook would not reach it.
 */
function respond(reply: FastifyReply, status: number, body: string, retryAfter?: string): FastifyReply {
  reply.hijack();
  const headers: Record<string, string | number> = {
    'content-type': JSON_TYPE,
    'content-length': Buffer.byteLength(body),
  };
  if (retryAfter !== undefined) headers['retry-after'] = retryAfter;
  reply.raw.writeHead(status, headers);
  reply.raw.end(body);
  return reply;
}

/** Ajv's report of one problem, as the contract's `details` entries name fields. */
function toFieldProblem(problem: {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}): FieldProblem {
  const path = problem.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (problem.keyword === 'additionalProperties') {
    const name = String(problem.params.additionalProperty);
    return { field: path ? `${path}.${name}` : name, problems: [`property ${name} should not exist`] };
  }
  return { field: path || 'body', problems: [problem.message ?? problem.keyword] };
}
