import { createMerchant, createProduct, expectError, TestMerchant, TestShopper } from '../support/fixtures';
import { runJobs } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import { testEnvironment } from '../support/test-env';
import { accepted, Attempt, createSale, eventually, GATE_MODES, loginShoppers, purchase } from './flash-fixtures';

// Two instances need two real connections to one database: embedded PGlite runs one transaction at a time.
const modes = testEnvironment().postgresMode === 'server' ? GATE_MODES : [];

describe.each(modes)('two instances on one database and one Redis (%s gate)', (mode) => {
  let a: TestApp;
  let b: TestApp;
  let merchant: TestMerchant;
  let shoppers: TestShopper[];
  let sale: any;

  beforeAll(async () => {
    a = await startTestApp({ redis: mode === 'redis' });
    b = await startTestApp({ redis: mode === 'redis', database: a.db, redisKeyPrefix: a.redisKeyPrefix ?? undefined });
    merchant = await createMerchant(a);
    const product = await createProduct(a, merchant);
    shoppers = await loginShoppers(a, 200, `two_${mode}`);
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
});
