import { Inject, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { errorCodes } from 'fastify';
import { AsyncResource } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { validationFailed } from '../../../platform/errors/domain-error';
import { BodyParser, boundedJsonParser } from '../../../platform/http/bounded-json-parser';
import { fastifyOf } from '../../../platform/http/fastify-instance';
import { FrontDoor } from '../../../platform/http/front-door';
import { RequestLogging } from '../../../platform/logging/request-logging';
import { RUNTIME, Runtime } from '../../../platform/runtime/runtime';
import { PurchaseAnswers } from './purchase-answers';
import { bodyOrEmpty, compileBodyValidator, quantityOf } from './purchase-validation';
import { decodedPathSegment, isJsonMediaType } from '../../../platform/http/door-request';

/** The purchase's path, whatever the id segment holds, with or without a query string. */
const PURCHASE_PATH = /^\/v1\/flash-sales\/([^/?]*)\/purchase(?:\?|$)/;
/** The path as a route template (HTTP metrics, as Fastify names its routes). */
const PURCHASE_ROUTE = '/v1/flash-sales/:id/purchase';

// The refusals Fastify's body handling gave, so the global mapping (toErrorResponse) answers them as before.
const ROUTE_NOT_FOUND = new NotFoundException();
const MEDIA_TYPE = new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE();
const TOO_LARGE = new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE();
const LENGTH_MISMATCH = new errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH();
const BAD_ID = validationFailed([{ field: 'id', problems: ['must be a valid URL path segment'] }]);

/**
 * `POST /v1/flash-sales/:id/purchase`: its only entrance, answered before Fastify's routing (FrontDoor), which
 * measured a third of a sold-out answer's CPU (routing, eight onRequest hooks doing nothing here, the
 * content-type parser's stream handling). It takes every request for the path (a query string is ignored) and
 * answers it as the API has: another method 404 as for any unknown route; no body (or `null`, `{}`) is one unit;
 * a JSON body checked by the compiled schema; another media type (a form included) 415; more than BODY_LIMIT_BYTES
 * 413 as soon as that many bytes have come; chunked bodies read like others; malformed JSON, prototype poisoning and
 * a body past the shape limits 400 by the application's JSON parser (bounded-json-parser.ts). Then PurchaseAnswers
 * answers.
 */
@Injectable()
export class PurchaseFrontDoor implements OnModuleInit {
  private readonly validateBody = compileBodyValidator();
  private readonly bodyLimit: number;
  private parseJson: BodyParser | null = null;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly frontDoor: FrontDoor,
    private readonly answers: PurchaseAnswers,
    private readonly logging: RequestLogging,
    @Inject(RUNTIME) runtime: Runtime,
  ) {
    this.bodyLimit = runtime.config.bodyLimitBytes;
  }

  onModuleInit(): void {
    const fastify = fastifyOf(this.adapterHost);
    if (!fastify) return;
    this.parseJson = boundedJsonParser(fastify);
    this.frontDoor.use((request, response) => this.take(request, response), PURCHASE_ROUTE);
  }

  /** Takes every request for the purchase's path; returns false, having touched nothing, for any other. */
  take(request: IncomingMessage, response: ServerResponse): boolean {
    const path = PURCHASE_PATH.exec(request.url ?? '');
    if (!path) return false;
    if (!this.logging.writesAccessLine()) this.receive(request, response, path[1], false);
    else this.logging.attach(request, response, () => this.receive(request, response, path[1], true));
    return true;
  }

  /** `inContext`: the body's end is handled in the request's logging context, as Fastify's parser does. */
  private receive(request: IncomingMessage, response: ServerResponse, segment: string, inContext: boolean): void {
    if (request.method !== 'POST') return this.answers.fail(ROUTE_NOT_FOUND, request, response);
    const saleId = decodedPathSegment(segment);
    if (saleId === null) return this.answers.fail(BAD_ID, request, response);
    const { headers } = request;
    const type = headers['content-type'];
    if (type === undefined) {
      const length = headers['content-length'];
      if (headers['transfer-encoding'] === undefined && (length === undefined || length === '0')) {
        return this.answerBody(request, response, saleId, undefined);
      }
      return this.answers.fail(MEDIA_TYPE, request, response);
    }
    const parse = this.parserFor(type);
    if (parse === null) return this.answers.fail(MEDIA_TYPE, request, response);
    if (Number(headers['content-length']) > this.bodyLimit) return this.answers.fail(TOO_LARGE, request, response);
    this.read(request, response, saleId, parse, inContext);
  }

  /** The body's parser by its media type (parameters such as charset ignored, as Fastify matched them). */
  private parserFor(type: string): BodyParser | null {
    return isJsonMediaType(type) ? this.parseJson : null;
  }

  /** Reads the body's bytes, refusing 413 (and reading no further) once they exceed the limit. */
  private read(
    request: IncomingMessage,
    response: ServerResponse,
    saleId: string,
    parse: BodyParser,
    inContext: boolean,
  ): void {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > this.bodyLimit) {
        request.removeListener('data', onData);
        request.removeListener('end', onEnd);
        return this.answers.fail(TOO_LARGE, request, response);
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      request.removeListener('data', onData);
      const declared = Number(request.headers['content-length']);
      if (!Number.isNaN(declared) && declared !== received) {
        return this.answers.fail(LENGTH_MISMATCH, request, response);
      }
      const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received);
      this.parsed(request, response, saleId, parse, body);
    };
    request.on('data', onData);
    request.once('end', inContext ? AsyncResource.bind(onEnd) : onEnd);
  }

  /** Runs on the body's end, outside anything that would catch a throw: whatever goes wrong is answered here. */
  private parsed(request: IncomingMessage, response: ServerResponse, saleId: string, parse: BodyParser, body: Buffer) {
    try {
      parse(request, body, (error, value) => {
        if (error) return this.answers.fail(error, request, response);
        this.answerBody(request, response, saleId, value);
      });
    } catch (error) {
      this.answers.fail(error, request, response);
    }
  }

  /** The body rule and schema, then the answer. `parsed`: the body, undefined when there was none. */
  private answerBody(request: IncomingMessage, response: ServerResponse, saleId: string, parsed: unknown): void {
    const body = bodyOrEmpty(parsed);
    const problems = this.validateBody(body);
    if (problems) return this.answers.invalid(problems, response);
    const { method, url, headers } = request;
    this.answers.answer({ method: method!, url: url!, headers, saleId, quantity: quantityOf(body) }, response);
  }
}
