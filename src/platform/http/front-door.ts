import { createServer, IncomingMessage, Server, ServerOptions, ServerResponse } from 'node:http';
import { DomainError } from '../errors/domain-error';
import { toErrorResponse } from '../errors/error-response';

/**
 * A route that may answer a request before Fastify sees it. It returns false, having read and written nothing,
 * to leave the request to Fastify.
 */
export type FrontDoorRoute = (request: IncomingMessage, response: ServerResponse) => boolean;

/** Told of every answer a route here gave: its method, route template, status and seconds taken. */
export type FrontDoorObserver = (method: string, route: string, status: number, seconds: number) => void;

interface Entrance {
  take: FrontDoorRoute;
  /** The route's template, as metrics name it (`/v1/flash-sales/:id/purchase`). */
  template: string;
}

// Kept on the response between the route taking it and its 'finish': no closure per request on a hot route.
const TEMPLATE = Symbol('frontDoorTemplate');
const STARTED_AT = Symbol('frontDoorStartedAt');
interface TimedResponse extends ServerResponse {
  [TEMPLATE]: string;
  [STARTED_AT]: number;
}

/** What Fastify hands its serverFactory: its options after defaults (the ones it would set on its own server). */
interface ServerFactoryOptions {
  https?: unknown;
  http2?: unknown;
  http?: ServerOptions;
  keepAliveTimeout?: number;
  requestTimeout?: number;
  connectionTimeout?: number;
  maxRequestsPerSocket?: number;
}

// What a request that arrives while the server closes is answered (Fastify's own 503 has another shape).
const CLOSING = toErrorResponse(new DomainError('SERVICE_UNAVAILABLE', 'The service is shutting down; try again'));
const CLOSING_BODY = JSON.stringify(CLOSING.body);

/**
 * The HTTP server's first look at every request, through Fastify's documented `serverFactory`. A hot route
 * registered here is the only entrance of its path (it is not registered on Fastify): it answers every request
 * for that path without Fastify's routing, hooks and body parsing (on the flash-sale purchase, a third of a
 * sold-out answer's CPU); everything else goes to Fastify unchanged. Once the server stops listening (the application closes), a request that arrives on a kept-alive connection is
 * answered 503 SERVICE_UNAVAILABLE in the contract's envelope with `Connection: close`, on every route: Fastify
 * would answer 503 too, but as `{"error": "Service Unavailable", "statusCode": 503}`.
 * Nothing registered on Fastify runs for what a route here answers: no hook or plugin, no Nest middleware, and none
 * of what Nest's adapter does in its hooks when enabled (`enableCors`, `useSecurityHeaders`, `return503OnClosing`,
 * versioning); none is enabled today. One server for one address: Fastify binds a second one itself (`HOST=localhost`
 * as 127.0.0.1 and ::1) only for a server it makes, so HOST names one address here.
 */
export class FrontDoor {
  private readonly routes: Entrance[] = [];
  private observer: FrontDoorObserver | null = null;
  private readonly answered: (this: TimedResponse) => void;

  constructor() {
    const tell = (response: TimedResponse) =>
      this.observer?.(
        response.req.method ?? '',
        response[TEMPLATE],
        response.statusCode,
        (performance.now() - response[STARTED_AT]) / 1000,
      );
    // A listener gets its emitter as `this`: one function for every response.
    this.answered = function (this: TimedResponse) {
      tell(this);
    };
  }

  use(take: FrontDoorRoute, template: string): void {
    this.routes.push({ take, template });
  }

  /** One observer (HTTP metrics): told of every answer given here, as Fastify's onResponse hook is of its own. */
  observe(observer: FrontDoorObserver): void {
    this.observer = observer;
  }

  /** For `new FastifyAdapter({ serverFactory })`: the server Fastify would make, with this door in front. */
  readonly serverFactory = (
    fastify: (request: IncomingMessage, response: ServerResponse) => void,
    options: ServerFactoryOptions,
  ): Server => {
    // HTTPS and HTTP/2 would need servers of their own kind; this service terminates neither.
    if (options.https || options.http2) throw new Error('FrontDoor makes HTTP/1.1 servers only');
    const server = createServer(options.http ?? {}, (request, response) => {
      if (!server.listening) return answerClosing(response);
      const startedAt = this.observer === null ? 0 : performance.now();
      for (const route of this.routes) {
        if (route.take(request, response)) return this.watch(response as TimedResponse, route.template, startedAt);
      }
      fastify(request, response);
    });
    // As Fastify sets up the server it makes itself (lib/server.js).
    if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
    if (options.requestTimeout !== undefined) server.requestTimeout = options.requestTimeout;
    if (options.connectionTimeout !== undefined) server.setTimeout(options.connectionTimeout);
    if (options.maxRequestsPerSocket !== undefined && options.maxRequestsPerSocket > 0) {
      server.maxRequestsPerSocket = options.maxRequestsPerSocket;
    }
    return server;
  };

  private watch(response: TimedResponse, template: string, startedAt: number): void {
    if (this.observer === null) return;
    response[TEMPLATE] = template;
    response[STARTED_AT] = startedAt;
    response.on('finish', this.answered);
  }
}

function answerClosing(response: ServerResponse): void {
  response.writeHead(CLOSING.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(CLOSING_BODY),
    connection: 'close',
  });
  response.end(CLOSING_BODY);
}
