import { Logger } from '@nestjs/common';
import { pino } from 'pino';
import type { AppConfig } from '../../config/config';
import { AppLogger } from './app-logger';
import { loggerOptions } from './logger-options';

interface LogLine {
  level: number;
  msg?: string;
  context?: string;
  req?: { id?: string; headers?: Record<string, string> };
  err?: { type: string; message: string; stack: string };
  [field: string]: unknown;
}

/** An AppLogger behind Nest's Logger, over a pino logger with the application's options, its lines kept. */
function appLoggerWritingTo(lines: LogLine[], logLevel: AppConfig['logLevel'] = 'info'): AppLogger {
  const config = { logLevel, nodeEnv: 'production' } as AppConfig;
  const root = pino(loggerOptions(config), { write: (line: string) => lines.push(JSON.parse(line) as LogLine) });
  const appLogger = new AppLogger(root);
  Logger.overrideLogger(appLogger);
  return appLogger;
}

describe('AppLogger (Nest Logger calls written through pino)', () => {
  let lines: LogLine[];
  beforeEach(() => {
    lines = [];
  });

  it("writes each call as one JSON line at its level, with the Logger's context", () => {
    appLoggerWritingTo(lines);
    const logger = new Logger('Orders');
    logger.log('order o-1 paid');
    logger.warn('order o-2 left for reconciliation');
    logger.fatal('out of fen');
    logger.debug('below the level: not written');
    logger.verbose('below the level: not written');
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, context: 'Orders', msg: 'order o-1 paid' }),
      expect.objectContaining({ level: 40, context: 'Orders', msg: 'order o-2 left for reconciliation' }),
      expect.objectContaining({ level: 60, context: 'Orders', msg: 'out of fen' }),
    ]);
  });

  it('writes verbose as trace and debug as debug when the level allows them', () => {
    appLoggerWritingTo(lines, 'trace');
    new Logger('Jobs').verbose('tick');
    new Logger('Jobs').debug('claimed 3');
    expect(lines).toEqual([
      expect.objectContaining({ level: 10, context: 'Jobs', msg: 'tick' }),
      expect.objectContaining({ level: 20, context: 'Jobs', msg: 'claimed 3' }),
    ]);
  });

  it("writes Nest's module and route-mapping lines at debug, so the info log starts with what matters", () => {
    appLoggerWritingTo(lines);
    new Logger('RoutesResolver').log('OrdersController {/v1}:');
    new Logger('RouterExplorer').log('Mapped {/v1/orders, POST} route');
    new Logger('InstanceLoader').log('OrdersModule dependencies initialized');
    new Logger('NestApplication').log('Nest application successfully started');
    expect(lines).toEqual([expect.objectContaining({ level: 30, msg: 'Nest application successfully started' })]);

    lines.length = 0;
    appLoggerWritingTo(lines, 'debug');
    new Logger('RouterExplorer').log('Mapped {/v1/orders, POST} route');
    expect(lines).toEqual([
      expect.objectContaining({ level: 20, context: 'RouterExplorer', msg: 'Mapped {/v1/orders, POST} route' }),
    ]);
  });

  it("merges an object message into the line, its Error serialized as err with the stack (the errors' shape)", () => {
    appLoggerWritingTo(lines);
    new Logger('Errors').error({ err: new Error('relation missing'), correlationId: 'c-1' }, 'unhandled error');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, context: 'Errors', msg: 'unhandled error', correlationId: 'c-1' });
    expect(lines[0].err).toMatchObject({ type: 'Error', message: 'relation missing' });
    expect(lines[0].err?.stack).toMatch(/^Error: relation missing\n\s+at /);
  });

  it("writes Nest's own error calls: an Error, or a message and a stack, which is never taken for a context", () => {
    appLoggerWritingTo(lines);
    new Logger('ExceptionsHandler').error(new Error('handler threw'));
    const failure = new Error('hook failed');
    Logger.error(failure, failure.stack);
    Logger.error('Error happened during shutdown', failure.stack, 'NestApplicationContext');
    Logger.error('Unable to connect to the database. Retrying (1)...', failure.stack);

    expect(lines[0]).toMatchObject({ level: 50, context: 'ExceptionsHandler', msg: 'handler threw' });
    expect(lines[0].err).toMatchObject({ message: 'handler threw' });
    expect(lines[1]).toMatchObject({ level: 50, msg: 'hook failed', err: { stack: failure.stack } });
    expect(lines[1].context).toBeUndefined();
    expect(lines[2]).toMatchObject({
      context: 'NestApplicationContext',
      msg: 'Error happened during shutdown',
      err: { message: 'Error happened during shutdown', stack: failure.stack },
    });
    expect(lines[3]).toMatchObject({ msg: 'Unable to connect to the database. Retrying (1)...' });
    expect(lines[3].context).toBeUndefined();
    expect(lines).toHaveLength(4);
  });

  it("writes through the request's logger inside runWith, across awaits, and through the root outside", async () => {
    const appLogger = appLoggerWritingTo(lines);
    const logger = new Logger('Coupons');
    const request = appLogger.root.child({ req: { id: 'trace-1' } });
    await appLogger.runWith(request, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      logger.warn('inside the request');
    });
    logger.warn('outside any request');
    expect(lines).toEqual([
      expect.objectContaining({ msg: 'inside the request', req: { id: 'trace-1' } }),
      expect.not.objectContaining({ req: expect.anything() }),
    ]);
  });

  it("redacts the request's authorization and cookie headers in every line written with its bindings", () => {
    const appLogger = appLoggerWritingTo(lines);
    const headers = { authorization: 'Bearer ek_secret-key', cookie: 'session=secret', accept: 'application/json' };
    appLogger.runWith(appLogger.root.child({ req: { id: 'trace-2', headers } }), () =>
      new Logger('Errors').error('inside the request'),
    );
    expect(lines[0].req?.headers).toEqual({
      authorization: '[Redacted]',
      cookie: '[Redacted]',
      accept: 'application/json',
    });
    expect(JSON.stringify(lines)).not.toContain('secret');
  });
});
