import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase } from '../support/database';
import { spawnService, startService } from '../support/service-process';
import { until } from '../support/until';
import { testEnvironment } from '../support/test-env';

const environment = testEnvironment();
/** Needs a Postgres server and Redis; without them it is reported as skipped, never as a silent pass. */
const withBothServers = environment.postgresMode === 'server' && environment.redisUrl !== null ? it : it.skip;
/** Needs a Postgres server: production wants DATABASE_URL. */
const withServer = environment.postgresMode === 'server' ? it : it.skip;

/** A port nothing listens on right now, so a service can be told its own address before it starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('start-up', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'engage-start-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    [{ PORT: 'eighty' }, /PORT must be a whole number/],
    [{ DATABASE_URL: 'mysql://db/x' }, /DATABASE_URL must use postgres/],
    [{ TRUST_PROXY: 'true' }, /TRUST_PROXY must be a hop count or comma-separated addresses\/CIDRs/],
    [{ NODE_ENV: 'production' }, /DATABASE_URL is required when NODE_ENV=production/],
    [
      { NODE_ENV: 'production', DATABASE_URL: 'postgres://x@127.0.0.1:1/x', JWT_SECRET: 'j'.repeat(40) },
      /ADMIN_TOKEN is required when NODE_ENV=production/,
    ],
    [
      {
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://x@127.0.0.1:1/x',
        ADMIN_TOKEN: 'a'.repeat(32),
        JWT_SECRET: 'j'.repeat(40),
      },
      /PAYMENT_GATEWAY=sandbox and WECHAT_AUTH=sandbox are refused when NODE_ENV=production .*ALLOW_SANDBOX=true/,
    ],
  ])('refuses bad configuration %p with a message naming the variable', async (env, message) => {
    const service = spawnService({ DATA_DIR: dataDir, ...env });
    expect(await service.exited).toBe(78);
    expect(service.output()).toMatch(message);
  });

  it('serves the whole API on embedded defaults with no environment at all', async () => {
    const service = await startService({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, 60_000);
    try {
      const ready = await fetch(`${service.url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(Object.keys(((await ready.json()) as any).details)).toEqual(['postgres']);
      expect((await fetch(`${service.url}/docs`)).status).toBe(200);
      const openApi = (await (await fetch(`${service.url}/docs-json`)).json()) as any;
      expect(openApi.openapi).toMatch(/^3\./);
      expect(Object.keys(openApi.paths)).toEqual(
        expect.arrayContaining(['/v1/merchants', '/v1/merchant/products', '/v1/auth/wechat-login']),
      );

      const adminToken = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
      expect(service.output()).toContain(adminToken);
      const merchant = await fetch(`${service.url}/v1/merchants`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Embedded' }),
      });
      expect(merchant.status).toBe(201);
    } finally {
      expect(await service.stop()).toBe(0);
    }

    // A restart keeps the data and the token, and does not print the token again.
    const again = await startService({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, 60_000);
    try {
      const adminToken = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
      expect(again.output()).not.toContain(adminToken);
      const count = await fetch(`${again.url}/v1/merchants`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Second' }),
      });
      expect(count.status).toBe(201);
    } finally {
      await again.stop();
    }
  });

  withBothServers('uses DATABASE_URL and REDIS_URL when set, and reports both as ready', async () => {
    const db = await freshDatabase();
    const service = await startService({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: db.url,
      REDIS_URL: environment.redisUrl!,
      REDIS_KEY_PREFIX: `startup-test-${process.pid}:`,
    });
    try {
      const ready = (await (await fetch(`${service.url}/health/ready`)).json()) as any;
      expect(ready.details).toEqual({
        postgres: expect.objectContaining({ status: 'up' }),
        redis: expect.objectContaining({ status: 'up' }),
      });
      expect(service.output()).not.toContain('embedded PGlite');
    } finally {
      await service.stop();
      await db.drop();
    }
  });

  withServer(
    'runs the sandbox in production only with ALLOW_SANDBOX=true, warns about it, and never logs the app secret',
    async () => {
      const db = await freshDatabase();
      const port = await freePort();
      const appSecret = 'startup-test-app-secret-never-logged';
      // WECHAT_AUTH=wechat pointed at this service's own sandbox code2Session; PAYMENT_GATEWAY left on the sandbox.
      const service = await startService({
        NODE_ENV: 'production',
        ALLOW_SANDBOX: 'true',
        LOG_LEVEL: 'info',
        PORT: String(port),
        DATA_DIR: dataDir,
        DATABASE_URL: db.url,
        ADMIN_TOKEN: 'startup-test-admin-token-0123456789',
        JWT_SECRET: 'startup-test-jwt-secret-0123456789abcdef0123',
        WECHAT_AUTH: 'wechat',
        WECHAT_APP_ID: 'wx0123456789abcdef',
        WECHAT_APP_SECRET: appSecret,
        WECHAT_API_BASE_URL: `http://127.0.0.1:${port}`,
      });
      try {
        // pino writes asynchronously: its start-up lines may reach the output after "Engage listening".
        await until(
          () => service.output().includes('Nest application successfully started'),
          'the start-up lines',
          10_000,
        );
        expect(service.output()).toContain('ALLOW_SANDBOX=true in production');
        expect(service.output()).toContain('PAYMENT_GATEWAY=sandbox in production');
        expect(service.output()).not.toContain('WECHAT_AUTH=sandbox in production');

        const login = await fetch(`${service.url}/v1/auth/wechat-login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code: 'sandbox:o_production_1' }),
        });
        expect(login.status).toBe(200);
        expect(((await login.json()) as any).user.openid).toBe('o_production_1');
        expect((await fetch(`${service.url}/v1/sandbox/keys`)).status).toBe(200);

        // The sandbox's access line for the code2Session call carries the URL, its secret redacted.
        await until(() => service.output().includes('secret=[Redacted]'), 'the code2Session access line', 10_000);
        expect(service.output()).toContain('/sns/jscode2session?appid=wx0123456789abcdef&secret=[Redacted]');
        expect(service.output()).not.toContain(appSecret);
      } finally {
        await service.stop();
        await db.drop();
      }
    },
  );
});
