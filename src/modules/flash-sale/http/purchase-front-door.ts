import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AsyncResource } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fastifyOf } from '../../../platform/http/fastify-instance';
import { FrontDoor } from '../../../platform/http/front-door';
import { RequestLogging } from '../../../platform/logging/request-logging';
import { RUNTIME, Runtime } from '../../../platform/runtime/runtime';
import { PurchaseAnswers } from './purchase-answers';
import { bodyOrEmpty, compileBodyValidator, quantityOf } from './purchase-validation';

/** The requests the front door takes: the route's path with a plain id segment, nothing after it. */
const PURCHASE_PATH = /^\/v1\/flash-sales\/([A-Za-z0-9_-]{1,64})\/purchase$/;
const JSON_CONTENT_TYPE = /^application\/json(?:; ?charset=utf-8)?$/i;
const CONTENT_LENGTH = /^[1-9][0-9]{0,5}$/;
/** A purchase body is `{"quantity": n}`: anything longer goes to Fastify (and its body limit). */
const MAX_BODY_BYTES = 1024;

type JsonParser = (request: unknown, body: string, done: (error: Error | null, value?: unknown) => void) => void;

/**
 * `POST /v1/flash-sales/:id/purchase` answered before Fastify's routing (FrontDoor): a third of a sold-out
 * answer's CPU was Fastify's routing, its eight onRequest hooks (six of them Nest's, doing nothing here), the
 * content-type parser's stream handling and its AsyncResource. It takes only requests it can answer exactly as
 * FlashPurchaseRoute would: POST, the path with a plain id and no query string, a JSON body of a known length up
 * to 1 KiB or no body at all. Anything else (chunked, another content type, a longer body...) it leaves to that
 * route, untouched. The body is parsed by Fastify's own JSON parser and checked with the route's schema, compiled
 * by the route's compiler (compileBodyValidator), then PurchaseAnswers answers, so both ways give the same
 * answers (test/flash-sale/front-door.e2e-spec.ts).
 */
@Injectable()
export class PurchaseFrontDoor implements OnModuleInit {
  private readonly validateBody = compileBodyValidator();
  private readonly maxBodyBytes: number;
  private parseJson: JsonParser | null = null;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly frontDoor: FrontDoor,
    private readonly answers: PurchaseAnswers,
    private readonly logging: RequestLogging,
    @Inject(RUNTIME) runtime: Runtime,
  ) {
    this.maxBodyBytes = Math.min(MAX_BODY_BYTES, runtime.config.bodyLimitBytes);
  }

  onModuleInit(): void {
    const fastify = fastifyOf(this.adapterHost);
    if (!fastify) return;
    const { onProtoPoisoning, onConstructorPoisoning } = fastify.initialConfig;
    this.parseJson = fastify.getDefaultJsonParser(
      onProtoPoisoning ?? 'error',
      onConstructorPoisoning ?? 'error',
    ) as unknown as JsonParser;
    this.frontDoor.use((request, response) => this.take(request, response));
  }

  /** Answers the request, or returns false having touched nothing. */
  take(request: IncomingMessage, response: ServerResponse): boolean {
    if (request.method !== 'POST' || this.parseJson === null) return false;
    const path = PURCHASE_PATH.exec(request.url ?? '');
    if (!path) return false;
    const { headers } = request;
    if (headers['transfer-encoding'] !== undefined) return false;
    const type = headers['content-type'];
    const length = headers['content-length'];
    let hasBody: boolean;
    if (type === undefined) {
      // Fastify's route: no body at all is {} (quantity 1); a body without a content type is its 415.
      if (length !== undefined && length !== '0') return false;
      hasBody = false;
    } else {
      if (!JSON_CONTENT_TYPE.test(type)) return false;
      if (length === undefined || !CONTENT_LENGTH.test(length) || Number(length) > this.maxBodyBytes) return false;
      hasBody = true;
    }
    const saleId = path[1];
    if (!this.logging.writesAccessLine()) {
      this.receive(request, response, saleId, hasBody, false);
    } else {
      this.logging.attach(request, response, () => this.receive(request, response, saleId, hasBody, true));
    }
    return true;
  }

  /** `inContext`: the body's end is handled in the request's logging context, as Fastify's parser does. */
  private receive(
    request: IncomingMessage,
    response: ServerResponse,
    saleId: string,
    hasBody: boolean,
    inContext: boolean,
  ): void {
    if (!hasBody) return this.answerBody(request, response, saleId, undefined);
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      text += chunk;
    });
    const onEnd = () => this.parsed(request, response, saleId, text);
    request.once('end', inContext ? AsyncResource.bind(onEnd) : onEnd);
  }

  /** Runs on the body's end, outside anything that would catch a throw: whatever goes wrong is answered here. */
  private parsed(request: IncomingMessage, response: ServerResponse, saleId: string, text: string): void {
    try {
      this.parseJson!(request, text, (error, parsed) => {
        if (error) return this.answers.fail(error, request, response);
        this.answerBody(request, response, saleId, parsed);
      });
    } catch (error) {
      this.answers.fail(error, request, response);
    }
  }

  /** The route's body rule and schema, then the answer. `parsed`: the JSON body, undefined when there was none. */
  private answerBody(request: IncomingMessage, response: ServerResponse, saleId: string, parsed: unknown): void {
    const body = bodyOrEmpty(parsed);
    const problems = this.validateBody(body);
    if (problems) return this.answers.invalid(problems, response);
    this.answers.answer({ headers: request.headers, saleId, quantity: quantityOf(body) }, request, response);
  }
}
