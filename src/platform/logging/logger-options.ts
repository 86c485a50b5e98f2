import type { LoggerOptions } from 'pino';
import type { Options as HttpLoggerOptions } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from '../../config/config';
import { rawCaller } from '../auth/caller';

/**
 * The application's pino logger (Nest's Logger writes through it, AppLogger): JSON lines in production, readable
 * lines in development; credentials never reach the log. Requests are logged by RequestLogging.
 */
export function loggerOptions(config: AppConfig): LoggerOptions {
  return {
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    transport:
      config.nodeEnv === 'development'
        ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } }
        : undefined,
  };
}

/** A caller's request id is kept when it is one short printable token; anything else gets a UUID. */
const REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

/** A query parameter whose value never reaches a log: code2Session's app secret (the sandbox serves its path). */
const SECRET_IN_QUERY = /([?&]secret=)[^&]*/gi;

/** Who made a request, for its access line: the kind of credential that passed and whose it is, never the credential. */
export function callerFields(request: IncomingMessage): { kind: string; id?: string } {
  const caller = rawCaller(request);
  switch (caller?.kind) {
    case undefined:
      return { kind: 'anonymous' };
    case 'admin':
      return { kind: 'admin' };
    case 'merchant':
      return { kind: 'merchant', id: caller.merchantId };
    case 'shopper':
      return { kind: 'shopper', id: caller.userId };
  }
}

/**
 * pino-http's per-request part: the request id (a caller's X-Request-Id kept) and the access line, one per request
 * at info: `req {id, method, url}`, `res {statusCode}`, `responseTime` (ms) and `caller {kind, id}`. No headers: they
 * carry credentials and cookies, and every line written inside the request carries the same `req`.
 */
export function requestLoggerOptions(config: AppConfig): HttpLoggerOptions {
  return {
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    autoLogging: config.nodeEnv !== 'test',
    serializers: {
      req: (request: { id: unknown; method: string; url: string }) => ({
        id: request.id,
        method: request.method,
        url: request.url.replace(SECRET_IN_QUERY, '$1[Redacted]'),
      }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
    customSuccessObject: (request, _response, line: object) => ({ ...line, caller: callerFields(request) }),
    customErrorObject: (request, _response, _error, line: object) => ({ ...line, caller: callerFields(request) }),
  };
}
