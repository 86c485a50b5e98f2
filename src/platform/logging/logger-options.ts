import type { Params } from 'nestjs-pino';
import type { Options as HttpLoggerOptions } from 'pino-http';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/config';

/**
 * The application's pino logger (nestjs-pino: Nest's Logger and PinoLogger write through it): JSON lines in
 * production, readable lines in development; credentials never reach the log. `forRoutes: []`: nestjs-pino mounts
 * no Nest middleware; requests are logged by RequestLogging, a Fastify hook (request-logging.ts says why).
 */
export function loggerOptions(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      transport:
        config.nodeEnv === 'development'
          ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } }
          : undefined,
    },
    forRoutes: [],
  };
}

/** pino-http's per-request part: the request id (a caller's X-Request-Id kept) and the access line. */
export function requestLoggerOptions(config: AppConfig): HttpLoggerOptions {
  return {
    genReqId: (request) => (request.headers['x-request-id'] as string | undefined) ?? randomUUID(),
    autoLogging: config.nodeEnv !== 'test',
  };
}
