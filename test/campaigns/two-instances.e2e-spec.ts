import { claim, claimOk, createTemplate, MODES } from '../coupons/coupon-fixtures';
import { createCampaign as createGroupBuy, openRoom } from '../group-buy/group-buy-fixtures';
import { createCampaign as createDraw, draw } from '../lucky-draw/lucky-draw-fixtures';
import { createMerchant, createProduct, loginShopper, TestShopper } from '../support/fixtures';
import { payAndSettle, placeOrder, settleEverything } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import { campaignsOf, eventually } from './campaign-fixtures';

/**
 * Two instances on one database (and one Redis prefix when there is Redis): a campaign ended or edited on one is
 * refused or changed on both within a second, though each holds it in its campaign cache.
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

  /** Shoppers of each instance, logged in before the end so that the clock of the wait holds only attempts. */
  const pools = async () => ({ first: await shoppers(first, 60), second: await shoppers(second, 60) });

  /** `attempt` on each instance at once, each until refused with `code`; both within a second. */
  async function refusedOnBoth(
    attempt: (app: TestApp, shopper: TestShopper) => Promise<any>,
    code: string,
    pool: { first: TestShopper[]; second: TestShopper[] },
  ) {
    const [onFirst, onSecond] = await Promise.all([
      refusedWithin((s) => attempt(first, s), code, pool.first),
      refusedWithin((s) => attempt(second, s), code, pool.second),
    ]);
    expect(onFirst).toBeLessThan(1000);
    expect(onSecond).toBeLessThan(1000);
  }

  it('a coupon template ended on one instance is not claimable on either within a second', async () => {
    const merchant = await createMerchant(first);
    const template = await createTemplate(first, merchant);
    // Now in both instances' caches.
    await claimOk(first, await loginShopper(first), template.id);
    await claimOk(second, await loginShopper(second), template.id);
    const pool = await pools();
    expect((await campaignsOf(first, merchant, 'coupon-templates').end(template.id)).status).toBe(200);
    await refusedOnBoth((app, s) => claim(app, s, template.id), 'COUPON_NOT_CLAIMABLE', pool);
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

  it('a group-buy ended on one instance opens no room on either within a second', async () => {
    const merchant = await createMerchant(first);
    const product = await createProduct(first, merchant);
    const campaign = await createGroupBuy(first, merchant, { productId: product.id });
    await openRoom(first, await loginShopper(first), campaign.id);
    await openRoom(second, await loginShopper(second), campaign.id);
    const pool = await pools();
    expect((await campaignsOf(first, merchant, 'group-buys').end(campaign.id)).status).toBe(200);
    const open = (app: TestApp, s: TestShopper) =>
      app.http.post(`/v1/group-buys/${campaign.id}/rooms`, { token: s.token });
    await refusedOnBoth(open, 'GROUP_BUY_NOT_ACTIVE', pool);
  });

  it('a lucky draw ended on one instance takes no draw on either within a second, and both show its seed', async () => {
    const merchant = await createMerchant(first);
    const campaign = await createDraw(first, merchant);
    expect((await draw(first, await loginShopper(first), campaign.id)).status).toBe(201);
    expect((await draw(second, await loginShopper(second), campaign.id)).status).toBe(201);
    const pool = await pools();
    const ended = await campaignsOf(first, merchant, 'lucky-draws').end(campaign.id);
    expect(ended.status).toBe(200);
    await refusedOnBoth((app, s) => draw(app, s, campaign.id), 'LUCKY_DRAW_NOT_ACTIVE', pool);
    for (const [app, viewer] of [
      [first, pool.first[0]],
      [second, pool.second[0]],
    ] as const) {
      const seen = await app.http.get(`/v1/lucky-draws/${campaign.id}`, { token: viewer.token });
      expect(seen.body.revealedSeed).toBe(ended.body.revealedSeed);
    }
    expect(ended.body.revealedSeed).toMatch(/^[0-9a-f]{64}$/);
  });
  it('a rebate rule ended on one instance earns nothing on either for an order paid right after', async () => {
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
    const paidOn = async (app: TestApp) => {
      const shopper = await loginShopper(app);
      const order = await placeOrder(app, shopper, [{ productId: product.id, quantity: 1 }]);
      await payAndSettle(app, shopper, order);
      await settleEverything(app, 2);
      return (await app.http.get('/v1/me/rebates', { token: shopper.token })).body.items;
    };
    // The rule now in both instances' caches.
    for (const app of [first, second])
      expect(await paidOn(app)).toEqual([expect.objectContaining({ amountFen: 1000 })]);
    expect((await campaignsOf(first, merchant, 'rebate-rules').end(created.body.id)).status).toBe(200);
    // Payment times are whole seconds: pay in the next one.
    first.clock.advance(1000);
    second.clock.advance(1000);
    const [onFirst, onSecond] = await Promise.all([paidOn(first), paidOn(second)]);
    expect(onFirst).toEqual([]);
    expect(onSecond).toEqual([]);
  });
});
