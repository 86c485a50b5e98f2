import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createClient } from 'redis';
import { CLAIM_IDLE_MS } from '../../src/modules/flash-sale/persist/stalled-entries-takeover';
import { toAcceptedReservation } from '../../src/modules/flash-sale/persist/stream-entries';
import { freshDatabase, TestDatabase } from '../support/database';
import { HttpClient, HttpResponse } from '../support/http-client';
import { ServiceProcess, startService } from '../support/service-process';
import { testEnvironment } from '../support/test-env';
import { eventually } from './flash-fixtures';

type Redis = ReturnType<typeof createClient>;

/** Entries the consumers of a stream's `persist` group have read and not acknowledged, by consumer name. */
async function pendingByConsumer(redis: Redis, stream: string): Promise<Map<string, number>> {
  const reply = (await redis.sendCommand(['XPENDING', stream, 'persist'])) as [number, string, string, unknown];
  const perConsumer = (reply[3] ?? []) as Array<[string, string]>;
  return new Map(perConsumer.map(([name, count]) => [name, Number(count)]));
}

/**
 * Ages the entries one consumer holds by `ms` (XCLAIM to itself with IDLE): as if it had held them that long, which
 * Redis otherwise reports only once that much time has passed.
 */
async function age(redis: Redis, stream: string, consumer: string, ms: number): Promise<void> {
  const pending = (await redis.sendCommand(['XPENDING', stream, 'persist', '-', '+', '10000', consumer])) as Array<
    [string, ...unknown[]]
  >;
  if (pending.length === 0) return;
  const ids = pending.map(([streamId]) => streamId);
  await redis.sendCommand(['XCLAIM', stream, 'persist', consumer, '0', ...ids, 'IDLE', String(ms), 'JUSTID']);
}

/** The reservation rows (ids) of the entries one consumer holds unacknowledged. */
async function heldBy(redis: Redis, stream: string, consumer: string): Promise<string[]> {
  const pending = (await redis.sendCommand(['XPENDING', stream, 'persist', '-', '+', '10000', consumer])) as Array<
    [string, ...unknown[]]
  >;
  const ids: string[] = [];
  for (const [streamId] of pending) {
    const entries = (await redis.sendCommand(['XRANGE', stream, streamId, streamId])) as Array<[string, string[]]>;
    const reservation = entries.length === 1 ? toAcceptedReservation(entries[0][1]) : null;
    if (reservation) ids.push(reservation.id);
  }
  return ids;
}

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
  let inspector: Redis | undefined;

  beforeAll(async () => {
    db = await freshDatabase();
    prefix = `test:${randomBytes(6).toString('hex')}:`;
  });
  afterAll(async () => {
    if (inspector?.isOpen) await inspector.close();
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

    // The test holds the sale row FOR UPDATE: both consumers read entries from the stream and then wait for the row
    // (a batch write share-locks it), so the victim dies holding entries it read and never wrote: only the
    // survivor's takeover of idle entries (XAUTOCLAIM) can save them.
    const client: Redis = createClient({ url: environment.redisUrl! });
    inspector = client;
    await client.connect();
    const blocker = new Client({ connectionString: db.url });
    await blocker.connect();
    const stream = `${prefix}{fs:${sale.id}}:res`;
    const victimConsumer = `${hostname()}-${victim.child.pid}-`;
    let victimHeld: string[] = [];
    let results: Array<{ shopper: Shopper; response: HttpResponse | null }>;
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM flash_sales WHERE id = $1 FOR UPDATE', [sale.id]);

      // Every shopper tries twice, alternating instances; once a third of the attempts are sent, sending pauses
      // until the victim's consumer holds unwritten entries, and the victim is killed.
      const attempts = shoppers.flatMap((shopper) => [shopper, shopper]);
      let kill: Promise<void> | null = null;
      results = await pool(
        attempts,
        32,
        async (shopper, i): Promise<{ shopper: Shopper; response: HttpResponse | null }> => {
          if (!kill && i >= attempts.length / 3) {
            kill = (async () => {
              const held = await eventually(
                () => pendingByConsumer(client, stream),
                (byName) => [...byName].some(([name, n]) => name.startsWith(victimConsumer) && n > 0),
                15_000,
              );
              const name = [...held.keys()].find((n) => n.startsWith(victimConsumer));
              victim.child.kill('SIGKILL');
              await victim.exited;
              victimHeld = name === undefined ? [] : await heldBy(client, stream, name);
              // Dead: what it held is made as idle as CLAIM_IDLE_MS of waiting would make it, so the survivor's
              // takeover claims it at its next run rather than 5 s on.
              if (name !== undefined) await age(client, stream, name, CLAIM_IDLE_MS);
            })();
          }
          if (kill) await kill;
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
      // At the kill the victim held entries nobody had written: work the survivor has to take over.
      expect(victimHeld.length).toBeGreaterThan(0);
      const [{ n }] = await db.query<{ n: string }>('SELECT COUNT(*) AS n FROM flash_reservations WHERE sale_id = $1', [
        sale.id,
      ]);
      expect(n).toBe('0');
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      await blocker.end();
    }
    expect(await victim.exited).toBeNull();
    const accepted = results.filter((r) => r.response?.status === 202);
    expect(results.filter((r) => (r.response?.status ?? 0) >= 500)).toEqual([]);
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.length).toBeLessThanOrEqual(STOCK);

    // The survivor's consumer writes its own entries at once and claims the victim's once they are idle (aged above).
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

    // What the victim held was claimed by the survivor and written: each of those reservations has its order.
    const held = await db.query<{ id: string; status: string }>(
      `SELECT r.id, r.status FROM flash_reservations r JOIN orders o ON o.id = r.order_id WHERE r.id = ANY($1::uuid[])`,
      [victimHeld],
    );
    expect(held.map((r) => r.status)).toEqual(victimHeld.map(() => 'confirmed'));
    expect([...(await pendingByConsumer(client, stream)).values()].reduce((sum, count) => sum + count, 0)).toBe(0);
  }, 90_000);
});
