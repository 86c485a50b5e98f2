import { randomUUID } from 'node:crypto';
import { createMerchant, createProduct, TestMerchant, TestShopper } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { testEnvironment } from '../support/test-env';
import { accepted, Attempt, mintShoppers, persistReservations, purchase } from './flash-fixtures';

const withRedis = testEnvironment().redisUrl !== null ? describe : describe.skip;

/** 60,000,000.00 yuan: one unit is a valid order, two exceed the order maximum. */
const PRICE = 6_000_000_000;
const STOCK = 20;

/**
 * One reservation that can never be written (its order's total exceeds the maximum) in the same batch as nine
 * good ones: the nine are confirmed with their orders, the bad one is released with its units back on sale and
 * counted for the merchant, and the consumer does not stall on it.
 */
withRedis('a poisoned batch in the reservation consumer', () => {
  let app: TestApp;
  let merchant: TestMerchant;
  let shoppers: TestShopper[];
  let saleId: string;

  beforeAll(async () => {
    app = await startTestApp({ redis: true });
    merchant = await createMerchant(app);
    const product = await createProduct(app, merchant);
    shoppers = await mintShoppers(app, 10, 'poison');
    // Creation refuses such a sale now; one created before that rule is written directly.
    saleId = randomUUID();
    const now = app.clock.now().getTime();
    await app.db.query(
      `INSERT INTO flash_sales (id, merchant_id, product_id, product_name, price_fen, total_stock, per_user_limit,
                                starts_at, ends_at, payment_window_seconds, remaining, redis_epoch, created_at)
       VALUES ($1, $2, $3, 'Poisoned', $4, $5, 2, $6, $7, 600, $5, 0, $6)`,
      [saleId, merchant.id, product.id, PRICE, STOCK, new Date(now - 1000), new Date(now + 3600_000)],
    );
  });
  afterAll(() => app.close());

  const statusOf = async (attempt: Attempt) =>
    (
      await app.http.get(`/v1/flash-sales/reservations/${attempt.response.body.reservationId}`, {
        token: attempt.shopper.token,
      })
    ).body;

  it('writes the nine good reservations, releases the bad one with its units back, and says so', async () => {
    const [bad, ...good] = shoppers;
    const attempts: Attempt[] = [
      { shopper: bad, response: await purchase(app, bad, saleId, { quantity: 2 }) },
      ...(await Promise.all(
        good.map(async (shopper): Promise<Attempt> => ({ shopper, response: await purchase(app, shopper, saleId) })),
      )),
    ];
    expect(accepted(attempts)).toHaveLength(10);
    const view = async () => (await app.http.get(`/v1/flash-sales/${saleId}`, { token: bad.token })).body;
    expect((await view()).remainingStock).toBe(STOCK - 11);

    await persistReservations(app);

    for (const attempt of attempts.slice(1)) {
      expect(await statusOf(attempt)).toEqual({
        reservationId: attempt.response.body.reservationId,
        status: 'confirmed',
        orderId: expect.any(String),
      });
    }
    expect(await statusOf(attempts[0])).toMatchObject({ status: 'released', orderId: null });
    const rows = await app.db.query<{ status: string; orders: string }>(
      `SELECT r.status, COUNT(o.id) AS orders FROM flash_reservations r LEFT JOIN orders o ON o.id = r.order_id
       WHERE r.sale_id = $1 GROUP BY r.status ORDER BY r.status`,
      [saleId],
    );
    expect(rows).toEqual([
      { status: 'confirmed', orders: '9' },
      { status: 'released', orders: '0' },
    ]);
    // Its 2 units are back on sale, and the merchant sees the reservation that could not be written.
    expect((await view()).remainingStock).toBe(STOCK - 9);
    const merchantView = await app.http.get(`/v1/merchant/flash-sales/${saleId}`, { token: merchant.apiKey });
    expect(merchantView.body).toMatchObject({
      failedReservations: 1,
      stats: { totalStock: STOCK, reserved: 9, paid: 0, remaining: STOCK - 9 },
    });
    // Nothing is left pending: the next run has nothing to write.
    await persistReservations(app);
    expect(await app.db.query(`SELECT COUNT(*) AS n FROM flash_reservations WHERE sale_id = $1`, [saleId])).toEqual([
      { n: '10' },
    ]);
    // The shopper's quota came back too: one unit (a valid order) is accepted and written.
    const again: Attempt = { shopper: bad, response: await purchase(app, bad, saleId) };
    expect(again.response.status).toBe(202);
    await persistReservations(app);
    expect((await statusOf(again)).status).toBe('confirmed');
  });
});
