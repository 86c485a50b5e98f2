import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { AttemptLimiter } from '../../src/modules/coupons/attempts/attempt-limiter';
import { PostgresAttemptLimiter } from '../../src/modules/coupons/attempts/postgres-attempt-limiter';
import { RedisAttemptLimiter } from '../../src/modules/coupons/attempts/redis-attempt-limiter';
import { PostgresQuotaStore } from '../../src/modules/coupons/quota/postgres-quota-store';
import { QuotaRequest, QuotaStore } from '../../src/modules/coupons/quota/quota-store';
import { RedisQuotaStore } from '../../src/modules/coupons/quota/redis-quota-store';
import { Db } from '../../src/platform/database/db';
import { LuaScript } from '../../src/platform/redis/lua-script';
import { createMerchant, TestMerchant } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { testEnvironment } from '../support/test-env';
import { createTemplate, flushRedis, itConcurrently, MINUTE } from './coupon-fixtures';

const withRedis = testEnvironment().redisUrl !== null;
const withCluster = testEnvironment().redisClusterNodes !== null;

let app: TestApp;
/** The same database, its Redis adapters on the local Redis Cluster. */
let clusterApp: TestApp | null = null;
let merchant: TestMerchant;

beforeAll(async () => {
  app = await startTestApp({ redis: withRedis });
  if (withCluster) clusterApp = await startTestApp({ redis: 'cluster', database: app.db });
  merchant = await createMerchant(app);
});
afterAll(async () => {
  await clusterApp?.close();
  await app.close();
});

/** The app whose Redis an adapter runs on. */
const appOf = (name: string) => (name === 'Redis Cluster' ? clusterApp! : app);

const adapters: Array<[string, () => QuotaStore]> = [
  ['Postgres', () => app.app.get(PostgresQuotaStore)],
  ...(withRedis ? [['Redis', () => app.app.get(RedisQuotaStore)] as [string, () => QuotaStore]] : []),
  ...(withCluster ? [['Redis Cluster', () => clusterApp!.app.get(RedisQuotaStore)] as [string, () => QuotaStore]] : []),
];

async function quota(totalQuantity: number, perUserLimit: number) {
  const template = await createTemplate(app, merchant, { totalQuantity, perUserLimit });
  return (shopperId: string = randomUUID()): QuotaRequest => ({
    templateId: template.id,
    shopperId,
    totalQuantity,
    perUserLimit,
    units: 1,
    forgetAfter: new Date(template.claimEndsAt),
  });
}

/** One attempt: 'taken', or the refusal's code. */
const attempt = (store: QuotaStore, request: QuotaRequest): Promise<string> =>
  store
    .take(request, async () => undefined)
    .then(
      () => 'taken',
      (error: { code?: string }) => error.code ?? String(error),
    );

const tally = (outcomes: string[]) =>
  outcomes.reduce<Record<string, number>>(
    (counts, outcome) => ({ ...counts, [outcome]: (counts[outcome] ?? 0) + 1 }),
    {},
  );

async function record(request: QuotaRequest) {
  const [row] = await app.db.query<{ issued: number }>('SELECT issued FROM coupon_templates WHERE id = $1', [
    request.templateId,
  ]);
  const holders = await app.db.query<{ shopper_id: string; issued: number }>(
    'SELECT shopper_id, issued FROM coupon_holders WHERE template_id = $1',
    [request.templateId],
  );
  return { issued: row.issued, holders: new Map(holders.map((h) => [h.shopper_id, h.issued])) };
}

describe.each(adapters)('QuotaStore contract: %s adapter', (name, store) => {
  it('takes within the limits, then refuses: the shopper limit, then the stock (sold out wins)', async () => {
    const request = await quota(3, 2);
    const alice = request();
    const bob = request();
    expect(await attempt(store(), alice)).toBe('taken');
    expect(await attempt(store(), alice)).toBe('taken');
    expect(await attempt(store(), alice)).toBe('COUPON_LIMIT_REACHED');
    expect(await attempt(store(), bob)).toBe('taken');
    expect(await attempt(store(), bob)).toBe('COUPON_SOLD_OUT');
    expect(await attempt(store(), alice)).toBe('COUPON_SOLD_OUT'); // both apply: sold out is what she is told
    expect(await record(alice)).toEqual({
      issued: 3,
      holders: new Map([
        [alice.shopperId, 2],
        [bob.shopperId, 1],
      ]),
    });
  });

  it("takes nothing when the caller's work fails, and rethrows its error", async () => {
    const request = (await quota(1, 1))();
    const failure = new Error('insert failed');
    await expect(store().take(request, () => Promise.reject(failure))).rejects.toBe(failure);
    expect(await record(request)).toEqual({ issued: 0, holders: new Map() });
    expect(await attempt(store(), request)).toBe('taken');
  });

  it('runs the work in the transaction of the counters: it commits with a take and not with a refusal', async () => {
    const request = await quota(1, 1);
    const [first, second] = [request(), request()];
    const writeFor = (shopperId: string) => () =>
      app.app
        .get(Db)
        .query('INSERT INTO coupon_code_attempts (id, shopper_id, at) VALUES ($1, $2, now())', [
          randomUUID(),
          shopperId,
        ]);
    await store().take(first, writeFor(first.shopperId));
    await expect(store().take(second, writeFor(second.shopperId))).rejects.toMatchObject({ code: 'COUPON_SOLD_OUT' });
    const written = await app.db.query<{ shopper_id: string }>(
      'SELECT shopper_id FROM coupon_code_attempts WHERE shopper_id = ANY($1)',
      [[first.shopperId, second.shopperId]],
    );
    expect(written.map((row) => row.shopper_id)).toEqual([first.shopperId]);
  });

  itConcurrently('60 concurrent shoppers over 10 units: exactly 10 taken', async () => {
    const request = await quota(10, 1);
    const outcomes = await Promise.all(Array.from({ length: 60 }, () => attempt(store(), request())));
    expect(tally(outcomes)).toEqual({ taken: 10, COUPON_SOLD_OUT: 50 });
    expect((await record(request())).issued).toBe(10);
  });

  itConcurrently('12 concurrent takes by one shopper at a limit of 2: exactly 2', async () => {
    const request = (await quota(100, 2))();
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => attempt(store(), request)));
    expect(tally(outcomes)).toEqual({ taken: 2, COUPON_LIMIT_REACHED: 10 });
    expect((await record(request)).holders.get(request.shopperId)).toBe(2);
  });

  itConcurrently('keys lost between waves and in the middle of one: never over the stock or a limit', async () => {
    const request = await quota(40, 3);
    const shoppers = Array.from({ length: 15 }, () => request());
    const wave = () =>
      Promise.all(shoppers.flatMap((shopper) => [attempt(store(), shopper), attempt(store(), shopper)]));
    expect(tally(await wave())).toEqual({ taken: 30 });
    await flushRedis(appOf(name));
    const second = wave();
    await flushRedis(appOf(name));
    const outcomes = tally(await second);
    expect(outcomes.taken).toBe(10);
    const after = await record(shoppers[0]);
    expect(after.issued).toBe(40);
    for (const held of after.holders.values()) expect(held).toBeLessThanOrEqual(3);
    // A gate rebuilt while takes were in flight may count low (the record still refuses): nothing more is taken.
    expect(tally(await wave()).taken).toBeUndefined();
    // Rebuilt while nothing is in flight, the gate agrees with the record again, and answers as it does.
    await flushRedis(appOf(name));
    expect(tally(await wave())).toEqual({ COUPON_SOLD_OUT: 30 });
    if (name !== 'Postgres') {
      const gate = await appOf(name).app.get(RedisQuotaStore).peek(shoppers[0].templateId, shoppers[0].shopperId);
      expect(gate).toEqual({ issued: 40, held: after.holders.get(shoppers[0].shopperId) });
    }
  });
});

describe.each(withRedis ? [['Redis']] : [])('%s adapter as a gate in front of the record', () => {
  const gate = () => app.app.get(RedisQuotaStore);
  const recordStore = () => app.app.get(PostgresQuotaStore);

  const connect = () => createClient({ url: testEnvironment().redisUrl! });
  const redis = async <T>(work: (client: ReturnType<typeof connect>) => Promise<T>): Promise<T> => {
    const client = connect();
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.close();
    }
  };
  const issuedKey = (templateId: string) => `${app.redisKeyPrefix}{cp:${templateId}}:issued`;

  afterEach(() => jest.restoreAllMocks());

  itConcurrently('refuses sold-out attempts without touching Postgres', async () => {
    const request = await quota(2, 1);
    await attempt(gate(), request());
    await attempt(gate(), request());
    const recordTakes = jest.spyOn(recordStore(), 'take');
    const usage = jest.spyOn(recordStore(), 'usage');
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => attempt(gate(), request())));
    expect(tally(outcomes)).toEqual({ COUPON_SOLD_OUT: 50 });
    expect(recordTakes).not.toHaveBeenCalled();
    expect(usage.mock.calls.length).toBeLessThanOrEqual(1); // the refusal is checked against the record once a second
  });

  it('keeps its keys under one hash tag per template, expiring after the claim window', async () => {
    const request = (await quota(5, 1))();
    await attempt(gate(), request);
    const keys = await redis(async (client) => {
      const found: string[] = [];
      for await (const batch of client.scanIterator({ MATCH: `${app.redisKeyPrefix}*${request.templateId}*` })) {
        found.push(...batch);
      }
      return Promise.all(found.sort().map(async (key) => ({ key, ttl: await client.pTTL(key) })));
    });
    const tag = `{cp:${request.templateId}}`;
    expect(keys.map((k) => k.key)).toEqual([
      `${app.redisKeyPrefix}${tag}:holders`,
      `${app.redisKeyPrefix}${tag}:issued`,
    ]);
    for (const { ttl } of keys) {
      expect(ttl).toBeGreaterThan(60 * MINUTE);
      expect(ttl).toBeLessThanOrEqual(
        request.forgetAfter.getTime() - app.clock.now().getTime() + 24 * 60 * MINUTE + 100,
      );
    }
  });

  it('heals units it took for requests that never committed (a crash between gate and record)', async () => {
    const request = await quota(3, 1);
    await attempt(gate(), request());
    // Two requests passed the gate and died before their transaction: the gate counts 3, the record 1.
    await redis((client) => client.set(issuedKey(request().templateId), '3', { expiration: 'KEEPTTL' }));
    expect(await attempt(gate(), request())).toBe('taken');
    expect(await attempt(gate(), request())).toBe('taken');
    app.clock.advance(1100);
    expect(await attempt(gate(), request())).toBe('COUPON_SOLD_OUT');
    expect((await record(request())).issued).toBe(3);
  });

  it('when the record refuses what the gate let through, the gate keeps the refused unit and returns the other', async () => {
    const request = await quota(10, 1);
    const shopper = request();
    await attempt(gate(), shopper);
    // The gate lost this shopper's count (an old rebuild): it lets her through, the record refuses.
    await redis((client) => client.hDel(`${app.redisKeyPrefix}{cp:${shopper.templateId}}:holders`, shopper.shopperId));
    expect(await attempt(gate(), shopper)).toBe('COUPON_LIMIT_REACHED');
    expect(await gate().peek(shopper.templateId, shopper.shopperId)).toEqual({ issued: 1, held: 1 });
  });

  itConcurrently('decides through the record alone while Redis fails', async () => {
    const request = await quota(2, 1);
    jest.spyOn(LuaScript.prototype, 'run').mockRejectedValue(new Error('ECONNREFUSED'));
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => attempt(gate(), request())));
    expect(tally(outcomes)).toEqual({ taken: 2, COUPON_SOLD_OUT: 4 });
  });
});

const limiters: Array<[string, () => AttemptLimiter]> = [
  ['Postgres', () => app.app.get(PostgresAttemptLimiter)],
  ...(withRedis ? [['Redis', () => app.app.get(RedisAttemptLimiter)] as [string, () => AttemptLimiter]] : []),
  ...(withCluster
    ? [['Redis Cluster', () => clusterApp!.app.get(RedisAttemptLimiter)] as [string, () => AttemptLimiter]]
    : []),
];

describe.each(limiters)('AttemptLimiter contract: %s adapter', (_name, limiter) => {
  const window = { limit: 10, windowMs: 60_000 };

  itConcurrently(
    'a burst of 30 concurrent attempts gets exactly 10 slots; the rest learn when to come back',
    async () => {
      const shopper = randomUUID();
      const now = app.clock.now();
      const reservations = await Promise.all(Array.from({ length: 30 }, () => limiter().reserve(shopper, now, window)));
      expect(reservations.filter((r) => r.granted)).toHaveLength(10);
      for (const refused of reservations.filter((r) => !r.granted)) {
        expect(refused).toEqual({ granted: false, retryAfterMs: 60_000 });
      }
    },
  );

  it('a forgiven attempt frees its slot; slots free themselves once the window has passed', async () => {
    const shopper = randomUUID();
    const start = app.clock.now();
    const granted = [];
    for (let i = 0; i < 10; i++)
      granted.push(await limiter().reserve(shopper, new Date(start.getTime() + i * 1000), window));
    expect((await limiter().reserve(shopper, new Date(start.getTime() + 10_000), window)).granted).toBe(false);
    const last = granted[9];
    if (!last.granted) throw new Error('expected a slot');
    await limiter().forgive(shopper, last.ticket);
    expect((await limiter().reserve(shopper, new Date(start.getTime() + 10_000), window)).granted).toBe(true);
    const refused = await limiter().reserve(shopper, new Date(start.getTime() + 30_000), window);
    expect(refused).toEqual({ granted: false, retryAfterMs: 30_000 });
    // 60 s after the first attempt it has left the window.
    expect((await limiter().reserve(shopper, new Date(start.getTime() + 60_000), window)).granted).toBe(true);
  });

  it('counts shoppers apart', async () => {
    const now = app.clock.now();
    const a = randomUUID();
    for (let i = 0; i < 10; i++) await limiter().reserve(a, now, window);
    expect((await limiter().reserve(a, now, window)).granted).toBe(false);
    expect((await limiter().reserve(randomUUID(), now, window)).granted).toBe(true);
  });
});
