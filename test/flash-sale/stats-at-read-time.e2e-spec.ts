import { createMerchant, createProduct, TestMerchant } from '../support/fixtures';
import { getOrder, payInSandbox, runJobs } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import { accepted, createSale, GATE_MODES, mintShoppers, persistReservations, stampede } from './flash-fixtures';

const STOCK = 6;
const WINDOW_SECONDS = 120;

/**
 * The merchant's stats move with the orders, not after them: a reservation becomes `paid` or `released` in its
 * order's own transaction, so they are read right after each payment notification is accepted (and right after
 * the expiry job answers), with no outbox delivery in between.
 */
describe.each(GATE_MODES)('flash-sale stats at read time (%s gate)', (mode) => {
  let app: TestApp;
  let merchant: TestMerchant;
  let sale: any;

  beforeAll(async () => {
    app = await startTestApp({ redis: mode === 'redis' });
    merchant = await createMerchant(app);
    const product = await createProduct(app, merchant, { priceFen: 5000, name: 'Kettle' });
    sale = await createSale(app, merchant, product.id, {
      totalStock: STOCK,
      perUserLimit: 1,
      paymentWindowSeconds: WINDOW_SECONDS,
    });
  });
  afterAll(() => app.close());

  const stats = async () =>
    (await app.http.get(`/v1/merchant/flash-sales/${sale.id}`, { token: merchant.apiKey })).body.stats;
  /** What the orders of the sale say, in units (perUserLimit 1: one unit per order). */
  const fromOrders = async () => {
    const rows = await app.db.query<{ status: string; n: string }>(
      `SELECT o.status, COUNT(*) AS n FROM orders o JOIN flash_reservations r ON r.order_id = o.id
       WHERE r.sale_id = $1 GROUP BY o.status`,
      [sale.id],
    );
    const count = (status: string) => Number(rows.find((row) => row.status === status)?.n ?? 0);
    return { paid: count('paid'), reserved: count('pending_payment') };
  };

  it('each payment shows in paid and reserved as soon as its notification is accepted; expiry likewise', async () => {
    const shoppers = await mintShoppers(app, STOCK, `stats_${mode}`);
    const winners = accepted(await stampede(app, shoppers, sale.id, 1));
    expect(winners).toHaveLength(STOCK);
    await persistReservations(app);
    expect(await stats()).toMatchObject({ reserved: STOCK, paid: 0 });

    const toPay = winners.slice(0, STOCK - 2);
    for (const [i, winner] of toPay.entries()) {
      const { body: reservation } = await app.http.get(
        `/v1/flash-sales/reservations/${winner.response.body.reservationId}`,
        { token: winner.shopper.token },
      );
      const order = await getOrder(app, winner.shopper, reservation.orderId);
      expect((await payInSandbox(app, order.payment.outTradeNo)).status).toBe(202);
      await runJobs(app, 'sandbox.settle', 'sandbox.deliver');
      expect((await getOrder(app, winner.shopper, order.id)).status).toBe('paid');
      expect(await fromOrders()).toEqual({ paid: i + 1, reserved: STOCK - i - 1 });
      expect(await stats()).toMatchObject(await fromOrders());
    }

    app.clock.advance((WINDOW_SECONDS + 1) * 1000);
    await runJobs(app, 'orders.expire');
    expect(await fromOrders()).toEqual({ paid: STOCK - 2, reserved: 0 });
    expect(await stats()).toMatchObject({ paid: STOCK - 2, reserved: 0 });
  });
});
