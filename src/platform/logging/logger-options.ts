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

/** pino-http's per-request part: the request id (a caller's X-Request-Id kept) and the access line. */
export function requestLoggerOptions(config: AppConfig): HttpLoggerOptions {
  return {
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    autoLogging: config.nodeEnv !== 'test',
  };
}
