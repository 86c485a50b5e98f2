import {
  at,
  claim,
  claimOk,
  createTemplate,
  expectRecordConsistent,
  itConcurrently,
  MINUTE,
  MODES,
  statuses,
} from '../coupons/coupon-fixtures';
import { readAllPages } from '../merchants/paging';
import { createMerchant, createProduct, expectError, loginShopper } from '../support/fixtures';
import { payAndSettle, settleEverything } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import { campaignsOf } from './campaign-fixtures';

describe.each(MODES)('coupon templates: merchant operations %s', (_mode, options) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(options);
  });
  afterAll(() => app.close());

  it('status follows the clock and the end; endedAt is null until ended', async () => {
    const merchant = await createMerchant(app);
    const templates = campaignsOf(app, merchant, 'coupon-templates');
    const template = await createTemplate(app, merchant, {
      claimStartsAt: at(app, 10 * MINUTE),
      claimEndsAt: at(app, 20 * MINUTE),
    });
    expect(template).toMatchObject({ status: 'scheduled', endedAt: null });
    app.clock.advance(10 * MINUTE);
    expect((await templates.get(template.id)).body).toMatchObject({ status: 'active', endedAt: null });
    app.clock.advance(10 * MINUTE);
    expect((await templates.get(template.id)).body).toMatchObject({ status: 'ended', endedAt: null });
  });

  it("lists only the caller's templates, newest first, filtered by status and q, across pages", async () => {
    const merchant = await createMerchant(app);
    const other = await createMerchant(app);
    await createTemplate(app, other, { name: 'Spring other' });
    const created: any[] = [];
    for (let i = 0; i < 5; i++) {
      created.push(await createTemplate(app, merchant, { name: `Spring ${i}` }));
      app.clock.advance(1000);
    }
    const later = await createTemplate(app, merchant, {
      name: 'Autumn',
      claimStartsAt: at(app, 60 * MINUTE),
      claimEndsAt: at(app, 120 * MINUTE),
    });
    const templates = campaignsOf(app, merchant, 'coupon-templates');
    await templates.end(created[0].id);
    const added: any[] = [];
    const all = await readAllPages<any>(app, '/v1/merchant/coupon-templates', merchant.apiKey, {
      limit: 2,
      between: async (page) => {
        if (page === 0) added.push(await createTemplate(app, merchant, { name: 'Added while paging' }));
      },
    });
    // The row added while paging is newer than the cursor: not in this walk, and nothing lost or repeated.
    expect(all.map((t) => t.id)).toEqual([later, ...[...created].reverse()].map((t) => t.id));
    expect(all[0].stats).toEqual({ claimed: 0, used: 0, remaining: 100 });
    const ids = async (query: string) => (await templates.list(query)).body.items.map((t: any) => t.id);
    expect(await ids('?status=scheduled')).toEqual([later.id]);
    expect(await ids('?status=ended')).toEqual([created[0].id]);
    expect(await ids('?status=active&q=spring%203')).toEqual([created[3].id]);
    expect(await ids('?q=autumn')).toEqual([later.id]);
    expectError(await templates.list('?status=paused'), 400, 'VALIDATION_FAILED');
    expectError(await campaignsOf(app, other, 'coupon-templates').get(later.id), 404, 'NOT_FOUND');
  });

  it('before the start anything changes (checked as at creation); after it only name, later end, more stock', async () => {
    const merchant = await createMerchant(app);
    const templates = campaignsOf(app, merchant, 'coupon-templates');
    const template = await createTemplate(app, merchant, {
      claimStartsAt: at(app, 10 * MINUTE),
      claimEndsAt: at(app, 60 * MINUTE),
    });
    const before = await templates.patch(template.id, { type: 'percent_off', valueFen: null, percentOff: 20 });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ type: 'percent_off', percentOff: 20, valueFen: null });
    expectError(await templates.patch(template.id, { perUserLimit: 500 }), 400, 'VALIDATION_FAILED');
    expectError(await templates.patch(template.id, { bogus: 1 }), 400, 'VALIDATION_FAILED');

    app.clock.advance(10 * MINUTE);
    await claimOk(app, await loginShopper(app), template.id);
    const locked = await templates.patch(template.id, { percentOff: 30, minSpendFen: 100 });
    expectError(locked, 409, 'CAMPAIGN_LOCKED');
    expect(locked.body.error.details.fields.sort()).toEqual(['minSpendFen', 'percentOff']);
    expectError(await templates.patch(template.id, { claimEndsAt: at(app, 30 * MINUTE) }), 409, 'CAMPAIGN_LOCKED');
    expectError(await templates.patch(template.id, { totalQuantity: 50 }), 409, 'CAMPAIGN_LOCKED');
    expectError(await templates.patch(template.id, { totalQuantity: 0 }), 400, 'VALIDATION_FAILED');
    // The same value as now is no change, so it is not refused.
    const laterEnd = at(app, 120 * MINUTE);
    const allowed = await templates.patch(template.id, {
      name: 'Renamed',
      claimEndsAt: laterEnd,
      totalQuantity: 150,
      percentOff: 20,
    });
    expect(allowed.status).toBe(200);
    expect(allowed.body).toMatchObject({ name: 'Renamed', totalQuantity: 150, stats: { claimed: 1, remaining: 149 } });
    expect(allowed.body.claimEndsAt).toBe(laterEnd);
  });

  it('stock never below what was issued: 409 CAMPAIGN_STOCK_BELOW_TAKEN', async () => {
    const merchant = await createMerchant(app);
    const template = await createTemplate(app, merchant, { totalQuantity: 5, perUserLimit: 1 });
    for (let i = 0; i < 3; i++) await claimOk(app, await loginShopper(app), template.id);
    const response = await campaignsOf(app, merchant, 'coupon-templates').patch(template.id, { totalQuantity: 2 });
    expectError(response, 409, 'CAMPAIGN_STOCK_BELOW_TAKEN');
    expect(response.body.error.details).toEqual({ field: 'totalQuantity', taken: 3 });
  });

  it('ending stops claims at once, keeps issued coupons usable, and a second end changes nothing', async () => {
    const merchant = await createMerchant(app);
    const product = await createProduct(app, merchant, { priceFen: 10_000 });
    const templates = campaignsOf(app, merchant, 'coupon-templates');
    const template = await createTemplate(app, merchant);
    const holder = await loginShopper(app);
    const coupon = await claimOk(app, holder, template.id);
    const before = app.clock.now().getTime();
    const ended = await templates.end(template.id, 'end-1');
    expect(ended.status).toBe(200);
    expect(ended.body.status).toBe('ended');
    expect(new Date(ended.body.endedAt).getTime()).toBeGreaterThanOrEqual(before);
    expect(new Date(ended.body.endedAt).getTime()).toBeLessThanOrEqual(app.clock.now().getTime());
    expectError(await claim(app, await loginShopper(app), template.id), 409, 'COUPON_NOT_CLAIMABLE');
    app.clock.advance(MINUTE);
    const again = await templates.end(template.id);
    expect(again.status).toBe(200);
    expect(again.body.endedAt).toBe(ended.body.endedAt);
    expect((await templates.end(template.id, 'end-1')).body).toEqual(ended.body);
    // The coupon issued before the end still takes 1000 off.
    const order = await app.http.post('/v1/orders', {
      token: holder.token,
      body: { items: [{ productId: product.id, quantity: 1 }], couponId: coupon.id },
    });
    expect(order.status).toBe(201);
    expect(order.body.totalFen).toBe(9_000);
  });

  it('timeline: claims and uses per bucket, with what the orders paid and what the coupons took off', async () => {
    const merchant = await createMerchant(app);
    const product = await createProduct(app, merchant, { priceFen: 10_000 });
    const templates = campaignsOf(app, merchant, 'coupon-templates');
    // Buckets start on the hour: begin at one, so the two hours below are two buckets.
    app.clock.advance(3_600_000 - (app.clock.now().getTime() % 3_600_000));
    const template = await createTemplate(app, merchant, {
      valueFen: 1_500,
      perUserLimit: 2,
      totalQuantity: 10,
      claimEndsAt: at(app, 180 * MINUTE),
    });
    const first = await loginShopper(app);
    const second = await loginShopper(app);
    const a = await claimOk(app, first, template.id);
    const b = await claimOk(app, second, template.id);
    const c = await claimOk(app, second, template.id);
    const order = async (shopper: any, couponId: string, quantity: number) => {
      const response = await app.http.post('/v1/orders', {
        token: shopper.token,
        body: { items: [{ productId: product.id, quantity }], couponId },
      });
      expect(response.status).toBe(201);
      return response.body;
    };
    await payAndSettle(app, first, await order(first, a.id, 1)); // 10,000 - 1,500
    app.clock.advance(60 * MINUTE);
    await claimOk(app, first, template.id);
    await payAndSettle(app, second, await order(second, b.id, 3)); // 30,000 - 1,500
    await order(second, c.id, 1); // placed, not paid: not used
    await settleEverything(app, 2);
    const hourly = (await templates.timeline(template.id, 'hour')).body.buckets;
    const firstHour = new Date(app.clock.now().getTime() - 60 * MINUTE);
    firstHour.setUTCMinutes(0, 0, 0);
    expect(hourly).toEqual([
      { at: firstHour.toISOString(), claims: 3, used: 1, revenueFen: 8_500, discountFen: 1_500 },
      {
        at: new Date(firstHour.getTime() + 60 * MINUTE).toISOString(),
        claims: 1,
        used: 1,
        revenueFen: 28_500,
        discountFen: 1_500,
      },
    ]);
    // The same figures as the orders table.
    const [orders] = await app.db.query<{ total: string; discount: string }>(
      `SELECT sum(total_fen) AS total, sum(discount_fen) AS discount FROM orders
       WHERE status = 'paid' AND coupon_id IN (SELECT id FROM coupons WHERE template_id = $1)`,
      [template.id],
    );
    const daily = (await templates.timeline(template.id, 'day')).body.buckets;
    const sum = (key: string) => daily.reduce((total: number, bucket: any) => total + bucket[key], 0);
    expect([sum('revenueFen'), sum('discountFen'), sum('claims'), sum('used')]).toEqual([
      Number(orders.total),
      Number(orders.discount),
      4,
      2,
    ]);
    expectError(await templates.timeline(template.id, 'week'), 400, 'VALIDATION_FAILED');
    const stranger = await createMerchant(app);
    expectError(await campaignsOf(app, stranger, 'coupon-templates').timeline(template.id, 'day'), 404, 'NOT_FOUND');
  });

  itConcurrently('raising totalQuantity while 200 shoppers claim issues exactly the new total', async () => {
    const merchant = await createMerchant(app);
    const templates = campaignsOf(app, merchant, 'coupon-templates');
    const template = await createTemplate(app, merchant, { totalQuantity: 60, perUserLimit: 1 });
    const shoppers = await Promise.all(Array.from({ length: 200 }, () => loginShopper(app)));
    let answered = 0;
    let raised: Promise<any> | null = null;
    const firstWave = await Promise.all(
      shoppers.map(async (shopper) => {
        const response = await claim(app, shopper, template.id);
        // Raise mid-stampede, once a quarter of the claims have been answered.
        if (++answered === 50) raised = templates.patch(template.id, { totalQuantity: 150 });
        return response;
      }),
    );
    expect((await raised!).status).toBe(200);
    // Those refused before the raise took effect try once more; claims never exceed the new total.
    const refused = shoppers.filter((_, i) => firstWave[i].status !== 201);
    const secondWave = await Promise.all(refused.map((shopper) => claim(app, shopper, template.id)));
    const all = statuses([...firstWave, ...secondWave]);
    expect(all['201']).toBe(150);
    expect(Object.keys(all).sort()).toEqual(['201', '409 COUPON_SOLD_OUT']);
    const record = await expectRecordConsistent(app, template.id, 1);
    expect(record).toMatchObject({ issued: 150, coupons: 150, total_quantity: 150 });
    expect((await templates.get(template.id)).body.stats).toEqual({ claimed: 150, used: 0, remaining: 0 });
  });
});
