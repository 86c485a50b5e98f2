import { Injectable, Logger } from '@nestjs/common';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { bearerTokenOf } from '../../../platform/auth/bearer';
import { CredentialKinds } from '../../../platform/auth/credential-kind';
import { setRawCaller } from '../../../platform/auth/caller';
import { ShopperTokens } from '../../../platform/auth/shopper-tokens';
import { DomainError, validationFailed } from '../../../platform/errors/domain-error';
import { errorAnswer } from '../../../platform/errors/error-answer';
import { toErrorResponse } from '../../../platform/errors/error-response';
import { FlashPurchases, PurchaseAnswer } from '../flash-purchases';
import { SchemaProblem, toFieldProblem } from './purchase-validation';

const JSON_TYPE = 'application/json; charset=utf-8';
const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/;

/** A purchase whose path and body PurchaseFrontDoor accepted. */
export interface PurchaseCall {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  saleId: string;
  quantity: number;
}

/**
 * What `POST /v1/flash-sales/:id/purchase` answers, written on the raw response (PurchaseFrontDoor):
 * a token verification cached until its exp (ShopperTokens: one HS256 verification per shopper, not per
 * attempt), the Idempotency-Key header, FlashPurchases, and the error envelope (errorAnswer, as the global
 * filter answers).
 */
@Injectable()
export class PurchaseAnswers {
  // As the global filter's: one name for every unexpected error's line.
  private readonly logger = new Logger('Errors');
  private readonly bodies = new WeakMap<DomainError, { status: number; body: string }>();

  constructor(
    private readonly purchases: FlashPurchases,
    private readonly tokens: ShopperTokens,
    private readonly kinds: CredentialKinds,
  ) {}

  /**
   * Answers the call; whatever goes wrong is answered too. What the instance knows already (a sold-out or closed
   * sale) is answered at once, with no promise made: under a stampede that is most of the calls.
   */
  answer(call: PurchaseCall, response: ServerResponse): void {
    try {
      const token = bearerTokenOf(call.headers.authorization);
      const shopper = this.tokens.verify(token);
      if (shopper === null) {
        this.kinds
          .refusal(token, 'shopper')
          .then((error) => this.refuse(response, error))
          .catch((error: unknown) => this.fail(error, call, response));
        return;
      }
      setRawCaller(response.req, { kind: 'shopper', ...shopper });
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
      const request = { shopper, saleId: call.saleId, quantity: call.quantity, idempotencyKey };
      const known = this.purchases.refusalInProcess(request);
      if (known) return this.settle(response, known);
      // catch() after then(): a throw while answering is answered too, never an unhandled rejection.
      this.purchases
        .throughGate(request)
        .then((answer) => this.settle(response, answer))
        .catch((error: unknown) => this.fail(error, call, response));
    } catch (error) {
      this.fail(error, call, response);
    }
  }

  /** A body the schema refused: the contract's VALIDATION_FAILED with Ajv's problems. */
  invalid(problems: SchemaProblem[], response: ServerResponse): void {
    this.refuse(response, validationFailed(problems.map(toFieldProblem)));
  }

  /** Anything else that went wrong: the contract's envelope; our own failures logged with a correlation id. */
  fail(error: unknown, request: { method?: string; url?: string }, response: ServerResponse): void {
    if (error instanceof DomainError) return this.refuse(response, error);
    const result = errorAnswer(error, request, this.logger);
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

/** Writes the answer on the raw response: nothing of Fastify runs for the purchase (FrontDoor). */
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
