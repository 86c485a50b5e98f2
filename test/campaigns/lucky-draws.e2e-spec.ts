import { at, createCampaign, createPrizeTemplate, draw, MINUTE, MODES } from '../lucky-draw/lucky-draw-fixtures';
import { createMerchant, createProduct, expectError, loginShopper } from '../support/fixtures';
import { payAndSettle, settleEverything } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import { campaignsOf } from './campaign-fixtures';

describe.each(MODES)('lucky draws: merchant operations %s', (_mode, options) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(options);
  });
  afterAll(() => app.close());

  const drawOk = async (campaignId: string) => {
    const response = await draw(app, await loginShopper(app), campaignId);
    expect(response.status).toBe(201);
    return response.body;
  };

  it("lists only the caller's draws with their stats, filtered by status and name", async () => {
    const merchant = await createMerchant(app);
    const other = await createMerchant(app);
    await createCampaign(app, other, { name: 'Summer wheel' });
    const summer = await createCampaign(app, merchant, { name: 'Summer wheel' });
    app.clock.advance(1000);
    const winter = await createCampaign(app, merchant, {
      name: 'Winter wheel',
      startsAt: at(app, 10 * MINUTE),
      endsAt: at(app, 60 * MINUTE),
    });
    await drawOk(summer.id);
    const draws = campaignsOf(app, merchant, 'lucky-draws');
    const listed = (await draws.list()).body.items;
    expect(listed.map((d: any) => [d.id, d.status, d.stats.draws])).toEqual([
      [winter.id, 'scheduled', 0],
      [summer.id, 'active', 1],
    ]);
    expect(listed[1].revealedSeed).toBeNull();
    expect(new Date(listed[0].createdAt).getTime()).toBeGreaterThan(new Date(listed[1].createdAt).getTime());
    const ids = async (query: string) => (await draws.list(query)).body.items.map((d: any) => d.id);
    expect(await ids('?q=summer')).toEqual([summer.id]);
    expect(await ids('?status=scheduled')).toEqual([winter.id]);
    expectError(await campaignsOf(app, other, 'lucky-draws').get(summer.id), 404, 'NOT_FOUND');
  });

  it('PATCH: prizes replaced before the start; after it only name, later end and more stock of the same prizes', async () => {
    const merchant = await createMerchant(app);
    const draws = campaignsOf(app, merchant, 'lucky-draws');
    const campaign = await createCampaign(app, merchant, { startsAt: at(app, 10 * MINUTE) });
    const replaced = await draws.patch(campaign.id, {
      prizes: [{ name: 'Mug', kind: 'item', weight: 1, stock: 2 }],
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.prizes).toMatchObject([{ name: 'Mug', stock: 2, odds: { probability: 1 } }]);
    app.clock.advance(10 * MINUTE);
    const [first, second, third] = [await drawOk(campaign.id), await drawOk(campaign.id), await drawOk(campaign.id)];
    expect([first.prize.kind, second.prize.kind, third.prize.kind]).toEqual(['item', 'item', 'none']);
    const mug = { name: 'Mug', kind: 'item', weight: 1 };
    expectError(await draws.patch(campaign.id, { prizes: [{ ...mug, weight: 2, stock: 5 }] }), 409, 'CAMPAIGN_LOCKED');
    expectError(await draws.patch(campaign.id, { drawsPerUserPerDay: 3 }), 409, 'CAMPAIGN_LOCKED');
    const below = await draws.patch(campaign.id, { prizes: [{ ...mug, stock: 1 }] });
    expectError(below, 409, 'CAMPAIGN_STOCK_BELOW_TAKEN');
    expect(below.body.error.details).toEqual({ field: 'prizes[0].stock', taken: 2 });
    // More stock: exactly two more are won, whichever gate the draws pass.
    const raised = await draws.patch(campaign.id, { name: 'Mug wheel', prizes: [{ ...mug, stock: 4 }] });
    expect(raised.status).toBe(200);
    expect(raised.body).toMatchObject({ name: 'Mug wheel', prizes: [{ stock: 4 }] });
    const after = [];
    for (let i = 0; i < 4; i++) after.push((await drawOk(campaign.id)).prize.kind);
    expect(after).toEqual(['item', 'item', 'none', 'none']);
    expect((await draws.get(campaign.id)).body.stats).toMatchObject({ draws: 7, outOfStock: 3 });
  });

  it('ending: no draw from then on, the seed is revealed, a second end changes nothing', async () => {
    const merchant = await createMerchant(app);
    const draws = campaignsOf(app, merchant, 'lucky-draws');
    const campaign = await createCampaign(app, merchant);
    const before = await drawOk(campaign.id);
    const ended = await draws.end(campaign.id, 'end-1');
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: 'ended' });
    expect(ended.body.revealedSeed).toMatch(/^[0-9a-f]{64}$/);
    expectError(await draw(app, await loginShopper(app), campaign.id), 409, 'LUCKY_DRAW_NOT_ACTIVE');
    const shopperView = (
      await app.http.get(`/v1/lucky-draws/${campaign.id}`, { token: (await loginShopper(app)).token })
    ).body;
    expect(shopperView.revealedSeed).toBe(ended.body.revealedSeed);
    expect(before.proof.drawId).toBe(before.drawId);
    app.clock.advance(MINUTE);
    expect((await draws.end(campaign.id)).body.endedAt).toBe(ended.body.endedAt);
  });

  it("timeline: draws and wins, and what orders using the draw's coupons paid", async () => {
    const merchant = await createMerchant(app);
    const product = await createProduct(app, merchant, { priceFen: 10_000 });
    const template = await createPrizeTemplate(app, merchant);
    const campaign = await createCampaign(app, merchant, {
      prizes: [{ name: '5 yuan off', kind: 'coupon', weight: 1, stock: 2, couponTemplateId: template.id }],
    });
    const winner = await loginShopper(app);
    const won = (await draw(app, winner, campaign.id)).body;
    expect(won.couponId).toEqual(expect.any(String));
    await drawOk(campaign.id);
    await drawOk(campaign.id); // out of stock: a miss
    const order = await app.http.post('/v1/orders', {
      token: winner.token,
      body: { items: [{ productId: product.id, quantity: 2 }], couponId: won.couponId },
    });
    expect(order.status).toBe(201);
    await payAndSettle(app, winner, order.body);
    await settleEverything(app, 2);
    const buckets = (await campaignsOf(app, merchant, 'lucky-draws').timeline(campaign.id, 'day')).body.buckets;
    const [paid] = await app.db.query<{ total: string; discount: string }>(
      'SELECT total_fen AS total, discount_fen AS discount FROM orders WHERE id = $1',
      [order.body.id],
    );
    const sum = (key: string) => buckets.reduce((total: number, bucket: any) => total + bucket[key], 0);
    expect([sum('draws'), sum('won'), sum('revenueFen'), sum('discountFen')]).toEqual([
      3,
      2,
      Number(paid.total),
      Number(paid.discount),
    ]);
    expect(Number(paid.total)).toBe(19_500);
  });
});
