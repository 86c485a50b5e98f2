import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { freshDatabase, TestDatabase } from '../support/database';
import { HttpClient, HttpResponse } from '../support/http-client';
import { ServiceProcess, startService } from '../support/service-process';
import { testEnvironment } from '../support/test-env';
import { eventually } from './flash-fixtures';

const ADMIN_TOKEN = 'flash-crash-admin-token-0123456789';
const STOCK = 300;
const SHOPPERS = 400;

// Needs a Postgres server (the killed process must not take the database with it) and Redis.
const environment = testEnvironment();
const withServers = environment.postgresMode === 'server' && environment.redisUrl !== null ? describe : describe.skip;

interface Shopper {
  id: string;
  token: string;
}

/** Runs `work` over `items`, `width` at a time. */
async function pool<T, R>(items: T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index], index);
      }
    }),
  );
  return results;
}

withServers('SIGKILL of one of two instances in the middle of a stampede', () => {
  let db: TestDatabase;
  const dataDirs: string[] = [];
  const services: ServiceProcess[] = [];
  let prefix: string;

  beforeAll(async () => {
    db = await freshDatabase();
    prefix = `test:${randomBytes(6).toString('hex')}:`;
  });
  afterAll(async () => {
    for (const service of services) await service.stop('SIGKILL');
    await db.drop();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    const redis = createClient({ url: environment.redisUrl! });
    await redis.connect();
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}*` })) if (keys.length) await redis.del(keys);
    await redis.close();
  });

  const start = async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'engage-flash-crash-'));
    dataDirs.push(dataDir);
    const service = await startService({
      DATABASE_URL: db.url,
      REDIS_URL: environment.redisUrl!,
      REDIS_KEY_PREFIX: prefix,
      DATA_DIR: dataDir,
      ADMIN_TOKEN,
      JWT_SECRET: 'flash-crash-jwt-secret-0123456789abcdef',
      LOG_LEVEL: 'fatal',
      JOB_INTERVAL_MS: '200',
    });
    services.push(service);
    return service;
  };

  it('loses no accepted reservation: the survivor takes over what the killed one had not written', async () => {
    const [victim, survivor] = await Promise.all([start(), start()]);
    const httpA = new HttpClient(victim.url);
    const httpB = new HttpClient(survivor.url);
    const merchant = (await httpA.post('/v1/merchants', { token: ADMIN_TOKEN, body: { name: 'Crash sale' } })).body;
    const product = (
      await httpA.post('/v1/merchant/products', {
        token: merchant.apiKey,
        body: { sku: 'FS-CRASH', name: 'Kettle', priceFen: 5000 },
      })
    ).body;
    const now = Date.now();
    const sale = (
      await httpA.post('/v1/merchant/flash-sales', {
        token: merchant.apiKey,
        body: {
          productId: product.id,
          priceFen: 2500,
          totalStock: STOCK,
          perUserLimit: 1,
          startsAt: new Date(now - 1000).toISOString(),
          endsAt: new Date(now + 3600_000).toISOString(),
        },
      })
    ).body;
    const shoppers = await pool(
      Array.from({ length: SHOPPERS }, (_, i) => i),
      25,
      async (i): Promise<Shopper> => {
        const login = (await httpB.post('/v1/auth/wechat-login', { body: { code: `sandbox:crash_${i}` } })).body;
        return { id: login.user.id, token: login.token };
      },
    );

    // Every shopper tries twice, alternating instances; the victim dies once a third of the attempts are sent.
    const attempts = shoppers.flatMap((shopper) => [shopper, shopper]);
    let killed = false;
    const results = await pool(
      attempts,
      32,
      async (shopper, i): Promise<{ shopper: Shopper; response: HttpResponse | null }> => {
        if (!killed && i >= attempts.length / 3) {
          killed = true;
          victim.child.kill('SIGKILL');
        }
        const http = i % 2 === 0 ? httpA : httpB;
        try {
          return {
            shopper,
            response: await http.post(`/v1/flash-sales/${sale.id}/purchase`, { token: shopper.token, body: {} }),
          };
        } catch {
          return { shopper, response: null }; // the victim's connection died with it
        }
      },
    );
    expect(await victim.exited).toBeNull();
    const accepted = results.filter((r) => r.response?.status === 202);
    expect(results.filter((r) => (r.response?.status ?? 0) >= 500)).toEqual([]);
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.length).toBeLessThanOrEqual(STOCK);

    // The survivor's consumer writes its own entries at once and claims the victim's once they are 5 s idle.
    const statusOf = async (r: (typeof accepted)[number]) =>
      (await httpB.get(`/v1/flash-sales/reservations/${r.response!.body.reservationId}`, { token: r.shopper.token }))
        .body.status;
    const statuses = await eventually(
      () => Promise.all(accepted.map(statusOf)),
      (all) => all.every((status) => status === 'confirmed'),
      30_000,
    );
    expect(statuses.filter((status) => status !== 'confirmed')).toEqual([]);

    const [row] = await db.query<{ units: string; shoppers: string; orders: string }>(
      `SELECT SUM(r.quantity) AS units, COUNT(DISTINCT r.shopper_id) AS shoppers, COUNT(o.id) AS orders
       FROM flash_reservations r LEFT JOIN orders o ON o.id = r.order_id
       WHERE r.sale_id = $1 AND r.status = 'confirmed'`,
      [sale.id],
    );
    // Attempts the victim accepted just before it died may have no 202 anyone saw, but they are sales too.
    expect(Number(row.units)).toBeGreaterThanOrEqual(accepted.length);
    expect(Number(row.units)).toBeLessThanOrEqual(STOCK);
    expect(row.shoppers).toBe(row.units);
    expect(row.orders).toBe(row.units);
  }, 90_000);
});
