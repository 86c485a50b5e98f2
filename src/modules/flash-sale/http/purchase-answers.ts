import { Injectable, Logger } from '@nestjs/common';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { bearerTokenOf } from '../../../platform/auth/bearer';
import { CredentialKinds } from '../../../platform/auth/credential-kind';
import { ShopperTokens } from '../../../platform/auth/shopper-tokens';
import { DomainError, validationFailed } from '../../../platform/errors/domain-error';
import { toErrorResponse } from '../../../platform/errors/error-response';
import { FlashPurchases, PurchaseAnswer } from '../purchase.service';
import { SchemaProblem, toFieldProblem } from './purchase-validation';

const JSON_TYPE = 'application/json; charset=utf-8';
const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/;

/** A purchase whose path and body have been validated (by Fastify's schema, or the front door's). */
export interface PurchaseCall {
  headers: IncomingHttpHeaders;
  saleId: string;
  quantity: number;
}

/**
 * What `POST /v1/flash-sales/:id/purchase` answers, on the raw response, whichever way the request came in (the
 * front door or the Fastify route): a token verification cached until its exp (ShopperTokens: one HS256
 * verification per shopper, not per attempt), the Idempotency-Key header, FlashPurchases, and the error
 * envelope (toErrorResponse; unexpected errors logged with a correlation id, as AllExceptionsFilter does).
 */
@Injectable()
export class PurchaseAnswers {
  // The route's name, as the log lines have always carried it.
  private readonly logger = new Logger('FlashPurchaseRoute');
  private readonly bodies = new WeakMap<DomainError, { status: number; body: string }>();

  constructor(
    private readonly purchases: FlashPurchases,
    private readonly tokens: ShopperTokens,
    private readonly kinds: CredentialKinds,
  ) {}

  /**
   * Synchronous until something must be awaited (an unknown token's refusal, a sale to load, the gate), so an
   * attempt refused in process creates no promise. Errors, thrown or rejected, end in fail().
   */
  answer(call: PurchaseCall, request: IncomingMessage, response: ServerResponse): void {
    try {
      const token = bearerTokenOf(call.headers.authorization);
      const shopper = this.tokens.verify(token);
      if (shopper === null) {
        this.kinds
          .refusal(token, 'shopper')
          .then((error) => this.refuse(response, error))
          .catch((error: unknown) => this.fail(error, request, response));
        return;
      }
      const header = call.headers['idempotency-key'];
      let idempotencyKey: string | null = null;
      if (header !== undefined) {
        if (typeof header !== 'string' || !IDEMPOTENCY_KEY.test(header)) {
          throw validationFailed([
            { field: 'Idempotency-Key', problems: ['must be one header of 1-255 printable ASCII characters'] },
          ]);
        }
        idempotencyKey = header;
      }
      const answer = this.purchases.attempt({ shopper, saleId: call.saleId, quantity: call.quantity, idempotencyKey });
      if (answer instanceof Promise) {
        // catch() after then(): a throw while answering is answered too, never an unhandled rejection.
        answer
          .then((settled) => this.settle(response, settled))
          .catch((error: unknown) => this.fail(error, request, response));
      } else {
        this.settle(response, answer);
      }
    } catch (error) {
      this.fail(error, request, response);
    }
  }

  /** A body or path the schema refused: the contract's VALIDATION_FAILED with Ajv's problems. */
  invalid(problems: SchemaProblem[], response: ServerResponse): void {
    this.refuse(response, validationFailed(problems.map(toFieldProblem)));
  }

  /** Anything else that went wrong: the contract's envelope; our own failures logged with a correlation id. */
  fail(error: unknown, request: IncomingMessage, response: ServerResponse): void {
    if (error instanceof DomainError) return this.refuse(response, error);
    const result = toErrorResponse(error);
    if (!result.expected) {
      const correlationId = randomUUID();
      this.logger.error({ err: error, correlationId, method: request.method, url: request.url }, 'unhandled error');
      result.body.error.message = `Internal error (correlation id ${correlationId})`;
    }
    respond(response, result.status, JSON.stringify(result.body));
  }

  private settle(response: ServerResponse, answer: PurchaseAnswer): void {
    if (answer instanceof DomainError) return this.refuse(response, answer);
    const orderId = answer.orderId === null ? 'null' : `"${answer.orderId}"`;
    respond(
      response,
      202,
      `{"reservationId":"${answer.reservationId}","status":"${answer.status}","orderId":${orderId}}`,
    );
  }

  /** A refusal from the contract, serialized once per error instance (the common ones are singletons). */
  private refuse(response: ServerResponse, error: DomainError): void {
    let answer = this.bodies.get(error);
    if (!answer) {
      const result = toErrorResponse(error);
      answer = { status: result.status, body: JSON.stringify(result.body) };
      this.bodies.set(error, answer);
    }
    if (error.code === 'RATE_LIMITED') {
      const seconds = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 1;
      return respond(response, answer.status, answer.body, String(seconds));
    }
    respond(response, answer.status, answer.body);
  }
}

/**
 * Writes the answer on the raw response: Fastify's send pipeline (onSend hooks, none here, header merging,
 * payload checks) costs more than the rest of a sold-out answer. A header set with reply.header() or an onSend
 * hook would not reach it.
 */
function respond(response: ServerResponse, status: number, body: string, retryAfter?: string): void {
  if (response.headersSent || response.destroyed) return;
  const headers: Record<string, string | number> = {
    'content-type': JSON_TYPE,
    'content-length': Buffer.byteLength(body),
  };
  if (retryAfter !== undefined) headers['retry-after'] = retryAfter;
  response.writeHead(status, headers);
  response.end(body);
}
