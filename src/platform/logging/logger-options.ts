import type { LoggerOptions } from 'pino';
import type { Options as HttpLoggerOptions } from 'pino-http';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/config';

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

/** pino-http's per-request part: the request id (a caller's X-Request-Id kept), the access line, no secret in a URL. */
export function requestLoggerOptions(config: AppConfig): HttpLoggerOptions {
  return {
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    autoLogging: config.nodeEnv !== 'test',
    // Applied after pino's own request serializer, to every line bound to the request.
    serializers: {
      req: (req: { url?: string }) => {
        if (req.url) req.url = req.url.replace(SECRET_IN_QUERY, '$1[Redacted]');
        return req;
      },
    },
  };
}
