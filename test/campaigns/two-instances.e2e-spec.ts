import { claim, claimOk, createTemplate, MODES } from '../coupons/coupon-fixtures';
import { createCampaign as createGroupBuy, openRoom } from '../group-buy/group-buy-fixtures';
import { createCampaign as createDraw, draw } from '../lucky-draw/lucky-draw-fixtures';
import { createMerchant, createProduct, loginShopper, TestShopper } from '../support/fixtures';
import { payAndSettle, placeOrder, settleEverything } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import { campaignsOf, eventually } from './campaign-fixtures';

/**
 * Two instances on one database (and one Redis prefix when there is Redis): a campaign ended or edited on one is
 * refused or changed on the other within a second, though the other holds it in its campaign cache.
 */
describe.each(MODES)('campaign ends and edits reach every instance %s', (_mode, options) => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await startTestApp(options);
    second = await startTestApp({ ...options, database: first.db, redisKeyPrefix: first.redisKeyPrefix ?? undefined });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  const shoppers = (app: TestApp, n: number) => Promise.all(Array.from({ length: n }, () => loginShopper(app)));

  /** Tries `attempt` with a fresh shopper each time until it is refused with `code`; how long that took. */
  async function refusedWithin(attempt: (shopper: TestShopper) => Promise<any>, code: string, pool: TestShopper[]) {
    return eventually(async () => {
      const response = await attempt(pool.pop()!);
      return response.status === 409 && response.body.error.code === code;
    }, 1000);
  }

  it('a coupon template ended on one instance is not claimable on the other within a second', async () => {
    const merchant = await createMerchant(first);
    const template = await createTemplate(first, merchant);
    await claimOk(second, await loginShopper(second), template.id); // now in the second instance's cache
    const pool = await shoppers(second, 60);
    expect((await campaignsOf(first, merchant, 'coupon-templates').end(template.id)).status).toBe(200);
    expect(await refusedWithin((s) => claim(second, s, template.id), 'COUPON_NOT_CLAIMABLE', pool)).toBeLessThan(1000);
  });

  it('a raised totalQuantity on one instance is claimable on the other', async () => {
    const merchant = await createMerchant(first);
    const template = await createTemplate(first, merchant, { totalQuantity: 1 });
    await claimOk(second, await loginShopper(second), template.id);
    expect((await claim(second, await loginShopper(second), template.id)).body.error.code).toBe('COUPON_SOLD_OUT');
    expect(
      (await campaignsOf(first, merchant, 'coupon-templates').patch(template.id, { totalQuantity: 2 })).status,
    ).toBe(200);
    const pool = await shoppers(second, 60);
    await eventually(async () => (await claim(second, pool.pop()!, template.id)).status === 201, 1000);
    expect((await claim(second, await loginShopper(second), template.id)).body.error.code).toBe('COUPON_SOLD_OUT');
  });

  it('a group-buy ended on one instance opens no room on the other within a second', async () => {
    const merchant = await createMerchant(first);
    const product = await createProduct(first, merchant);
    const campaign = await createGroupBuy(first, merchant, { productId: product.id });
    await openRoom(second, await loginShopper(second), campaign.id);
    const pool = await shoppers(second, 60);
    expect((await campaignsOf(first, merchant, 'group-buys').end(campaign.id)).status).toBe(200);
    const open = (s: TestShopper) => second.http.post(`/v1/group-buys/${campaign.id}/rooms`, { token: s.token });
    expect(await refusedWithin(open, 'GROUP_BUY_NOT_ACTIVE', pool)).toBeLessThan(1000);
  });

  it('a lucky draw ended on one instance takes no draw on the other within a second, and shows its seed', async () => {
    const merchant = await createMerchant(first);
    const campaign = await createDraw(first, merchant);
    expect((await draw(second, await loginShopper(second), campaign.id)).status).toBe(201);
    const pool = await shoppers(second, 60);
    expect((await campaignsOf(first, merchant, 'lucky-draws').end(campaign.id)).status).toBe(200);
    expect(await refusedWithin((s) => draw(second, s, campaign.id), 'LUCKY_DRAW_NOT_ACTIVE', pool)).toBeLessThan(1000);
    const seen = await second.http.get(`/v1/lucky-draws/${campaign.id}`, { token: pool[0].token });
    expect(seen.body.revealedSeed).toMatch(/^[0-9a-f]{64}$/);
  });
  it('a rebate rule ended on one instance earns nothing on the other for an order paid right after', async () => {
    const merchant = await createMerchant(first);
    const product = await createProduct(first, merchant, { priceFen: 10_000 });
    const now = first.clock.now().getTime();
    const created = await first.http.post('/v1/merchant/rebate-rules', {
      token: merchant.apiKey,
      body: {
        name: '10% back',
        kind: 'percent',
        percent: 10,
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt: new Date(now + 86_400_000).toISOString(),
      },
    });
    expect(created.status).toBe(201);
    const paidOnSecond = async () => {
      const shopper = await loginShopper(second);
      const order = await placeOrder(second, shopper, [{ productId: product.id, quantity: 1 }]);
      await payAndSettle(second, shopper, order);
      await settleEverything(second, 2);
      return (await second.http.get('/v1/me/rebates', { token: shopper.token })).body.items;
    };
    expect(await paidOnSecond()).toEqual([expect.objectContaining({ amountFen: 1000 })]); // the rule in its cache
    expect((await campaignsOf(first, merchant, 'rebate-rules').end(created.body.id)).status).toBe(200);
    // Payment times are whole seconds: pay in the next one.
    second.clock.advance(1000);
    expect(await paidOnSecond()).toEqual([]);
  });
});
