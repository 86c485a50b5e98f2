import { createMerchant, createProduct, expectError, TestMerchant, TestShopper } from '../support/fixtures';
import { getOrder, payInSandbox, runJobs, settleEverything } from '../support/payments';
import { campaignsOnTwoMasters } from '../support/redis';
import { startTestApp, TestApp } from '../support/test-app';
import {
  accepted,
  Attempt,
  createSale,
  GATE_MODES_AND_CLUSTER,
  mintShoppers,
  persistReservations,
  purchase,
  redisOf,
  saleKey,
  stampede,
} from './flash-fixtures';

const STOCK = 50;
const PRICE = 1990;
const WINDOW_SECONDS = 120;

describe.each(GATE_MODES_AND_CLUSTER)('a flash-sale stampede (%s gate)', (mode) => {
  let app: TestApp;
  let merchant: TestMerchant;
  let product: { id: string };
  let shoppers: TestShopper[];
  let sale: any;
  let firstWave: Attempt[];
  let winners: Attempt[];
  let paidOrders: string[];
  let expiredOrders: string[];
  let lateOrder: string;

  beforeAll(async () => {
    app = await startTestApp({ redis: redisOf(mode) });
    merchant = await createMerchant(app);
    product = await createProduct(app, merchant, { priceFen: 5000, name: 'Rice cooker' });
    shoppers = await mintShoppers(app, 200, `fs_${mode.replace(' ', '_')}`);
    sale = await createSale(app, merchant, product.id, {
      priceFen: PRICE,
      totalStock: STOCK,
      perUserLimit: 1,
      paymentWindowSeconds: WINDOW_SECONDS,
    });
  });
  afterAll(() => app.close());

  const liveUnits = async () =>
    (
      await app.db.query<{ units: string | null }>(
        `SELECT SUM(quantity) AS units FROM flash_reservations WHERE sale_id = $1 AND status IN ('confirmed', 'paid')`,
        [sale.id],
      )
    )[0].units;
  const stats = async () =>
    (await app.http.get(`/v1/merchant/flash-sales/${sale.id}`, { token: merchant.apiKey })).body.stats;
  const publicView = async () => (await app.http.get(`/v1/flash-sales/${sale.id}`, { token: shoppers[0].token })).body;
  const reservation = (attempt: Attempt) =>
    app.http.get(`/v1/flash-sales/reservations/${attempt.response.body.reservationId}`, {
      token: attempt.shopper.token,
    });

  it('200 shoppers × 3 concurrent attempts on 50 units: exactly 50 accepted, by 50 different shoppers', async () => {
    firstWave = await stampede(app, shoppers, sale.id, 3);
    winners = accepted(firstWave);
    expect(winners).toHaveLength(STOCK);
    expect(new Set(winners.map((a) => a.shopper.id)).size).toBe(STOCK);
    const refusals = firstWave.filter((a) => a.response.status !== 202);
    expect(refusals.map((a) => a.response.status).filter((s) => s !== 409)).toEqual([]);
    // Sold out wins over the limit, so how many of each depends on timing; nothing else is answered.
    const codes = new Set(refusals.map((a) => a.response.body.error.code));
    expect([...codes].filter((code) => code !== 'FLASH_SALE_SOLD_OUT' && code !== 'FLASH_SALE_LIMIT_REACHED')).toEqual(
      [],
    );
    expect(codes.has('FLASH_SALE_SOLD_OUT')).toBe(true);
    for (const winner of winners) {
      expect(winner.response.body).toEqual({
        reservationId: expect.stringMatching(/^[0-9a-f]{64}$/),
        status: mode === 'postgres' ? 'confirmed' : 'queued',
        orderId: mode === 'postgres' ? expect.any(String) : null,
      });
    }
    // Sold out for everyone now, from the in-process flag or the gate, and the public view says so.
    expectError(await purchase(app, shoppers[0], sale.id), 409, 'FLASH_SALE_SOLD_OUT');
    expect(await publicView()).toMatchObject({ id: sale.id, status: 'sold_out', remainingStock: 0 });
  });

  it('all 50 confirm to flash_sale orders at the sale price, payable for the sale window', async () => {
    await persistReservations(app);
    for (const winner of winners) {
      const seen = await reservation(winner);
      expect(seen.body).toEqual({
        reservationId: winner.response.body.reservationId,
        status: 'confirmed',
        orderId: expect.any(String),
      });
      winner.response.body.orderId = seen.body.orderId;
    }
    expect(await liveUnits()).toBe(String(STOCK));
    const orders = await app.db.query<Record<string, any>>(
      `SELECT o.* FROM orders o JOIN flash_reservations r ON r.order_id = o.id WHERE r.sale_id = $1`,
      [sale.id],
    );
    expect(orders).toHaveLength(STOCK);
    for (const order of orders) {
      expect(order).toMatchObject({ kind: 'flash_sale', status: 'pending_payment', total_fen: String(PRICE) });
      expect(order.expires_at.getTime() - order.created_at.getTime()).toBe(WINDOW_SECONDS * 1000);
    }
    expect(await stats()).toEqual({ totalStock: STOCK, reserved: STOCK, paid: 0, remaining: 0 });
    // Another shopper's reservation is not found.
    const other = winners[1];
    const peek = await app.http.get(`/v1/flash-sales/reservations/${winners[0].response.body.reservationId}`, {
      token: other.shopper.token,
    });
    expectError(peek, 404, 'NOT_FOUND');
  });

  it('20 paid; 30 left to expire give their units back, and a late payment does not resurrect one', async () => {
    paidOrders = [];
    for (const winner of winners.slice(0, 20)) {
      const order = await getOrder(app, winner.shopper, winner.response.body.orderId);
      expect(order.payment.prepayId).toEqual(expect.any(String)); // prepared when opened
      expect(order.items).toEqual([{ productId: product.id, quantity: 1, unitPriceFen: PRICE }]);
      expect((await payInSandbox(app, order.payment.outTradeNo)).status).toBe(202);
      paidOrders.push(order.id);
    }
    await settleEverything(app);
    for (const [i, id] of paidOrders.entries()) {
      expect((await getOrder(app, winners[i].shopper, id)).status).toBe('paid');
    }
    expect(await stats()).toEqual({ totalStock: STOCK, reserved: 30, paid: 20, remaining: 0 });

    // One of the 30 is paid at the provider just before its deadline; the notification arrives after it.
    const late = winners[20];
    lateOrder = late.response.body.orderId;
    const lateView = await getOrder(app, late.shopper, lateOrder);
    expect((await payInSandbox(app, lateView.payment.outTradeNo)).status).toBe(202);
    expiredOrders = winners.slice(20).map((w) => w.response.body.orderId);

    app.clock.advance((WINDOW_SECONDS + 1) * 1000);
    await runJobs(app, 'orders.expire');
    await settleEverything(app);
    for (const [i, id] of expiredOrders.entries()) {
      expect((await getOrder(app, winners[20 + i].shopper, id)).status).toBe('cancelled');
    }
    const lateNow = await getOrder(app, late.shopper, lateOrder);
    expect(lateNow).toMatchObject({ status: 'cancelled', paidAt: null });
    expect(await app.db.query(`SELECT cause, amount_fen FROM order_refunds WHERE order_id = $1`, [lateOrder])).toEqual([
      { cause: 'late_payment', amount_fen: String(PRICE) },
    ]);
    expect((await reservation(late)).body.status).toBe('released');
    expect((await reservation(winners[0])).body.status).toBe('confirmed');

    expect(await stats()).toEqual({ totalStock: STOCK, reserved: 0, paid: 20, remaining: 30 });
    expect(await publicView()).toMatchObject({ id: sale.id, status: 'active', remainingStock: 30 });
    expect(await liveUnits()).toBe('20');
    const rows = await app.db.query<{ status: string; n: string }>(
      `SELECT status, COUNT(*) AS n FROM flash_reservations WHERE sale_id = $1 GROUP BY status ORDER BY status`,
      [sale.id],
    );
    expect(rows).toEqual([
      { status: 'paid', n: '20' },
      { status: 'released', n: '30' },
    ]);
  });

  it('a second wave takes exactly the 30 units that came back, never from a shopper who paid', async () => {
    const secondWave = await stampede(app, shoppers, sale.id, 3);
    const taken = accepted(secondWave);
    expect(taken).toHaveLength(30);
    expect(new Set(taken.map((a) => a.shopper.id)).size).toBe(30);
    const payers = new Set(winners.slice(0, 20).map((w) => w.shopper.id));
    expect(taken.filter((a) => payers.has(a.shopper.id))).toEqual([]);
    expect(secondWave.filter((a) => a.response.status !== 202 && a.response.status !== 409)).toEqual([]);
    await persistReservations(app);
    expect(await liveUnits()).toBe(String(STOCK));
    expect(await stats()).toEqual({ totalStock: STOCK, reserved: 30, paid: 20, remaining: 0 });
    expect(await publicView()).toMatchObject({ status: 'sold_out', remainingStock: 0 });
    // Every shopper holds at most perUserLimit.
    const held = await app.db.query<{ units: string }>(
      `SELECT SUM(quantity) AS units FROM flash_reservations
       WHERE sale_id = $1 AND status IN ('confirmed', 'paid') GROUP BY shopper_id HAVING SUM(quantity) > 1`,
      [sale.id],
    );
    expect(held).toEqual([]);
  });

  it('FLASH_SALE_NOT_ACTIVE before the start and after the end', async () => {
    const now = app.clock.now().getTime();
    const later = await createSale(app, merchant, product.id, {
      startsAt: new Date(now + 10 * 60_000),
      endsAt: new Date(now + 20 * 60_000),
    });
    expectError(await purchase(app, shoppers[5], later.id), 409, 'FLASH_SALE_NOT_ACTIVE');
    const view = await app.http.get(`/v1/flash-sales/${later.id}`, { token: shoppers[5].token });
    expect(view.body).toMatchObject({ status: 'upcoming', remainingStock: 50 });

    app.clock.advance(15 * 60_000);
    expect((await purchase(app, shoppers[6], later.id)).status).toBe(202);
    app.clock.advance(5 * 60_000);
    expectError(await purchase(app, shoppers[7], later.id), 409, 'FLASH_SALE_NOT_ACTIVE');
    const ended = await app.http.get(`/v1/flash-sales/${later.id}`, { token: shoppers[5].token });
    expect(ended.body).toMatchObject({ status: 'ended', remainingStock: 49 });
  });

  if (mode === 'redis cluster') {
    it('two sales whose keys live on different masters sell at once, each exactly its stock', async () => {
      const sales = await campaignsOnTwoMasters(
        () => createSale(app, merchant, product.id, { totalStock: 10, perUserLimit: 1 }),
        (created) => saleKey(app, created.id),
      );
      expect(new Set(sales.map((one) => one.master)).size).toBe(2);
      const waves = await Promise.all(
        sales.map(({ campaign }) => stampede(app, shoppers.slice(0, 40), campaign.id, 1)),
      );
      for (const wave of waves) {
        expect(accepted(wave)).toHaveLength(10);
        expect(wave.filter((a) => a.response.status !== 202 && a.response.status !== 409)).toEqual([]);
      }
      await persistReservations(app);
      const units = await app.db.query<{ sale_id: string; units: string }>(
        `SELECT sale_id, SUM(quantity) AS units FROM flash_reservations
         WHERE sale_id = ANY($1) AND status IN ('confirmed', 'paid') GROUP BY sale_id`,
        [sales.map(({ campaign }) => campaign.id)],
      );
      expect(units.map((row) => row.units)).toEqual(['10', '10']);
    });
  }
});
