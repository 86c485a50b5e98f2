import type { Params } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/config';

/** JSON lines in production, readable lines in development; credentials never reach the log. */
export function loggerOptions(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      genReqId: (request) => (request.headers['x-request-id'] as string | undefined) ?? randomUUID(),
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      autoLogging: config.nodeEnv !== 'test',
      transport:
        config.nodeEnv === 'development'
          ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } }
          : undefined,
    },
  };
}
