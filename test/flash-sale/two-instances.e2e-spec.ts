import { createClient } from 'redis';
import { RedisGateRebuilder } from '../../src/modules/flash-sale/gate/redis-gate-rebuilder';
import { SaleDirectory } from '../../src/modules/flash-sale/sale-directory';
import { createMerchant, createProduct, expectError, TestMerchant, TestShopper } from '../support/fixtures';
import { runJobs } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import { testEnvironment } from '../support/test-env';
import { accepted, Attempt, createSale, eventually, GATE_MODES, mintShoppers, purchase } from './flash-fixtures';

// Two instances need two real connections to one database: embedded PGlite runs one transaction at a time.
const modes = testEnvironment().postgresMode === 'server' ? GATE_MODES : [];

describe.each(modes)('two instances on one database and one Redis (%s gate)', (mode) => {
  let a: TestApp;
  let b: TestApp;
  let merchant: TestMerchant;
  let shoppers: TestShopper[];
  let sale: any;
  let productId: string;

  beforeAll(async () => {
    a = await startTestApp({ redis: mode === 'redis' });
    b = await startTestApp({ redis: mode === 'redis', database: a.db, redisKeyPrefix: a.redisKeyPrefix ?? undefined });
    merchant = await createMerchant(a);
    const product = await createProduct(a, merchant);
    productId = product.id;
    shoppers = await mintShoppers(a, 200, `two_${mode}`);
    sale = await createSale(a, merchant, product.id, { totalStock: 50, perUserLimit: 1 });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  const persistBoth = async () => {
    if (mode === 'redis') await Promise.all([runJobs(a, 'flash-sale.persist'), runJobs(b, 'flash-sale.persist')]);
  };

  it('share a stampede without overselling: 50 units, 50 shoppers, every reservation confirmed on either', async () => {
    const attempts = await Promise.all(
      shoppers.flatMap((shopper, i) =>
        [0, 1].map(async (j): Promise<Attempt> => {
          const app = (i + j) % 2 === 0 ? a : b;
          return { shopper, response: await purchase(app, shopper, sale.id) };
        }),
      ),
    );
    const winners = accepted(attempts);
    expect(winners).toHaveLength(50);
    expect(new Set(winners.map((w) => w.shopper.id)).size).toBe(50);
    expect(attempts.filter((x) => x.response.status >= 500)).toEqual([]);
    await persistBoth();
    const rows = await a.db.query<{ n: string; shoppers: string }>(
      `SELECT SUM(quantity) AS n, COUNT(DISTINCT shopper_id) AS shoppers FROM flash_reservations
       WHERE sale_id = $1 AND status = 'confirmed'`,
      [sale.id],
    );
    expect(rows).toEqual([{ n: '50', shoppers: '50' }]);
    for (const [i, winner] of winners.entries()) {
      const app = i % 2 === 0 ? a : b;
      const seen = await app.http.get(`/v1/flash-sales/reservations/${winner.response.body.reservationId}`, {
        token: winner.shopper.token,
      });
      expect(seen.body.status).toBe('confirmed');
    }
  });

  it('a unit released through one instance is sold by the other, whose sold-out flag it clears', async () => {
    expectError(await purchase(b, shoppers[199], sale.id), 409, 'FLASH_SALE_SOLD_OUT');
    const [reservation] = await a.db.query<{ id: string; shopper_id: string }>(
      `SELECT id, shopper_id FROM flash_reservations WHERE sale_id = $1 AND status = 'confirmed' LIMIT 1`,
      [sale.id],
    );
    const owner = shoppers.find((s) => s.id === reservation.shopper_id)!;
    expect((await a.http.post(`/v1/orders/${reservation.id}/cancel`, { token: owner.token })).status).toBe(200);
    await runJobs(a, 'outbox.dispatch');
    // Instance b never saw the release: the restock announcement (Redis), or at worst its flag's expiry after
    // SOLD_OUT_RECHECK_MS (no Redis to announce on), lets it sell again.
    const holders = new Set(
      (
        await a.db.query<{ shopper_id: string }>(
          `SELECT shopper_id FROM flash_reservations WHERE sale_id = $1 AND status = 'confirmed'`,
          [sale.id],
        )
      ).map((row) => row.shopper_id),
    );
    const buyers = shoppers.filter((s) => !holders.has(s.id) && s.id !== owner.id);
    const taken = await eventually(
      async () => {
        for (const buyer of buyers) {
          const response = await purchase(b, buyer, sale.id);
          if (response.status === 202) return response;
          if (response.body.error?.code === 'FLASH_SALE_SOLD_OUT') return response;
        }
        return null;
      },
      (response) => response?.status === 202,
      5000,
    );
    expect(taken?.status).toBe(202);
    await persistBoth();
    const [{ n }] = await a.db.query<{ n: string }>(
      `SELECT SUM(quantity) AS n FROM flash_reservations WHERE sale_id = $1 AND status IN ('confirmed', 'paid')`,
      [sale.id],
    );
    expect(n).toBe('50');
  });

  if (mode === 'redis') {
    it('keys lost under both instances: one rebuild between them, then exactly what Postgres says is left', async () => {
      const lost = await createSale(a, merchant, productId, { totalStock: 40, perUserLimit: 1 });
      const before = accepted(
        await Promise.all(
          shoppers.slice(0, 20).map(async (shopper): Promise<Attempt> => ({
            shopper,
            response: await purchase(a, shopper, lost.id),
          })),
        ),
      );
      expect(before).toHaveLength(20);
      await persistBoth();
      const epoch = async () =>
        (await a.db.query<{ redis_epoch: number }>('SELECT redis_epoch FROM flash_sales WHERE id = $1', [lost.id]))[0]
          .redis_epoch;
      const epochBefore = await epoch();

      const redis = createClient({ url: testEnvironment().redisUrl! });
      await redis.connect();
      try {
        const keys: string[] = [];
        for await (const batch of redis.scanIterator({ MATCH: `${a.redisKeyPrefix}{fs:${lost.id}}:*` })) {
          keys.push(...batch);
        }
        expect(keys.length).toBeGreaterThan(0);
        await redis.del(keys);

        const rebuilders = [a, b].map((app) => app.app.get(RedisGateRebuilder));
        const rebuilds = rebuilders.map((rebuilder) =>
          jest.spyOn(rebuilder as unknown as { rebuild: () => Promise<void> }, 'rebuild'),
        );
        const views = await Promise.all([a, b].map((app) => app.app.get(SaleDirectory).find(lost.id)));
        // Both rebuilders race for the lock while a stampede through both instances finds the keys missing.
        const [, attempts] = await Promise.all([
          Promise.all(rebuilders.map((rebuilder, i) => rebuilder.ensure(views[i]!))),
          Promise.all(
            shoppers.flatMap((shopper, i) =>
              [0, 1].map(async (j): Promise<Attempt> => {
                const app = (i + j) % 2 === 0 ? a : b;
                return { shopper, response: await purchase(app, shopper, lost.id) };
              }),
            ),
          ),
        ]);
        expect(rebuilds[0].mock.calls.length + rebuilds[1].mock.calls.length).toBe(1);
        expect(await epoch()).toBe(epochBefore + 1);
        expect(Number(await redis.get(`${a.redisKeyPrefix}{fs:${lost.id}}:ready`))).toBe(epochBefore + 1);

        expect(attempts.filter((x) => x.response.status !== 202 && x.response.status !== 409)).toEqual([]);
        const after = accepted(attempts);
        expect(after).toHaveLength(20); // 40 − the 20 that Postgres knew
        // Quotas came back from Postgres too: none of the first 20 buyers got a second unit.
        const first = new Set(before.map((w) => w.shopper.id));
        expect(after.filter((w) => first.has(w.shopper.id))).toEqual([]);
        expect(new Set(after.map((w) => w.shopper.id)).size).toBe(20);

        await persistBoth();
        for (const [i, winner] of [...before, ...after].entries()) {
          const app = i % 2 === 0 ? a : b;
          const seen = await app.http.get(`/v1/flash-sales/reservations/${winner.response.body.reservationId}`, {
            token: winner.shopper.token,
          });
          expect(seen.body.status).toBe('confirmed');
        }
        const [row] = await a.db.query<{ units: string; released: string }>(
          `SELECT COALESCE(SUM(quantity) FILTER (WHERE status IN ('confirmed', 'paid')), 0) AS units,
                  COUNT(*) FILTER (WHERE status = 'released') AS released
           FROM flash_reservations WHERE sale_id = $1`,
          [lost.id],
        );
        expect(row).toEqual({ units: '40', released: '0' });
        const stats = (await b.http.get(`/v1/merchant/flash-sales/${lost.id}`, { token: merchant.apiKey })).body.stats;
        expect(stats).toEqual({ totalStock: 40, reserved: 40, paid: 0, remaining: 0 });
      } finally {
        await redis.close();
        jest.restoreAllMocks();
      }
    });
  }
});
