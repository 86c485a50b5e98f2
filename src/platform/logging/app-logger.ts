import type { LoggerService } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Level, Logger as PinoLogger } from 'pino';

/** How Node prints a stack's frames: tells a stack from a context where Nest's Logger passes either. */
const STACK_FRAME = /\n\s*at /;

/** Nest's start-up bookkeeping, a line per module and per route (~130 lines): detail for debugging, not info. */
const START_UP_DETAIL = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/**
 * Nest's logger (`app.useLogger`): every Nest Logger writes JSON lines through the application's pino logger, and
 * inside a request through that request's logger (RequestLogging), so its lines carry the request's bindings.
 */
export class AppLogger implements LoggerService {
  private readonly requestLoggers = new AsyncLocalStorage<PinoLogger>();

  constructor(readonly root: PinoLogger) {}

  /** Runs `work` with `logger` behind every Nest Logger call made in it, across its awaits too. */
  runWith<T>(logger: PinoLogger, work: () => T): T {
    return this.requestLoggers.run(logger, work);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  log(message: unknown, ...params: unknown[]): void {
    const context = params.at(-1);
    this.write(typeof context === 'string' && START_UP_DETAIL.has(context) ? 'debug' : 'info', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /**
   * Nest's Logger appends its context to the caller's parameters, and some callers put a stack before it
   * (`error(message, stack)`): the context becomes `context`, the stack `err`. An object message is the line's
   * fields (an Error its `err`); the remaining parameters fill the message's placeholders, as pino's own do.
   */
  private write(level: Level, message: unknown, params: unknown[]): void {
    const logger = this.requestLoggers.getStore() ?? this.root;
    if (!logger.isLevelEnabled(level)) return;
    const last = params.at(-1);
    const context = typeof last === 'string' && !isStack(last) ? last : undefined;
    const rest = (context === undefined ? params : params.slice(0, -1)).filter((param) => param !== undefined);
    const stack = isStack(rest.at(-1)) ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = context === undefined ? {} : { context };
    if (message instanceof Error) {
      logger[level]({ ...fields, err: message });
    } else if (typeof message === 'object' && message !== null) {
      const [text, ...args] = rest;
      logger[level]({ ...fields, ...message }, text === undefined ? undefined : String(text), ...args);
    } else if (stack !== undefined) {
      logger[level]({ ...fields, err: withStack(String(message), stack) }, String(message));
    } else {
      logger[level](fields, String(message), ...rest);
    }
  }
}

function isStack(value: unknown): value is string {
  return typeof value === 'string' && STACK_FRAME.test(value);
}

function withStack(message: string, stack: string): Error {
  const error = new Error(message);
  error.stack = stack;
  return error;
}
