import { createMerchant, mintShoppers, TestShopper } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createCampaign, createPrizeTemplate, draw, inBatches, MODES } from './lucky-draw-fixtures';

const SHOPPERS = 600;
const P = 0.3;

describe.each(MODES)('lucky draw odds %s', (_mode, options) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(options);
  });
  afterAll(() => app.close());

  it('600 shoppers drawing once with a 30% coupon prize land within 4 standard deviations of 180', async () => {
    const merchant = await createMerchant(app);
    const template = await createPrizeTemplate(app, merchant);
    const campaign = await createCampaign(app, merchant, {
      prizes: [
        { name: '5 yuan off', kind: 'coupon', weight: 3, couponTemplateId: template.id },
        { name: 'Thanks', kind: 'none', weight: 7 },
      ],
    });
    const couponPrize = campaign.prizes[0].id;
    // Minted, not logged in over HTTP: the test is about the draws (600 logins took as long as the draws).
    const shoppers = await mintShoppers(app, SHOPPERS);
    const draws = await inBatches(shoppers, 16, async (shopper: TestShopper) => {
      const response = await draw(app, shopper, campaign.id);
      if (response.status !== 201) throw new Error(`draw: ${response.status} ${response.text}`);
      return response.body;
    });
    const won = draws.filter((d) => d.prize.id === couponPrize).length;
    const sd = Math.sqrt(SHOPPERS * P * (1 - P));
    expect(Math.abs(won - SHOPPERS * P)).toBeLessThan(4 * sd);

    // The record agrees: one draw per shopper, counted once each.
    const [row] = await app.db.query<{ draws: number; shoppers: number; used: number }>(
      `SELECT count(*)::int AS draws, count(DISTINCT shopper_id)::int AS shoppers,
              (SELECT sum(used)::int FROM lucky_draw_chances WHERE campaign_id = $1) AS used
       FROM lucky_draw_entries WHERE campaign_id = $1`,
      [campaign.id],
    );
    expect(row).toEqual({ draws: SHOPPERS, shoppers: SHOPPERS, used: SHOPPERS });
    const stats = (await app.http.get(`/v1/merchant/lucky-draws/${campaign.id}`, { token: merchant.apiKey })).body
      .stats;
    expect(stats.draws).toBe(SHOPPERS);
    expect(stats.won[couponPrize]).toBe(won);
  }, 180_000);
});
