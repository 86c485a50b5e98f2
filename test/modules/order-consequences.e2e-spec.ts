import { createCampaign, getRoom, openRoom, joined, stats } from '../group-buy/group-buy-fixtures';
import { claimOk, createTemplate, MODES, templateStats } from '../coupons/coupon-fixtures';
import { createMerchant, createProduct, loginShopper, TestMerchant, TestShopper } from '../support/fixtures';
import { getOrder, payInSandbox, runJobs } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * API.md "Consistency across modules": what an order's move does in this database shows in the very next read.
 * The outbox is never dispatched here, so nothing may depend on it: each read follows the answer that caused it.
 */
describe.each(MODES)('an order move shows at once in its consequences %s', (_mode, options) => {
  let app: TestApp;
  let merchant: TestMerchant;
  let shopper: TestShopper;
  let tea: { id: string };

  beforeAll(async () => {
    app = await startTestApp(options);
    merchant = await createMerchant(app, 'Tea shop');
    shopper = await loginShopper(app);
    tea = await createProduct(app, merchant, { priceFen: 5000 });
  });
  afterAll(() => app.close());

  const order = (couponId?: string) =>
    app.http.post('/v1/orders', {
      token: shopper.token,
      body: { items: [{ productId: tea.id, quantity: 2 }], ...(couponId ? { couponId } : {}) },
    });
  const couponOf = async (id: string) => {
    const wallet = await app.http.get('/v1/me/coupons?limit=100', { token: shopper.token });
    return wallet.body.items.find((c: any) => c.id === id);
  };
  const usedCoupons = async () =>
    (await app.http.get('/v1/me/coupons?status=used&limit=100', { token: shopper.token })).body.items.map(
      (c: any) => c.id,
    );

  /** The shopper pays; the gateway settles and delivers its notification; no outbox message is dispatched. */
  async function payWithoutOutbox(who: TestShopper, placed: { id: string; payment: { outTradeNo: string } }) {
    expect((await payInSandbox(app, placed.payment.outTradeNo)).status).toBe(202);
    for (let round = 0; round < 10; round++) {
      await runJobs(app, 'sandbox.settle', 'sandbox.deliver');
      const now = await getOrder(app, who, placed.id);
      if (now.status === 'paid') return now;
    }
    throw new Error(`order ${placed.id} never read paid`);
  }

  it('cancelling an order gives its coupon back in the same answer: a new order with it is 201', async () => {
    const template = await createTemplate(app, merchant, { valueFen: 1000, perUserLimit: 5 });
    const coupon = await claimOk(app, shopper, template.id);
    const first = await order(coupon.id);
    expect(first.status).toBe(201);
    expect(await couponOf(coupon.id)).toMatchObject({ status: 'locked', orderId: first.body.id });

    const cancelled = await app.http.post(`/v1/orders/${first.body.id}/cancel`, { token: shopper.token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await couponOf(coupon.id)).toMatchObject({ status: 'available', orderId: null });

    const second = await order(coupon.id);
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ couponId: coupon.id, discountFen: 1000 });
  });

  it('an order that expires unpaid gives its coupon back in the expiry job’s own transaction', async () => {
    const template = await createTemplate(app, merchant, { valueFen: 500, perUserLimit: 5 });
    const coupon = await claimOk(app, shopper, template.id);
    const placed = await order(coupon.id);
    expect(placed.status).toBe(201);
    app.clock.advance(16 * 60_000);
    await runJobs(app, 'orders.expire');
    expect((await getOrder(app, shopper, placed.body.id)).status).toBe('cancelled');
    expect(await couponOf(coupon.id)).toMatchObject({ status: 'available', orderId: null });
  });

  it('once an order reads paid, its coupon reads used and the template counts it', async () => {
    const template = await createTemplate(app, merchant, { valueFen: 2000, perUserLimit: 5 });
    const coupon = await claimOk(app, shopper, template.id);
    const placed = await order(coupon.id);
    expect(placed.status).toBe(201);
    expect((await templateStats(app, merchant, template.id)).used).toBe(0);

    const paid = await payWithoutOutbox(shopper, placed.body);
    expect(paid.totalFen).toBe(8000);
    expect(await couponOf(coupon.id)).toMatchObject({ status: 'used', orderId: placed.body.id });
    expect(await usedCoupons()).toContain(coupon.id);
    expect(await templateStats(app, merchant, template.id)).toMatchObject({ claimed: 1, used: 1 });
  });

  it('a group-buy room and its stats follow each payment and cancellation as it is answered', async () => {
    const campaign = await createCampaign(app, merchant, {
      productId: tea.id,
      groupSize: 2,
      groupPriceFen: 4000,
      leaderPriceFen: 3500,
    });
    const leader = await loginShopper(app);
    const member = await loginShopper(app);

    const opened = await openRoom(app, leader, campaign.id);
    await payWithoutOutbox(leader, opened.order);
    expect((await getRoom(app, leader, opened.room.id)).status).toBe('open');

    const seat = await joined(app, member, opened.room.id);
    await payWithoutOutbox(member, seat.order);
    const completed = await getRoom(app, leader, opened.room.id);
    expect(completed).toMatchObject({ status: 'completed', seatsPaid: 2 });
    expect(await stats(app, merchant, campaign.id)).toMatchObject({ rooms: 1, completed: 1, failed: 0 });

    // A pending room whose leader cancels is cancelled in that same answer, and its seat freed.
    const other = await loginShopper(app);
    const pending = await openRoom(app, other, campaign.id);
    const cancelled = await app.http.post(`/v1/orders/${pending.order.id}/cancel`, { token: other.token });
    expect(cancelled.status).toBe(200);
    const room = await getRoom(app, other, pending.room.id);
    expect(room.status).toBe('cancelled');
    expect(room.members[0].status).toBe('released');
  });
});
