import { createMerchant, loginShopper, TestMerchant, TestShopper } from '../support/fixtures';
import { claim, createTemplate, itConcurrently, statuses } from '../coupons/coupon-fixtures';
import { createCampaign, draw } from '../lucky-draw/lucky-draw-fixtures';
import { eventually } from '../flash-sale/flash-fixtures';
import { campaignsOnTwoMasters } from '../support/redis';
import { startTestApp, TestApp } from '../support/test-app';
import { testEnvironment } from '../support/test-env';

const withCluster = testEnvironment().redisClusterNodes !== null ? describe : describe.skip;

/**
 * Coupon claims and lucky draws on a three-master Redis Cluster, each pair of campaigns on two different masters,
 * driven through the HTTP API with the jobs on their timers; what counts is read from Postgres, the record.
 */
withCluster('claims and draws on a Redis Cluster', () => {
  let app: TestApp;
  let merchant: TestMerchant;
  let shoppers: TestShopper[];

  beforeAll(async () => {
    app = await startTestApp({ redis: 'cluster', jobs: true, env: { JOB_INTERVAL_MS: '100' } });
    merchant = await createMerchant(app);
    shoppers = await Promise.all(Array.from({ length: 40 }, () => loginShopper(app)));
  });
  afterAll(() => app.close());

  const couponsOf = async (templateId: string) =>
    app.db.query<{ shopper_id: string; coupons: string }>(
      'SELECT shopper_id, COUNT(*) AS coupons FROM coupons WHERE template_id = $1 GROUP BY shopper_id',
      [templateId],
    );
  const total = (rows: Array<{ coupons: string }>) => rows.reduce((sum, row) => sum + Number(row.coupons), 0);

  itConcurrently('40 shoppers on 10 coupons and one shopper 12 times at limit 2, on two masters at once', async () => {
    const [scarce, limited] = (
      await campaignsOnTwoMasters(
        (index) =>
          createTemplate(
            app,
            merchant,
            index === 0 ? { totalQuantity: 10, perUserLimit: 1 } : { totalQuantity: 100, perUserLimit: 2 },
          ),
        (template) => `${app.redisKeyPrefix}{cp:${template.id}}`,
      )
    ).map((found) => found.campaign);
    const [rush, repeats] = await Promise.all([
      Promise.all(shoppers.map((shopper) => claim(app, shopper, scarce.id))),
      Promise.all(Array.from({ length: 12 }, () => claim(app, shoppers[0], limited.id))),
    ]);
    expect(statuses(rush)).toEqual({ '201': 10, '409 COUPON_SOLD_OUT': 30 });
    expect(statuses(repeats)).toEqual({ '201': 2, '409 COUPON_LIMIT_REACHED': 10 });
    // Every coupon answered 201 is in the record (at once, or once persisted), and nothing beyond.
    const scarceRows = await eventually(
      () => couponsOf(scarce.id),
      (rows) => total(rows) >= 10,
    );
    expect(total(scarceRows)).toBe(10);
    expect(scarceRows.every((row) => row.coupons === '1')).toBe(true);
    const limitedRows = await eventually(
      () => couponsOf(limited.id),
      (rows) => total(rows) >= 2,
    );
    expect(limitedRows).toEqual([{ shopper_id: shoppers[0].id, coupons: '2' }]);
  });

  itConcurrently('6 concurrent draws with 2 chances give exactly 2, on each of two masters', async () => {
    const campaigns = (
      await campaignsOnTwoMasters(
        () => createCampaign(app, merchant, { drawsPerUserPerDay: 2 }),
        (campaign) => `${app.redisKeyPrefix}{ld:${campaign.id}}`,
      )
    ).map((found) => found.campaign);
    const shopper = shoppers[1];
    const answers = await Promise.all(
      campaigns.map((campaign) => Promise.all(Array.from({ length: 6 }, () => draw(app, shopper, campaign.id)))),
    );
    for (const responses of answers) {
      const codes = responses.map((r) => (r.status === 201 ? '201' : r.body.error.code)).sort();
      expect(codes).toEqual(['201', '201', ...Array(4).fill('LUCKY_DRAW_NO_CHANCES')]);
    }
    for (const campaign of campaigns) {
      const entries = await eventually(
        () =>
          app.db.query('SELECT 1 FROM lucky_draw_entries WHERE campaign_id = $1 AND shopper_id = $2', [
            campaign.id,
            shopper.id,
          ]),
        (rows) => rows.length >= 2,
      );
      expect(entries).toHaveLength(2);
    }
  });
});
