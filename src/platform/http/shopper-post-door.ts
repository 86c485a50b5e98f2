import { Inject, Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { AsyncResource } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerTokenOrNull } from '../auth/bearer';
import { callerScope, setRawCaller, ShopperCaller } from '../auth/caller';
import { ShopperTokens } from '../auth/shopper-tokens';
import { DomainError, rateLimited } from '../errors/domain-error';
import { errorAnswer } from '../errors/error-answer';
import { toErrorResponse } from '../errors/error-response';
import { RequestLogging } from '../logging/request-logging';
import { RUNTIME, Runtime } from '../runtime/runtime';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type { CallerBudget } from '../throttling/caller-budget';
import { RedisThrottlerStorage } from '../throttling/redis-throttler-storage';
import { BodyParser, boundedJsonParser } from './bounded-json-parser';
import { fastifyOf } from './fastify-instance';
import { FrontDoor } from './front-door';
import { decodedPathSegment, isJsonMediaType } from './door-request';

const JSON_TYPE = 'application/json; charset=utf-8';
/** As ThrottlingModule configures the throttler: one window of a minute, named `default`. */
const THROTTLE_TTL_MS = 60_000;
const THROTTLER = 'default';
/** Throttler keys kept in memory per route at most (one per shopper); past that they are made again. */
const THROTTLE_KEYS_KEPT = 100_000;

/** A shopper's bodiless POST on one campaign, answered 201 before Fastify when it is the common case. */
export interface ShopperPostRoute {
  /** The path, its one id segment captured; no query string. */
  path: RegExp;
  /** The route's template as Fastify names it (`/v1/coupon-templates/:id/claim`): the HTTP metrics' label. */
  template: string;
  /**
   * The Nest controller and method that serve the same route (the throttler keys a caller's budget by them):
   * a request the door leaves to Fastify and one it answers count against one budget.
   */
  controller: string;
  handler: string;
  /**
   * The 201 answer's body (a refusal is thrown as a DomainError). With Redis, `budget` is the request's count
   * against the caller's budget, for the gate serving it to make (CallerBudget); null when counted in process.
   */
  answer: (shopper: ShopperCaller, id: string, budget: CallerBudget | null) => Promise<unknown>;
}

/**
 * Hot shopper POSTs (a coupon claim, a lucky draw) answered before Fastify (FrontDoor), where Nest's request pipeline
 * (routing, hooks, guards, the global ValidationPipe, interceptors) costs more than the claim itself. The door takes
 * only the common case, and leaves everything else to the route's Nest controller, which stays its OpenAPI entry and
 * its other entrance: a POST on the exact path with a shopper token this instance has verified (ShopperTokens), no
 * Idempotency-Key (the idempotency interceptor keeps those), and either no body or a JSON body of known length
 * (parsed by the application's JSON parser, so malformed JSON gets the same 400). What it answers is what the
 * controller would: the throttler's count first (the same storage, key and `x-ratelimit-*` headers; 429 with
 * Retry-After), then the answer, 201 with its JSON, or the contract's error envelope. With Redis the gate serving
 * the request makes that count in its own script call (CallerBudget), so a claim or a draw is one round trip.
 */
@Injectable()
export class ShopperPostDoor {
  // As the global filter's: one name for every unexpected error's line.
  private readonly logger = new Logger('Errors');
  private readonly bodyLimit: number;
  private readonly limit: number;
  private parseJson: BodyParser | null = null;
  /** Per route: shopper id -> throttler key. */
  private readonly throttleKeys = new Map<ShopperPostRoute, Map<string, string>>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly frontDoor: FrontDoor,
    private readonly tokens: ShopperTokens,
    private readonly logging: RequestLogging,
    @InjectThrottlerStorage() private readonly throttle: ThrottlerStorage,
    @Inject(RUNTIME) runtime: Runtime,
  ) {
    this.bodyLimit = runtime.config.bodyLimitBytes;
    this.limit = runtime.config.rateLimitPerMinute;
  }

  /** Puts the route in front of Fastify (from a module's onModuleInit). Without Fastify (no server) it does nothing. */
  register(route: ShopperPostRoute): void {
    const fastify = fastifyOf(this.adapterHost);
    if (!fastify) return;
    this.parseJson ??= boundedJsonParser(fastify);
    this.frontDoor.use((request, response) => this.take(route, request, response), route.template);
  }

  /** Takes the request (true) or leaves it to Fastify untouched (false). */
  private take(route: ShopperPostRoute, request: IncomingMessage, response: ServerResponse): boolean {
    if (request.method !== 'POST') return false;
    const match = route.path.exec(request.url ?? '');
    if (!match) return false;
    const { headers } = request;
    if (headers['idempotency-key'] !== undefined) return false;
    const id = decodedPathSegment(match[1]);
    const token = bearerTokenOrNull(headers.authorization);
    const shopper = id === null || token === null ? null : this.tokens.verify(token);
    if (shopper === null) return false;
    const type = headers['content-type'];
    const length = headers['content-length'];
    const chunked = headers['transfer-encoding'] !== undefined;
    let parse: BodyParser | null = null;
    if (type === undefined) {
      if (chunked || (length !== undefined && length !== '0')) return false;
    } else {
      const declared = Number(length);
      if (!isJsonMediaType(type) || chunked || !(declared > 0 && declared <= this.bodyLimit)) return false;
      parse = this.parseJson;
    }
    if (this.logging.writesAccessLine()) {
      this.logging.attach(request, response, () => this.receive(route, request, response, shopper, id!, parse, true));
    } else this.receive(route, request, response, shopper, id!, parse, false);
    return true;
  }

  private receive(
    route: ShopperPostRoute,
    request: IncomingMessage,
    response: ServerResponse,
    shopper: ShopperCaller,
    id: string,
    parse: BodyParser | null,
    inContext: boolean,
  ): void {
    setRawCaller(request, { kind: 'shopper', ...shopper });
    const run = () => void this.answer(route, request, response, shopper, id);
    if (parse === null) return run();
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    const onEnd = () => {
      try {
        parse(request, Buffer.concat(chunks), (error) => (error ? this.fail(error, request, response) : run()));
      } catch (error) {
        this.fail(error, request, response);
      }
    };
    // In the request's logging context when one was attached, as Fastify's parser runs.
    request.once('end', inContext ? AsyncResource.bind(onEnd) : onEnd);
  }

  private async answer(
    route: ShopperPostRoute,
    request: IncomingMessage,
    response: ServerResponse,
    shopper: ShopperCaller,
    id: string,
  ): Promise<void> {
    try {
      const key = this.throttleKey(route, shopper);
      // Counted in Redis, the request is counted by the gate that serves it, in the same call (CallerBudget).
      const budget =
        this.throttle instanceof RedisThrottlerStorage
          ? this.throttle.budget(key, THROTTLE_TTL_MS, this.limit, THROTTLER)
          : null;
      const counted = budget ? null : await this.count(key);
      if (counted?.isBlocked) return this.refuse(response, rateLimited(Math.max(1, counted.timeToBlockExpire)), {});
      let body: unknown;
      try {
        body = await route.answer(shopper, id, budget);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        // Refused before any gate counted it (nothing changed): the budget decides whether it is told 429 instead.
        // Not when the gate failed: Redis is failing, and the 503 must not wait on it twice.
        const count =
          counted ??
          budget?.count ??
          (error.code === 'SERVICE_UNAVAILABLE' ? null : await this.count(key).catch(() => null));
        if (count?.isBlocked) return this.refuse(response, rateLimited(Math.max(1, count.timeToBlockExpire)), {});
        return this.refuse(response, error, count ? rateHeaders(count, this.limit) : {});
      }
      const count = counted ?? budget?.count ?? (await this.count(key));
      respond(response, 201, JSON.stringify(body), rateHeaders(count, this.limit));
    } catch (error) {
      this.fail(error, request, response);
    }
  }

  /** The throttler guard's key for the caller on the route (its hash made once per shopper and route). */
  private throttleKey(route: ShopperPostRoute, shopper: ShopperCaller): string {
    let keys = this.throttleKeys.get(route);
    if (!keys) this.throttleKeys.set(route, (keys = new Map()));
    let key = keys.get(shopper.userId);
    if (key === undefined) {
      if (keys.size >= THROTTLE_KEYS_KEPT) keys.clear();
      const tracker = callerScope({ kind: 'shopper', ...shopper });
      key = createHash('sha256').update(`${route.controller}-${route.handler}-${THROTTLER}-${tracker}`).digest('hex');
      keys.set(shopper.userId, key);
    }
    return key;
  }

  private count(key: string): Promise<ThrottlerStorageRecord> {
    return this.throttle.increment(key, THROTTLE_TTL_MS, this.limit, THROTTLE_TTL_MS, THROTTLER);
  }

  /** A refusal from the contract, in its envelope (RATE_LIMITED with Retry-After, as the global filter answers). */
  private refuse(response: ServerResponse, error: DomainError, headers: Record<string, string | number>): void {
    const result = toErrorResponse(error);
    const extra = { ...headers };
    if (result.retryAfterSeconds !== undefined) extra['retry-after'] = String(result.retryAfterSeconds);
    respond(response, result.status, JSON.stringify(result.body), extra);
  }

  private fail(error: unknown, request: IncomingMessage, response: ServerResponse): void {
    if (error instanceof DomainError) return this.refuse(response, error, {});
    const result = errorAnswer(error, request, this.logger);
    respond(response, result.status, JSON.stringify(result.body), {});
  }
}

/** The throttler guard's headers for a counted request. */
function rateHeaders(count: ThrottlerStorageRecord, limit: number): Record<string, number> {
  return {
    'x-ratelimit-limit': limit,
    'x-ratelimit-remaining': Math.max(0, limit - count.totalHits),
    'x-ratelimit-reset': count.timeToExpire,
  };
}

/** Writes the answer on the raw response: nothing of Fastify runs for what the door takes. */
function respond(
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string | number>,
): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, { ...headers, 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}
