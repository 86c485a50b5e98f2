import { campaignsOf } from '../campaigns/campaign-fixtures';
import { claimOk, createTemplate } from '../coupons/coupon-fixtures';
import { createSale } from '../flash-sale/flash-fixtures';
import { createCampaign as createGroupBuy } from '../group-buy/group-buy-fixtures';
import { createCampaign as createDraw } from '../lucky-draw/lucky-draw-fixtures';
import { createMerchant, createProduct, expectError, loginShopper, TestMerchant } from '../support/fixtures';
import { payAndSettle, placeOrder, runJobs, settleEverything } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const REBATE_DELAY_SECONDS = 120;

describe('merchant dashboard: figures over [from, to) equal what the tables say', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const at = (offsetMs: number) => new Date(app.clock.now().getTime() + offsetMs).toISOString();
  const dashboard = (merchant: TestMerchant, query = '') =>
    app.http.get(`/v1/merchant/dashboard${query}`, { token: merchant.apiKey });

  /** A merchant with a 10,000 product, a 10%-back rebate rule and every kind of campaign in some state. */
  async function merchantWithCampaigns() {
    const merchant = await createMerchant(app);
    const product = await createProduct(app, merchant, { priceFen: 10_000 });
    const rule = await app.http.post('/v1/merchant/rebate-rules', {
      token: merchant.apiKey,
      body: {
        name: '10% back',
        kind: 'percent',
        percent: 10,
        maxRebateFen: 800,
        delaySeconds: REBATE_DELAY_SECONDS,
        startsAt: at(-MINUTE),
        endsAt: at(7 * DAY),
      },
    });
    expect(rule.status).toBe(201);
    const coupon = await createTemplate(app, merchant, { claimEndsAt: at(7 * DAY) });
    const endedCoupon = await createTemplate(app, merchant, { name: 'Ended early', claimEndsAt: at(7 * DAY) });
    expect((await campaignsOf(app, merchant, 'coupon-templates').end(endedCoupon.id)).status).toBe(200);
    await createSale(app, merchant, product.id, { endsAt: new Date(app.clock.now().getTime() + 7 * DAY) });
    await createSale(app, merchant, product.id, { endsAt: new Date(app.clock.now().getTime() + MINUTE) });
    await createGroupBuy(app, merchant, { productId: product.id });
    const endedRoom = await createGroupBuy(app, merchant, { productId: product.id });
    expect((await campaignsOf(app, merchant, 'group-buys').end(endedRoom.id)).status).toBe(200);
    await createDraw(app, merchant, { startsAt: at(5 * DAY), endsAt: at(7 * DAY) });
    return { merchant, product, coupon };
  }

  async function paidOrder(productId: string, couponId?: string) {
    const shopper = await loginShopper(app);
    const body = { items: [{ productId, quantity: 1 }], ...(couponId ? { couponId } : {}) };
    const placed = await app.http.post('/v1/orders', { token: shopper.token, body });
    expect(placed.status).toBe(201);
    const paid = await payAndSettle(app, shopper, placed.body);
    expect(paid.status).toBe('paid');
    await settleEverything(app, 2); // order.paid reaches the rebates module
    return { shopper, order: placed.body };
  }

  /** The figures recomputed from the tables, independently of the service. */
  async function fromTables(merchantId: string, from: string, to: string) {
    const [orders] = await app.db.query<any>(
      `SELECT count(*)::int AS n, coalesce(sum(total_fen), 0)::int AS revenue, coalesce(sum(discount_fen), 0)::int AS discount
         FROM orders WHERE merchant_id = $1 AND paid_at >= $2 AND paid_at < $3`,
      [merchantId, from, to],
    );
    const [refunds] = await app.db.query<any>(
      `SELECT coalesce(sum(amount_fen), 0)::int AS fen FROM order_refunds
        WHERE merchant_id = $1 AND status = 'succeeded' AND settled_at >= $2 AND settled_at < $3`,
      [merchantId, from, to],
    );
    const [rebates] = await app.db.query<any>(
      `SELECT coalesce(sum(amount_fen), 0)::int AS fen FROM rebates
        WHERE merchant_id = $1 AND status = 'paid' AND paid_at >= $2 AND paid_at < $3`,
      [merchantId, from, to],
    );
    const byKind = await app.db.query<any>(
      `SELECT kind, count(*)::int AS n, sum(total_fen)::int AS revenue FROM orders
        WHERE merchant_id = $1 AND paid_at >= $2 AND paid_at < $3 GROUP BY kind`,
      [merchantId, from, to],
    );
    return { orders, refundedFen: refunds.fen, rebatesPaidFen: rebates.fen, byKind };
  }

  it('a known mix: standard, flash and group-buy orders paid, one refunded in part, rebates paid; campaigns by state', async () => {
    const { merchant, product, coupon } = await merchantWithCampaigns();
    const other = await merchantWithCampaigns();
    await paidOrder(other.product.id); // another merchant's: never counted
    const before = await paidOrder(product.id); // paid before the range

    app.clock.advance(2 * DAY); // the one-minute flash sale has ended; the draw is still scheduled
    // The provider's success_time, hence paidAt, has whole seconds: the range starts on one.
    const from = new Date(Math.floor(app.clock.now().getTime() / 1000) * 1000).toISOString();
    const shopper = await loginShopper(app);
    const wallet = await claimOk(app, shopper, coupon.id);
    const placed = await placeOrder(app, shopper, [{ productId: product.id, quantity: 1 }]);
    expect(placed.discountFen).toBe(0);
    const withCoupon = await app.http.post('/v1/orders', {
      token: shopper.token,
      body: { items: [{ productId: product.id, quantity: 1 }], couponId: wallet.id },
    });
    expect(withCoupon.body).toMatchObject({ discountFen: 1000, totalFen: 9000 });
    await payAndSettle(app, shopper, withCoupon.body);
    await settleEverything(app, 2);
    const flash = await paidOrder(product.id);
    const room = await paidOrder(product.id);
    // Campaign orders as the flash-sale and group-buy modules write them (the kind is set by the placing module).
    await app.db.query(`UPDATE orders SET kind = 'flash_sale' WHERE id = $1`, [flash.order.id]);
    await app.db.query(`UPDATE orders SET kind = 'group_buy' WHERE id = $1`, [room.order.id]);
    // A refund in part, of the order paid before the range: counted when it succeeds, in the range.
    const refund = await app.http.post(`/v1/merchant/orders/${before.order.id}/refunds`, {
      token: merchant.apiKey,
      body: { amountFen: 3000, reason: 'returned' },
    });
    expect(refund.status).toBe(201);
    await settleEverything(app);
    app.clock.advance(REBATE_DELAY_SECONDS * 1000 + 1000);
    await runJobs(app, 'rebates.pay');
    await settleEverything(app);
    const to = at(1);

    const response = await dashboard(merchant, `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    expect(response.status).toBe(200);
    const tables = await fromTables(merchant.id, from, to);
    const kind = (name: string) => tables.byKind.find((row: any) => row.kind === name);
    expect(response.body).toEqual({
      from,
      to,
      ordersPaid: 3,
      revenueFen: 29_000,
      discountFen: 1000,
      refundedFen: 3000,
      rebatesPaidFen: tables.rebatesPaidFen,
      activeCampaigns: 4,
      byKind: {
        orders: {
          standard: { ordersPaid: 1, revenueFen: 9000, discountFen: 1000 },
          flash_sale: { ordersPaid: 1, revenueFen: 10_000, discountFen: 0 },
          group_buy: { ordersPaid: 1, revenueFen: 10_000, discountFen: 0 },
          gift_card: { ordersPaid: 0, revenueFen: 0, discountFen: 0 },
        },
        activeCampaigns: {
          'coupon-templates': 1,
          'flash-sales': 1,
          'group-buys': 1,
          'lucky-draws': 0,
          'rebate-rules': 1,
        },
      },
    });
    // Every figure is what the tables say.
    expect(tables.orders).toEqual({ n: 3, revenue: 29_000, discount: 1000 });
    expect(tables.refundedFen).toBe(3000);
    expect(kind('standard')).toMatchObject({ n: 1, revenue: 9000 });
    expect(kind('flash_sale')).toMatchObject({ n: 1, revenue: 10_000 });
    // The four rebates of this merchant (the one paid before the range too) were paid in the range.
    const rebates = await app.db.query<any>(
      `SELECT amount_fen::int AS fen FROM rebates WHERE merchant_id = $1 AND status = 'paid'`,
      [merchant.id],
    );
    expect(rebates).toHaveLength(4);
    expect(tables.rebatesPaidFen).toBe(rebates.reduce((sum: number, row: any) => sum + row.fen, 0));
    expect(tables.rebatesPaidFen).toBeGreaterThan(0);

    // The range bounds: the order paid before `from` counts in a range that holds it; nothing after `to`.
    const earlier = await dashboard(merchant, `?to=${encodeURIComponent(from)}`);
    expect(earlier.body).toMatchObject({ ordersPaid: 1, revenueFen: 10_000, refundedFen: 0, rebatesPaidFen: 0 });
    const later = await dashboard(merchant, `?from=${encodeURIComponent(to)}&to=${encodeURIComponent(at(DAY))}`);
    expect(later.body).toMatchObject({ ordersPaid: 0, revenueFen: 0, refundedFen: 0, rebatesPaidFen: 0 });

    // The other merchant sees only its own: one order paid before the range, the same campaigns.
    const theirs = await dashboard(other.merchant, `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    expect(theirs.body).toMatchObject({ ordersPaid: 0, revenueFen: 0, refundedFen: 0, activeCampaigns: 4 });
    expect(theirs.body.rebatesPaidFen).toBe((await fromTables(other.merchant.id, from, to)).rebatesPaidFen);
  });

  it('defaults to the 30 days up to now', async () => {
    const merchant = await createMerchant(app);
    const response = await dashboard(merchant);
    expect(response.status).toBe(200);
    const now = app.clock.now().getTime();
    expect(Date.parse(response.body.to)).toBeGreaterThanOrEqual(now - 5000);
    expect(Date.parse(response.body.to) - Date.parse(response.body.from)).toBe(30 * DAY);
    expect(response.body).toMatchObject({ ordersPaid: 0, revenueFen: 0, activeCampaigns: 0 });
  });

  it.each([
    '?from=yesterday',
    '?to=2026-13-01T00:00:00Z',
    '?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z',
    '?x=1',
  ])('refuses %s with 400 VALIDATION_FAILED', async (query) => {
    const merchant = await createMerchant(app);
    expectError(await dashboard(merchant, query), 400, 'VALIDATION_FAILED');
  });

  it('needs a merchant key', async () => {
    expectError(await app.http.get('/v1/merchant/dashboard'), 401, 'UNAUTHENTICATED');
  });
});
