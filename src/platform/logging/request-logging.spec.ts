import { Logger } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import type { AppConfig } from '../../config/config';
import { Caller, setRawCaller } from '../auth/caller';
import type { Runtime } from '../runtime/runtime';
import { AppLogger } from './app-logger';
import { loggerOptions } from './logger-options';
import { RequestLogging } from './request-logging';

interface LogLine {
  level: number;
  msg?: string;
  [field: string]: unknown;
}

/**
 * RequestLogging over a pino logger with the application's options (production: access lines on), its lines kept,
 * in front of a real HTTP server whose handler plays the route: it may authenticate a caller, log, and answer.
 */
describe('RequestLogging (the access line)', () => {
  const lines: LogLine[] = [];
  let server: Server;
  let base: string;
  let route: (request: IncomingMessage, response: ServerResponse) => void;

  beforeAll(async () => {
    const config = { logLevel: 'info', nodeEnv: 'production' } as AppConfig;
    const root = pino(loggerOptions(config), { write: (line: string) => lines.push(JSON.parse(line) as LogLine) });
    const appLogger = new AppLogger(root);
    Logger.overrideLogger(appLogger);
    const logging = new RequestLogging({} as HttpAdapterHost, appLogger, { config } as Runtime);
    server = createServer((request, response) => logging.attach(request, response, () => route(request, response)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    lines.length = 0;
  });

  const answering = (status: number, caller?: Caller) => (request: IncomingMessage, response: ServerResponse) => {
    if (caller) setRawCaller(request, caller);
    response.statusCode = status;
    response.end('{}');
  };

  async function accessLineOf(path: string, headers: Record<string, string> = {}): Promise<LogLine> {
    await (await fetch(base + path, { headers })).text();
    for (let tries = 0; tries < 100 && !lines.some((line) => line.res !== undefined); tries++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    const access = lines.filter((line) => line.res !== undefined);
    expect(access).toHaveLength(1);
    return access[0];
  }

  it('one line at info: method, url, status, time, request id, caller kind and id; no header at all', async () => {
    route = answering(200, { kind: 'merchant', merchantId: 'm-1' });
    const line = await accessLineOf('/v1/merchant/products?limit=2', {
      authorization: 'Bearer ek_secret-key',
      cookie: 'session=cookie-secret',
      'x-request-id': 'trace-1',
    });
    expect(Object.keys(line).sort()).toEqual(
      ['caller', 'level', 'msg', 'pid', 'hostname', 'req', 'res', 'responseTime', 'time'].sort(),
    );
    expect(line).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { id: 'trace-1', method: 'GET', url: '/v1/merchant/products?limit=2' },
      res: { statusCode: 200 },
      caller: { kind: 'merchant', id: 'm-1' },
    });
    expect(Object.keys(line.req as object)).toEqual(['id', 'method', 'url']);
    expect(Object.keys(line.res as object)).toEqual(['statusCode']);
    expect(typeof line.responseTime).toBe('number');
    expect(JSON.stringify(lines)).not.toMatch(/secret|headers/);
  });

  it('names a shopper by user id (never the openid), the platform as admin, and nobody as anonymous', async () => {
    route = answering(201, { kind: 'shopper', userId: 'u-1', openid: 'o-private' });
    expect((await accessLineOf('/v1/orders')).caller).toEqual({ kind: 'shopper', id: 'u-1' });
    expect(JSON.stringify(lines)).not.toContain('o-private');
    lines.length = 0;
    route = answering(201, { kind: 'admin' });
    expect((await accessLineOf('/v1/merchants')).caller).toEqual({ kind: 'admin' });
    lines.length = 0;
    route = answering(401);
    const refused = await accessLineOf('/v1/orders', { authorization: 'Bearer not-a-token' });
    expect(refused).toMatchObject({ level: 30, res: { statusCode: 401 }, caller: { kind: 'anonymous' } });
  });

  it("a 500 carries the same fields (its error line is the exception filter's, with the same req)", async () => {
    route = answering(500, { kind: 'merchant', merchantId: 'm-2' });
    const line = await accessLineOf('/v1/merchant/products', { 'x-request-id': 'trace-500' });
    expect(line).toMatchObject({
      msg: 'request errored',
      req: { id: 'trace-500', method: 'GET', url: '/v1/merchant/products' },
      res: { statusCode: 500 },
      caller: { kind: 'merchant', id: 'm-2' },
    });
  });

  it('lines written inside the request carry its id, method and url, not its headers', async () => {
    route = (request, response) => {
      new Logger('Orders').warn('inside the request');
      answering(200)(request, response);
    };
    await accessLineOf('/v1/orders/o-1', { 'x-request-id': 'trace-inside', authorization: 'Bearer secret-token' });
    const inside = lines.find((line) => line.msg === 'inside the request');
    expect(inside).toMatchObject({ level: 40, req: { id: 'trace-inside', method: 'GET', url: '/v1/orders/o-1' } });
    expect(Object.keys(inside!.req as object)).toEqual(['id', 'method', 'url']);
  });
});
