import { createTemplate } from '../coupons/coupon-fixtures';
import { createCampaign as createGroupBuy } from '../group-buy/group-buy-fixtures';
import { createCampaign as createDraw } from '../lucky-draw/lucky-draw-fixtures';
import { createMerchant, createProduct, expectError, TestMerchant } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { campaignsOf, Kind } from './campaign-fixtures';

/**
 * PATCH takes the creation fields, each optional: a field left out is kept, but `null` for a field the campaign
 * must have is 400 VALIDATION_FAILED on every kind, and changes nothing (it never reaches the database as NULL).
 */
describe('PATCH with null for a required field', () => {
  let app: TestApp;
  let merchant: TestMerchant;

  beforeAll(async () => {
    app = await startTestApp();
    merchant = await createMerchant(app);
  });
  afterAll(() => app.close());

  const later = (ms: number) => new Date(app.clock.now().getTime() + ms).toISOString();

  const create: Record<Exclude<Kind, 'flash-sales'>, () => Promise<{ id: string }>> = {
    'coupon-templates': () =>
      createTemplate(app, merchant, { claimStartsAt: later(3_600_000), claimEndsAt: later(86_400_000) }),
    'group-buys': async () => {
      const product = await createProduct(app, merchant);
      return createGroupBuy(app, merchant, { productId: product.id, startsAt: later(3_600_000) });
    },
    'lucky-draws': () => createDraw(app, merchant, { startsAt: later(3_600_000) }),
    'rebate-rules': async () => {
      const response = await app.http.post('/v1/merchant/rebate-rules', {
        token: merchant.apiKey,
        body: { name: 'back', kind: 'percent', percent: 10, startsAt: later(3_600_000), endsAt: later(86_400_000) },
      });
      expect(response.status).toBe(201);
      return response.body;
    },
  };

  const REQUIRED: Array<[Exclude<Kind, 'flash-sales'>, string]> = [
    ['coupon-templates', 'name'],
    ['coupon-templates', 'totalQuantity'],
    ['coupon-templates', 'claimEndsAt'],
    ['coupon-templates', 'validity'],
    ['group-buys', 'groupSize'],
    ['group-buys', 'groupPriceFen'],
    ['group-buys', 'endsAt'],
    ['lucky-draws', 'name'],
    ['lucky-draws', 'prizes'],
    ['lucky-draws', 'startsAt'],
    ['rebate-rules', 'name'],
    ['rebate-rules', 'kind'],
    ['rebate-rules', 'endsAt'],
  ];

  it.each(REQUIRED)('%s: %s: null is 400 and the campaign is unchanged', async (kind, field) => {
    const campaign = await create[kind]();
    const campaigns = campaignsOf(app, merchant, kind);
    const before = (await campaigns.get(campaign.id)).body;
    const response = await campaigns.patch(campaign.id, { [field]: null });
    expectError(response, 400, 'VALIDATION_FAILED');
    expect(response.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect((await campaigns.get(campaign.id)).body).toEqual(before);
  });
});
