import { createClient } from 'redis';
import { createMerchant, createProduct, expectError, TestMerchant, TestShopper } from '../support/fixtures';
import { runJobs } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import { testEnvironment } from '../support/test-env';
import {
  accepted,
  Attempt,
  createSale,
  eventually,
  GATE_MODES,
  mintShoppers,
  persistReservations,
  purchase,
  stampede,
} from '../flash-sale/flash-fixtures';
import { campaignsOf } from './campaign-fixtures';

const MINUTE = 60_000;

/**
 * A flash sale's stock edited while shoppers buy: the gate (Redis, or the Postgres adapter) sells exactly the new
 * total, counted from the database once the consumer has written every reservation.
 */
describe.each(GATE_MODES)('flash-sale stock edits (%s gate)', (mode) => {
  let app: TestApp;
  let merchant: TestMerchant;
  let productId: string;
  let shoppers: TestShopper[];

  beforeAll(async () => {
    app = await startTestApp({ redis: mode === 'redis' });
    merchant = await createMerchant(app);
    productId = (await createProduct(app, merchant)).id;
    shoppers = await mintShoppers(app, 200, `stock_${mode}`);
  });
  afterAll(() => app.close());

  const sales = () => campaignsOf(app, merchant, 'flash-sales');
  const stats = async (saleId: string) => (await sales().get(saleId)).body.stats;
  /** Units of live reservations and orders written for the sale, as the database has them. */
  const written = async (saleId: string) => {
    const [row] = await app.db.query<{ units: number; orders: number; over_limit: number }>(
      `SELECT coalesce(sum(r.quantity), 0)::int AS units, count(o.id)::int AS orders,
              (SELECT count(*)::int FROM (
                 SELECT 1 FROM flash_reservations WHERE sale_id = $1 AND status IN ('confirmed', 'paid')
                 GROUP BY shopper_id HAVING sum(quantity) > 1) over) AS over_limit
       FROM flash_reservations r LEFT JOIN orders o ON o.id = r.order_id
       WHERE r.sale_id = $1 AND r.status IN ('confirmed', 'paid')`,
      [saleId],
    );
    return row;
  };
  /**
   * Whoever was refused tries again, wave after wave, until the gate says nothing is left: an attempt answered sold
   * out just before a raise may re-arm an instance's sold-out flag, which then lets one attempt through per recheck.
   */
  async function buyUntilSoldOut(saleId: string, refused: TestShopper[]): Promise<Attempt[]> {
    const taken: Attempt[] = [];
    let waiting = refused;
    await eventually(
      async () => {
        const wave = await Promise.all(
          waiting.map(async (shopper): Promise<Attempt> => ({
            shopper,
            response: await purchase(app, shopper, saleId),
          })),
        );
        taken.push(...accepted(wave));
        waiting = wave.filter((attempt) => attempt.response.status !== 202).map((attempt) => attempt.shopper);
        return (await stats(saleId)).remaining;
      },
      (remaining) => remaining === 0,
    );
    return taken;
  }

  it('raised from 60 to 150 while 200 shoppers buy: exactly 150 units sold, no more', async () => {
    const sale = await createSale(app, merchant, productId, { totalStock: 60, perUserLimit: 1 });
    let raised: Promise<{ status: number }> | null = null;
    const firstWave = await Promise.all(
      shoppers.map(async (shopper): Promise<Attempt> => {
        const response = await purchase(app, shopper, sale.id);
        // Raise mid-stampede, as soon as the first shopper is told the sale is sold out.
        if (response.status === 409 && raised === null) raised = sales().patch(sale.id, { totalStock: 150 });
        return { shopper, response };
      }),
    );
    expect((await raised!).status).toBe(200);
    const codes = new Set(firstWave.filter((a) => a.response.status !== 202).map((a) => a.response.body.error.code));
    expect([...codes]).toEqual(codes.size === 0 ? [] : ['FLASH_SALE_SOLD_OUT']);
    const refused = firstWave.filter((a) => a.response.status !== 202).map((a) => a.shopper);
    const later = await buyUntilSoldOut(sale.id, refused);

    expect(accepted(firstWave).length + later.length).toBe(150);
    await persistReservations(app);
    expect(await written(sale.id)).toEqual({ units: 150, orders: 150, over_limit: 0 });
    expect(await stats(sale.id)).toEqual({ totalStock: 150, reserved: 150, paid: 0, remaining: 0 });
  });

  it('raised while sold out: the next attempt is sold at once, though the flag had it refused in process', async () => {
    const sale = await createSale(app, merchant, productId, { totalStock: 3, perUserLimit: 1 });
    for (const shopper of shoppers.slice(0, 3)) expect((await purchase(app, shopper, sale.id)).status).toBe(202);
    expectError(await purchase(app, shoppers[3], sale.id), 409, 'FLASH_SALE_SOLD_OUT');
    expect((await sales().patch(sale.id, { totalStock: 5 })).status).toBe(200);
    expect((await purchase(app, shoppers[3], sale.id)).status).toBe(202);
    expect((await purchase(app, shoppers[4], sale.id)).status).toBe(202);
    expectError(await purchase(app, shoppers[5], sale.id), 409, 'FLASH_SALE_SOLD_OUT');
    await persistReservations(app);
    expect(await written(sale.id)).toMatchObject({ units: 5 });
  });

  it('lowered before the start: the gate sells exactly the lower total', async () => {
    const now = app.clock.now().getTime();
    const sale = await createSale(app, merchant, productId, {
      totalStock: 10,
      perUserLimit: 1,
      startsAt: new Date(now + 10 * MINUTE),
      endsAt: new Date(now + 60 * MINUTE),
    });
    expect((await sales().patch(sale.id, { totalStock: 4 })).body.stats).toMatchObject({ remaining: 4 });
    app.clock.advance(10 * MINUTE);
    expect(accepted(await stampede(app, shoppers.slice(0, 12), sale.id, 1))).toHaveLength(4);
    await persistReservations(app);
    expect(await written(sale.id)).toEqual({ units: 4, orders: 4, over_limit: 0 });
    expect(await stats(sale.id)).toEqual({ totalStock: 4, reserved: 4, paid: 0, remaining: 0 });
  });

  if (mode === 'redis') {
    it('a rebuild after Redis loss counts from the new total; the change delivered again, or after it, adds nothing', async () => {
      const redis = createClient({ url: testEnvironment().redisUrl! });
      await redis.connect();
      const loseKeys = async (saleId: string) => {
        const keys: string[] = [];
        for await (const batch of redis.scanIterator({ MATCH: `${app.redisKeyPrefix}{fs:${saleId}}:*` })) {
          keys.push(...batch);
        }
        await redis.del(keys);
      };
      try {
        const sale = await createSale(app, merchant, productId, { totalStock: 10, perUserLimit: 1 });
        expect(accepted(await stampede(app, shoppers.slice(0, 4), sale.id, 1))).toHaveLength(4);
        await persistReservations(app);

        // Applied after the commit; the outbox's copy, delivered now, finds it applied.
        expect((await sales().patch(sale.id, { totalStock: 20 })).body.stats).toMatchObject({ remaining: 16 });
        await runJobs(app, 'outbox.dispatch');
        expect((await stats(sale.id)).remaining).toBe(16);

        // Redis loses the keys after the next raise was applied: the rebuild counts 30 less the 4 written, and the
        // raise's outbox copy, of the lost generation, is not added on top.
        expect((await sales().patch(sale.id, { totalStock: 30 })).status).toBe(200);
        await loseKeys(sale.id);
        expect((await purchase(app, shoppers[4], sale.id)).status).toBe(202);
        await runJobs(app, 'outbox.dispatch');
        expect((await stats(sale.id)).remaining).toBe(25);

        expect(accepted(await stampede(app, shoppers.slice(5, 45), sale.id, 1))).toHaveLength(25);
        await persistReservations(app);
        expect(await written(sale.id)).toEqual({ units: 30, orders: 30, over_limit: 0 });
      } finally {
        await redis.close();
      }
    });
  }
});
