import { MODES } from '../coupons/coupon-fixtures';
import { createMerchant, createProduct, expectError, loginShopper } from '../support/fixtures';
import { payAndSettle, placeOrder, runJobs, settleEverything } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import { campaignsOf } from './campaign-fixtures';

const MINUTE = 60_000;

describe.each(MODES)('rebate rules: merchant operations %s', (_mode, options) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(options);
  });
  afterAll(() => app.close());

  const at = (offsetMs: number) => new Date(app.clock.now().getTime() + offsetMs).toISOString();

  async function createRule(merchant: { apiKey: string }, fields: Record<string, unknown> = {}) {
    const response = await app.http.post('/v1/merchant/rebate-rules', {
      token: merchant.apiKey,
      body: {
        name: '10% back',
        kind: 'percent',
        percent: 10,
        delaySeconds: 120,
        startsAt: at(-MINUTE),
        endsAt: at(24 * 60 * MINUTE),
        ...fields,
      },
    });
    expect(response.status).toBe(201);
    return response.body;
  }

  async function paidOrder(productId: string, quantity = 1) {
    const shopper = await loginShopper(app);
    const order = await placeOrder(app, shopper, [{ productId, quantity }]);
    await payAndSettle(app, shopper, order);
    await settleEverything(app, 2);
    return { shopper, order };
  }

  const rebatesOf = async (shopper: { token: string }) =>
    (await app.http.get('/v1/me/rebates', { token: shopper.token })).body.items;

  it('lists, reads and edits rules: anything before the start, then only the name and a later end', async () => {
    const merchant = await createMerchant(app);
    const other = await createMerchant(app);
    const rules = campaignsOf(app, merchant, 'rebate-rules');
    const running = await createRule(merchant, { name: 'Tea rebate' });
    app.clock.advance(1000);
    const upcoming = await createRule(merchant, { name: 'Cake rebate', startsAt: at(10 * MINUTE) });
    expect(upcoming).toMatchObject({ status: 'scheduled', endedAt: null, stats: { earned: 0 } });
    expect((await rules.list()).body.items.map((r: any) => r.id)).toEqual([upcoming.id, running.id]);
    expect((await rules.list('?q=tea&status=active')).body.items.map((r: any) => r.id)).toEqual([running.id]);
    expectError(await campaignsOf(app, other, 'rebate-rules').get(running.id), 404, 'NOT_FOUND');

    const changed = await rules.patch(upcoming.id, { kind: 'fixed', percent: null, valueFen: 300 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ kind: 'fixed', valueFen: 300, percent: null });
    expectError(await rules.patch(running.id, { percent: 20 }), 409, 'CAMPAIGN_LOCKED');
    const renamed = await rules.patch(running.id, { name: 'Tea rebate, extended', endsAt: at(48 * 60 * MINUTE) });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Tea rebate, extended');
  });

  it('ending: orders paid after it earn nothing; rebates earned before are still paid; timeline agrees', async () => {
    const merchant = await createMerchant(app);
    const product = await createProduct(app, merchant, { priceFen: 10_000 });
    const rules = campaignsOf(app, merchant, 'rebate-rules');
    const rule = await createRule(merchant);
    const before = await paidOrder(product.id, 2); // 20,000: earns 2,000
    expect(await rebatesOf(before.shopper)).toEqual([expect.objectContaining({ amountFen: 2000, status: 'pending' })]);
    const ended = await rules.end(rule.id, 'end-1');
    expect(ended.body).toMatchObject({ status: 'ended', stats: { earned: 1, pending: 1 } });
    // The gateway reports payment times to the second: pay in the next one.
    app.clock.advance(1000);
    const after = await paidOrder(product.id);
    expect(await rebatesOf(after.shopper)).toEqual([]);
    app.clock.advance(121_000);
    await runJobs(app, 'rebates.pay');
    await settleEverything(app);
    expect(await rebatesOf(before.shopper)).toEqual([expect.objectContaining({ amountFen: 2000, status: 'paid' })]);
    expect((await rules.end(rule.id)).body.endedAt).toBe(ended.body.endedAt);

    const buckets = (await rules.timeline(rule.id, 'hour')).body.buckets;
    const sum = (key: string) => buckets.reduce((total: number, bucket: any) => total + bucket[key], 0);
    const [orders] = await app.db.query<{ total: string }>(
      'SELECT sum(o.total_fen) AS total FROM orders o WHERE o.id IN (SELECT order_id FROM rebates WHERE rule_id = $1)',
      [rule.id],
    );
    const [rebates] = await app.db.query<{ paid: string }>(
      `SELECT sum(amount_fen) AS paid FROM rebates WHERE rule_id = $1 AND status = 'paid'`,
      [rule.id],
    );
    expect([sum('rebatesEarned'), sum('rebatesPaid'), sum('revenueFen'), sum('discountFen')]).toEqual([
      1,
      1,
      Number(orders.total),
      Number(rebates.paid),
    ]);
    expect(Number(orders.total)).toBe(20_000);
    expect((await rules.get(rule.id)).body.stats).toEqual({
      earned: 1,
      pending: 0,
      paid: 1,
      cancelled: 0,
      clawedBack: 0,
      paidFen: 2000,
      clawedBackFen: 0,
    });
  });
});
