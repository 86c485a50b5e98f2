import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, TestDatabase } from '../support/database';
import { HttpClient } from '../support/http-client';
import { ServiceProcess, startService } from '../support/service-process';
import { testEnvironment } from '../support/test-env';

const ADMIN_TOKEN = 'request-logging-admin-token-0123456789';

interface LogLine {
  level: number;
  msg: string;
  context?: string;
  req?: { id: string; method: string; url: string; headers?: Record<string, string> };
  res?: { statusCode: number };
  err?: { message: string; stack: string };
  responseTime?: number;
  correlationId?: string;
  caller?: { kind: string; id?: string };
}

/** Needs a Postgres server: the spawned service and this file share its database. */
const environment = testEnvironment();
const withServer = environment.postgresMode === 'server' ? describe : describe.skip;

/** The JSON lines the service wrote so far. */
function logLines(service: ServiceProcess): LogLine[] {
  return service
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

async function eventuallyLine(service: ServiceProcess, match: (line: LogLine) => boolean): Promise<LogLine> {
  for (let i = 0; i < 100; i++) {
    const line = logLines(service).find(match);
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no such log line in:\n${service.output()}`);
}

/**
 * A 500 whose error line (Nest's Logger inside the request) carries the request's id (no headers), the correlation
 * id and the error's stack, and whose access line says 500.
 */
async function expectUnhandledErrorLogged(
  service: ServiceProcess,
  response: { status: number; body: any },
  requestId: string,
): Promise<void> {
  expect(response.status).toBe(500);
  const correlationId = /correlation id ([0-9a-f-]{36})/.exec(response.body.error.message)![1];
  const error = await eventuallyLine(service, (l) => l.correlationId === correlationId);
  expect(error).toMatchObject({
    level: 50,
    msg: 'unhandled error',
    context: 'Errors',
    req: { id: requestId },
  });
  expect(error.req?.headers).toBeUndefined();
  expect(error.err?.stack).toMatch(/\n\s+at /);
  const access = await eventuallyLine(service, (l) => l.req?.id === requestId && l.res !== undefined);
  expect(access.res?.statusCode).toBe(500);
}

withServer('request logging (the built service in production mode, its stdout read back)', () => {
  let db: TestDatabase;
  let dataDir: string;
  let service: ServiceProcess;
  let http: HttpClient;

  beforeAll(async () => {
    db = await freshDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'engage-request-logging-'));
    service = await startService({
      NODE_ENV: 'production',
      ALLOW_SANDBOX: 'true', // production mode on the sandbox adapters
      LOG_LEVEL: 'info',
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      ADMIN_TOKEN,
      JWT_SECRET: 'request-logging-jwt-secret-0123456789abcdef',
      HOST: '0.0.0.0',
    });
    http = new HttpClient(service.url.replace('://0.0.0.0', '://127.0.0.1'));
  });
  afterAll(async () => {
    await service?.stop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("writes Nest's own lines as JSON lines at their level (start-up), its route mapping at debug (not shown)", async () => {
    const started = await eventuallyLine(service, (l) => l.msg === 'Nest application successfully started');
    expect(started).toMatchObject({ level: 30, context: 'NestApplication' });
    const bookkeeping = ['RoutesResolver', 'RouterExplorer', 'InstanceLoader'];
    expect(logLines(service).filter((l) => bookkeeping.includes(l.context ?? ''))).toEqual([]);
    expect(service.output()).not.toContain('Mapped {');
  });

  it('says where it listens as bound: 0.0.0.0, not 127.0.0.1', () => {
    expect(service.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
    expect(service.output()).not.toContain('listening on http://127.0.0.1');
  });

  it('writes one access line per request: method, url, status, time, X-Request-Id and caller; no headers', async () => {
    const response = await http.get('/v1/merchant/products', {
      token: 'ek_not-a-real-key',
      headers: { 'x-request-id': 'trace-products-1', cookie: 'session=cookie-secret-1' },
    });
    expect(response.status).toBe(401);
    const line = await eventuallyLine(service, (l) => l.req?.id === 'trace-products-1');
    expect(line).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { id: 'trace-products-1', method: 'GET', url: '/v1/merchant/products' },
      res: { statusCode: 401 },
      caller: { kind: 'anonymous' },
    });
    expect(line.req?.headers).toBeUndefined();
    expect(typeof line.responseTime).toBe('number');
    expect(service.output()).not.toContain('ek_not-a-real-key');
    expect(service.output()).not.toContain('cookie-secret-1');
    expect(logLines(service).filter((l) => l.req?.id === 'trace-products-1')).toHaveLength(1);

    await http.get('/v1/nothing-here');
    const unmatched = await eventuallyLine(service, (l) => l.req?.url === '/v1/nothing-here');
    expect(unmatched.res?.statusCode).toBe(404);
    expect(unmatched.req?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('names the caller on the access line: admin, merchant, and the shopper on the purchase route too', async () => {
    const merchant = await http.post('/v1/merchants', {
      token: ADMIN_TOKEN,
      headers: { 'x-request-id': 'trace-caller-admin' },
      body: { name: 'Named' },
    });
    await http.get('/v1/merchant/me', { token: merchant.body.apiKey, headers: { 'x-request-id': 'trace-caller-m' } });
    const login = await http.post('/v1/auth/wechat-login', { body: { code: 'sandbox:named_buyer' } });
    await http.post('/v1/flash-sales/00000000-0000-4000-8000-000000000000/purchase', {
      token: login.body.token,
      headers: { 'x-request-id': 'trace-caller-s' },
      body: {},
    });
    const callerOf = async (id: string) => (await eventuallyLine(service, (l) => l.req?.id === id && !!l.res)).caller;
    expect(await callerOf('trace-caller-admin')).toEqual({ kind: 'admin' });
    expect(await callerOf('trace-caller-m')).toEqual({ kind: 'merchant', id: merchant.body.id });
    expect(await callerOf('trace-caller-s')).toEqual({ kind: 'shopper', id: login.body.user.id });
  });

  it('replaces a request id that is not one short printable token with a UUID', async () => {
    for (const [path, given] of [
      ['/health/live?long', 'x'.repeat(129)],
      ['/health/live?spaced', 'two words'],
    ]) {
      await http.get(path, { headers: { 'x-request-id': given } });
      const line = await eventuallyLine(service, (l) => l.req?.url === path);
      expect(line.req?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });

  it("logs within a request with that request's bindings (the unexpected error's line carries its id)", async () => {
    const merchant = (await http.post('/v1/merchants', { token: ADMIN_TOKEN, body: { name: 'Logged' } })).body;
    await db.query('ALTER TABLE products RENAME TO products_hidden');
    try {
      const response = await http.post('/v1/merchant/products', {
        token: merchant.apiKey,
        headers: { 'x-request-id': 'trace-broken-1' },
        body: { sku: 'L-1', name: 'Lamp', priceFen: 100 },
      });
      await expectUnhandledErrorLogged(service, response, 'trace-broken-1');
      expect(service.output()).not.toContain(merchant.apiKey);
    } finally {
      await db.query('ALTER TABLE products_hidden RENAME TO products');
    }
  });

  it('logs the flash-sale purchase route like any other when access lines are written', async () => {
    const response = await http.post('/v1/flash-sales/00000000-0000-4000-8000-000000000000/purchase', {
      token: 'not-a-shopper-token',
      headers: { 'x-request-id': 'trace-purchase-1' },
      body: {},
    });
    expect(response.status).toBe(401);
    const line = await eventuallyLine(service, (l) => l.req?.id === 'trace-purchase-1');
    expect(line).toMatchObject({ msg: 'request completed', req: { method: 'POST' }, res: { statusCode: 401 } });
  });

  it('logs chunked purchase requests too', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const outgoing = httpRequest(
        new URL('/v1/flash-sales/00000000-0000-4000-8000-000000000000/purchase', service.url),
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-request-id': 'trace-purchase-chunked' },
        },
        (incoming) => {
          incoming.resume();
          incoming.on('end', () => resolve(incoming.statusCode ?? 0));
        },
      );
      outgoing.on('error', reject);
      outgoing.write('{}');
      outgoing.end();
    });
    expect(status).toBe(401);
    const line = await eventuallyLine(service, (l) => l.req?.id === 'trace-purchase-chunked');
    expect(line).toMatchObject({ msg: 'request completed', req: { method: 'POST' }, res: { statusCode: 401 } });
  });

  it("logs the purchase route's unexpected errors with that request's bindings", async () => {
    const login = await http.post('/v1/auth/wechat-login', { body: { code: 'sandbox:logged_buyer' } });
    expect(login.status).toBe(200);
    await db.query('ALTER TABLE flash_sales RENAME TO flash_sales_hidden');
    try {
      // A sale this service has not seen: looking it up needs the hidden table.
      const response = await http.post('/v1/flash-sales/00000000-0000-4000-8000-000000000001/purchase', {
        token: login.body.token,
        headers: { 'x-request-id': 'trace-purchase-2' },
        body: { quantity: 1 },
      });
      await expectUnhandledErrorLogged(service, response, 'trace-purchase-2');
      expect(service.output()).not.toContain(login.body.token);
    } finally {
      await db.query('ALTER TABLE flash_sales_hidden RENAME TO flash_sales');
    }
  });
});
