import {
  createMerchant,
  createProduct,
  expectError,
  loginShopper,
  TestMerchant,
  TestShopper,
} from '../support/fixtures';
import { OutboxService } from '../../src/platform/outbox/outbox.service';
import { getOrder, payAndSettle, payInSandbox, runJobs } from '../support/payments';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';
import { at, claimOk, createTemplate, MINUTE, MODES, statuses, templateStats, itConcurrently } from './coupon-fixtures';

describe.each(MODES)('redeeming coupons through orders %s', (_mode, options) => {
  let app: TestApp;
  let merchant: TestMerchant;
  let other: TestMerchant;
  let shopper: TestShopper;
  let tea: { id: string };
  let cake: { id: string };
  let template: any;

  beforeAll(async () => {
    app = await startTestApp(options);
    merchant = await createMerchant(app, 'Tea shop');
    other = await createMerchant(app, 'Cake shop');
    shopper = await loginShopper(app);
    tea = await createProduct(app, merchant, { priceFen: 5000 });
    cake = await createProduct(app, other, { priceFen: 5000 });
    template = await createTemplate(app, merchant, {
      valueFen: 2000,
      minSpendFen: 8000,
      perUserLimit: 20,
      totalQuantity: 100,
    });
  });
  afterAll(() => app.close());

  const order = (who: TestShopper, couponId: string | undefined, items = [{ productId: tea.id, quantity: 2 }]) =>
    app.http.post('/v1/orders', { token: who.token, body: { items, ...(couponId ? { couponId } : {}) } });
  const coupon = async (who: TestShopper, id: string) => {
    const wallet = await app.http.get('/v1/me/coupons?limit=100', { token: who.token });
    return wallet.body.items.find((c: any) => c.id === id);
  };
  const dispatch = () => runJobs(app, 'outbox.dispatch');
  /** Dispatches the outbox from three callers at once until nothing more is delivered: handlers run side by side. */
  const dispatchConcurrently = async () => {
    const outbox = app.app.get(OutboxService);
    for (;;) {
      const delivered = await Promise.all([outbox.dispatch(), outbox.dispatch(), outbox.dispatch()]);
      if (delivered.every((count) => count === 0)) return;
    }
  };
  /** How many orders the shopper has, whatever they carry. */
  const orderCount = async (who: TestShopper) => {
    const [{ n }] = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE shopper_id = $1', [
      who.id,
    ]);
    return n;
  };
  /** Each order naming a coupon of this template, with its own status and its coupon's, from the database. */
  const ordersWithCoupons = (templateId: string) =>
    app.db.query<{ id: string; order_status: string; coupon_status: string; locked_to: string | null }>(
      `SELECT o.id, o.status AS order_status, c.status AS coupon_status, c.order_id AS locked_to
       FROM orders o JOIN coupons c ON c.id = o.coupon_id WHERE c.template_id = $1`,
      [templateId],
    );

  it('an order with a coupon takes its discount and locks it; payment marks it used', async () => {
    const mine = await claimOk(app, shopper, template.id);
    const placed = await order(shopper, mine.id);
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ subtotalFen: 10_000, discountFen: 2000, totalFen: 8000, couponId: mine.id });
    expect(await coupon(shopper, mine.id)).toMatchObject({ status: 'locked', orderId: placed.body.id });
    const quoted = await app.http.post('/v1/coupons/quote', {
      token: shopper.token,
      body: { items: [{ productId: tea.id, quantity: 2 }] },
    });
    expect(quoted.body.options.map((o: any) => o.couponId)).not.toContain(mine.id);

    expect((await payAndSettle(app, shopper, placed.body)).status).toBe('paid');
    await dispatch();
    expect(await coupon(shopper, mine.id)).toMatchObject({ status: 'used', orderId: placed.body.id });
    expect(await templateStats(app, merchant, template.id)).toMatchObject({ used: 1 });

    // A redelivered order.paid changes nothing twice.
    await app.db.query(
      `UPDATE outbox_messages SET status = 'pending', available_at = now() - interval '1 hour'
       WHERE topic = 'order.paid' AND payload->>'couponId' = $1`,
      [mine.id],
    );
    await dispatch();
    expect(await templateStats(app, merchant, template.id)).toMatchObject({ used: 1 });
    expectError(await order(shopper, mine.id), 409, 'COUPON_NOT_APPLICABLE');
  });

  itConcurrently(
    '8 concurrent orders naming one coupon: exactly one gets it, the rest 409 COUPON_NOT_APPLICABLE',
    async () => {
      const mine = await claimOk(app, shopper, template.id);
      const before = await orderCount(shopper);
      const responses = await Promise.all(Array.from({ length: 8 }, () => order(shopper, mine.id)));
      expect(statuses(responses)).toEqual({ '201': 1, '409 COUPON_NOT_APPLICABLE': 7 });
      const orders = await app.db.query('SELECT id FROM orders WHERE coupon_id = $1', [mine.id]);
      expect(orders).toHaveLength(1);
      expect(await coupon(shopper, mine.id)).toMatchObject({ status: 'locked', orderId: orders[0].id });
      // The seven refused attempts left no order behind at all, with or without the coupon on it.
      expect(await orderCount(shopper)).toBe(before + 1);
    },
  );

  itConcurrently(
    'merchant stats stay exact when orders with coupons are paid and cancelled at once: used counts the paid ones',
    async () => {
      const hot = await createTemplate(app, merchant, { valueFen: 1000, totalQuantity: 80, perUserLimit: 1 });
      const buyers = await Promise.all(Array.from({ length: 50 }, () => loginShopper(app)));
      const coupons = await Promise.all(buyers.map((buyer) => claimOk(app, buyer, hot.id)));
      const placed = await Promise.all(buyers.map((buyer, i) => order(buyer, coupons[i].id)));
      expect(statuses(placed)).toEqual({ '201': 50 });
      expect(await templateStats(app, merchant, hot.id)).toEqual({ claimed: 50, used: 0, remaining: 30 });

      // 30 only pay, 10 only cancel, and 10 are paid and cancelled at the same moment: all 60 requests at once.
      const pay = (i: number) => payInSandbox(app, placed[i].body.payment.outTradeNo);
      const cancel = (i: number) => app.http.post(`/v1/orders/${placed[i].body.id}/cancel`, { token: buyers[i].token });
      const index = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
      const [paid, cancelled, raced] = await Promise.all([
        Promise.all(index(0, 30).map(pay)),
        Promise.all(index(30, 40).map(cancel)),
        Promise.all(index(40, 50).flatMap((i) => [pay(i), cancel(i)])),
      ]);
      expect(paid.map((response) => response.status)).toEqual(Array(30).fill(202));
      expect(cancelled.map((response) => response.status)).toEqual(Array(10).fill(200));
      expect(raced).toHaveLength(20);
      for (let round = 0; round < 3; round++) await runJobs(app, 'sandbox.settle', 'sandbox.deliver');
      await dispatchConcurrently();

      const rows = await ordersWithCoupons(hot.id);
      expect(rows).toHaveLength(50);
      const byId = new Map(rows.map((row) => [row.id, row]));
      for (const i of index(0, 30)) expect(byId.get(placed[i].body.id)?.order_status).toBe('paid');
      for (const i of index(30, 40)) expect(byId.get(placed[i].body.id)?.order_status).toBe('cancelled');
      // Whichever won each race, a paid order used its coupon and a cancelled one gave it back.
      for (const row of rows) {
        expect(['paid', 'cancelled']).toContain(row.order_status);
        expect({ coupon: row.coupon_status, lockedTo: row.locked_to }).toEqual(
          row.order_status === 'paid' ? { coupon: 'used', lockedTo: row.id } : { coupon: 'available', lockedTo: null },
        );
      }
      const paidOrders = rows.filter((row) => row.order_status === 'paid').length;
      expect(paidOrders).toBeGreaterThanOrEqual(30);
      expect(paidOrders).toBeLessThanOrEqual(40);
      expect(await templateStats(app, merchant, hot.id)).toEqual({ claimed: 50, used: paidOrders, remaining: 30 });
      const [record] = await app.db.query<{ used: number }>('SELECT used FROM coupon_templates WHERE id = $1', [
        hot.id,
      ]);
      expect(record.used).toBe(paidOrders);

      // Every message was handled; dispatching again (a redelivery sweep) moves nothing.
      await dispatchConcurrently();
      expect((await templateStats(app, merchant, hot.id)).used).toBe(paidOrders);
    },
  );

  it('an order the provider refuses is cancelled and gives its coupon back', async () => {
    const mine = await claimOk(app, shopper, template.id);
    // The provider refuses the next JSAPI order: the order and its coupon lock are committed by then (no gateway
    // call runs inside a transaction), so the order is cancelled, which releases the coupon.
    const fault = await app.http.post('/v1/sandbox/faults', {
      token: TEST_ADMIN_TOKEN,
      body: { operation: 'createJsapiOrder', code: 'SYSTEM_ERROR', times: 1 },
    });
    expect(fault.status).toBe(201);
    try {
      expectError(await order(shopper, mine.id), 503, 'PAYMENT_PROVIDER_UNAVAILABLE');
    } finally {
      // Used up by that order; cleared anyway so a failure here cannot leak into the next test.
      await app.http.request('DELETE', '/v1/sandbox/faults', { token: TEST_ADMIN_TOKEN });
    }
    await dispatch();
    expect(await coupon(shopper, mine.id)).toMatchObject({ status: 'available', orderId: null });
    const [row] = await app.db.query<{ status: string; order_id: string | null }>(
      'SELECT status, order_id FROM coupons WHERE id = $1',
      [mine.id],
    );
    expect(row).toEqual({ status: 'available', order_id: null });
    expect(await app.db.query('SELECT status, cancel_reason FROM orders WHERE coupon_id = $1', [mine.id])).toEqual([
      { status: 'cancelled', cancel_reason: 'payment_unavailable' },
    ]);

    // The provider answers again: the same coupon locks to the retried order.
    const retried = await order(shopper, mine.id);
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ couponId: mine.id, discountFen: 2000 });
    expect(await coupon(shopper, mine.id)).toMatchObject({ status: 'locked', orderId: retried.body.id });
  });

  it('cancelling the order gives the coupon back, and it can be used again', async () => {
    const mine = await claimOk(app, shopper, template.id);
    const first = (await order(shopper, mine.id)).body;
    expect((await app.http.post(`/v1/orders/${first.id}/cancel`, { token: shopper.token })).status).toBe(200);
    await dispatch();
    expect(await coupon(shopper, mine.id)).toMatchObject({ status: 'available', orderId: null });
    const second = await order(shopper, mine.id);
    expect(second.status).toBe(201);
    expect(second.body.discountFen).toBe(2000);
  });

  it('an unpaid order that expires gives the coupon back', async () => {
    const mine = await claimOk(app, shopper, template.id);
    const placed = (await order(shopper, mine.id)).body;
    app.clock.advance(15 * MINUTE + 1000);
    await runJobs(app, 'orders.expire');
    expect((await getOrder(app, shopper, placed.id)).status).toBe('cancelled');
    await dispatch();
    expect(await coupon(shopper, mine.id)).toMatchObject({ status: 'available', orderId: null });
  });

  it('given back after its validity has passed, the coupon is expired', async () => {
    const brief = await createTemplate(app, merchant, {
      valueFen: 500,
      claimEndsAt: at(app, 4 * MINUTE),
      validity: { type: 'absolute', startsAt: at(app, -MINUTE), endsAt: at(app, 5 * MINUTE) },
    });
    const mine = await claimOk(app, shopper, brief.id);
    const placed = (await order(shopper, mine.id)).body;
    app.clock.advance(15 * MINUTE + 1000);
    await runJobs(app, 'orders.expire');
    await dispatch();
    expect(await coupon(shopper, mine.id)).toMatchObject({ status: 'expired', orderId: null });
    const [row] = await app.db.query<{ status: string }>('SELECT status FROM coupons WHERE id = $1', [mine.id]);
    expect(row.status).toBe('expired');
    expect((await getOrder(app, shopper, placed.id)).status).toBe('cancelled');
    expectError(await order(shopper, mine.id), 409, 'COUPON_NOT_APPLICABLE');
  });

  it("another shopper's coupon, or one for another merchant's products, cannot be used", async () => {
    const mine = await claimOk(app, shopper, template.id);
    const thief = await loginShopper(app);
    expectError(await order(thief, mine.id), 409, 'COUPON_NOT_APPLICABLE');
    expectError(await order(shopper, mine.id, [{ productId: cake.id, quantity: 2 }]), 409, 'COUPON_NOT_APPLICABLE');
    const foreign = await claimOk(app, shopper, (await createTemplate(app, other, { valueFen: 100 })).id);
    expectError(await order(shopper, foreign.id), 409, 'COUPON_NOT_APPLICABLE');
    expectError(await order(shopper, '00000000-0000-4000-8000-000000000000'), 409, 'COUPON_NOT_APPLICABLE');
    expect(await coupon(shopper, mine.id)).toMatchObject({ status: 'available' });
  });

  it('a coupon below its minimum spend, or not yet valid, is refused with the reason', async () => {
    const mine = await claimOk(app, shopper, template.id);
    const below = await order(shopper, mine.id, [{ productId: tea.id, quantity: 1 }]);
    expectError(below, 409, 'COUPON_NOT_APPLICABLE');
    expect(below.body.error.details).toEqual({ reason: 'BELOW_MIN_SPEND' });
    const later = await createTemplate(app, merchant, {
      claimEndsAt: at(app, 60 * MINUTE),
      validity: { type: 'absolute', startsAt: at(app, 30 * MINUTE), endsAt: at(app, 90 * MINUTE) },
    });
    const early = await order(shopper, (await claimOk(app, shopper, later.id)).id);
    expectError(early, 409, 'COUPON_NOT_APPLICABLE');
    expect(early.body.error.details).toEqual({ reason: 'NOT_YET_VALID' });
    // Nothing was ordered by a refused attempt.
    const refused = await app.db.query('SELECT 1 FROM orders WHERE coupon_id = $1', [mine.id]);
    expect(refused).toHaveLength(0);
  });
});
