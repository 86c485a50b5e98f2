import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpLogger, pinoHttp } from 'pino-http';
import { fastifyOf } from '../http/fastify-instance';
import { RUNTIME, Runtime } from '../runtime/runtime';
import { AppLogger } from './app-logger';
import { requestLoggerOptions } from './logger-options';

/**
 * Each request's logging, as a Fastify onRequest hook: pino-http's per-request logger and access line, and that
 * logger as the request's logging context (AppLogger.runWith), so Nest's Logger inside a request writes with the
 * request's bindings. A hook rather than Nest middleware because any Nest middleware makes @fastify/middie work on
 * every request, before any route can opt out: copying id, ip, ips, hostname, protocol, query and log onto the raw
 * request and matching the path. On the flash-sale purchase route that was ~6 µs of ~49 µs per sold-out answer.
 * (Middie's copy of Fastify's own id also made pino-http log `req-1`, `req-2`...: the X-Request-Id rule of
 * requestLoggerOptions now applies.)
 */
@Injectable()
export class RequestLogging implements OnModuleInit {
  private readonly httpLogger: HttpLogger;
  private readonly accessLines: boolean;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly appLogger: AppLogger,
    @Inject(RUNTIME) runtime: Runtime,
  ) {
    const options = requestLoggerOptions(runtime.config);
    this.accessLines = options.autoLogging !== false;
    this.httpLogger = pinoHttp({ ...options, logger: appLogger.root });
  }

  onModuleInit(): void {
    fastifyOf(this.adapterHost)?.addHook('onRequest', (request, reply, done) =>
      this.attach(request.raw, reply.raw, done),
    );
  }

  /**
   * The request's logger and access line; `next` runs in its logging context. For a route answered before
   * Fastify (FrontDoor) as for the hook.
   */
  attach(request: IncomingMessage, response: ServerResponse, next: () => void): void {
    this.httpLogger(request, response);
    this.appLogger.runWith(request.log, next);
  }

  /**
   * Whether access lines are written (info enabled, not NODE_ENV=test). A FrontDoor route attaches only then: it
   * logs its own failures with what they need.
   */
  writesAccessLine(): boolean {
    return this.accessLines && this.httpLogger.logger.isLevelEnabled('info');
  }
}
