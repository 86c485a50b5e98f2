import { PrizeCoupons } from '../../src/modules/coupons/prize-coupons.service';
import { Db } from '../../src/platform/database/db';
import { createMerchant, loginShopper, TestMerchant, TestShopper } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createTemplate, MODES, templateStats, itConcurrently } from './coupon-fixtures';

describe.each(MODES)('prize coupons (the service lucky draws call) %s', (_mode, options) => {
  let app: TestApp;
  let merchant: TestMerchant;
  let shopper: TestShopper;
  let prizes: PrizeCoupons;

  beforeAll(async () => {
    app = await startTestApp(options);
    merchant = await createMerchant(app);
    shopper = await loginShopper(app);
    prizes = app.app.get(PrizeCoupons);
  });
  afterAll(() => app.close());

  const outcome = (promise: Promise<unknown>) =>
    promise.then(
      (coupon) => coupon,
      (error: { code?: string }) => error.code,
    );

  it('issues a prize coupon into the wallet; the same business key gives the same coupon', async () => {
    const template = await createTemplate(app, merchant, { distribution: 'prize', perUserLimit: 3 });
    const coupon = await prizes.issue({ templateId: template.id, shopperId: shopper.id, businessKey: 'draw:1' });
    expect(coupon).toMatchObject({ templateId: template.id, status: 'available' });
    const again = await prizes.issue({ templateId: template.id, shopperId: shopper.id, businessKey: 'draw:1' });
    expect(again.id).toBe(coupon.id);
    const wallet = await app.http.get('/v1/me/coupons', { token: shopper.token });
    expect(wallet.body.items.map((c: any) => c.id)).toContain(coupon.id);
    expect((await templateStats(app, merchant, template.id)).claimed).toBe(1);
  });

  itConcurrently('5 concurrent issues with one key: one coupon, counted once', async () => {
    const template = await createTemplate(app, merchant, { distribution: 'prize', perUserLimit: 5 });
    const issued = await Promise.all(
      Array.from({ length: 5 }, () =>
        outcome(prizes.issue({ templateId: template.id, shopperId: shopper.id, businessKey: 'draw:concurrent' })),
      ),
    );
    expect(new Set(issued.map((coupon: any) => coupon.id)).size).toBe(1);
    expect((await templateStats(app, merchant, template.id)).claimed).toBe(1);
    const rows = await app.db.query('SELECT 1 FROM coupons WHERE business_key = $1', ['draw:concurrent']);
    expect(rows).toHaveLength(1);
  });

  it('holds stock and the per-shopper limit, and issues prize templates only', async () => {
    const template = await createTemplate(app, merchant, { distribution: 'prize', totalQuantity: 2, perUserLimit: 1 });
    const other = await loginShopper(app);
    const third = await loginShopper(app);
    const issue = (shopperId: string, businessKey: string) =>
      outcome(prizes.issue({ templateId: template.id, shopperId, businessKey }));
    expect(await issue(shopper.id, 'limit:1')).toMatchObject({ status: 'available' });
    expect(await issue(shopper.id, 'limit:2')).toBe('COUPON_LIMIT_REACHED');
    expect(await issue(other.id, 'limit:3')).toMatchObject({ status: 'available' });
    expect(await issue(third.id, 'limit:4')).toBe('COUPON_SOLD_OUT');
    const open = await createTemplate(app, merchant, { distribution: 'public' });
    expect(await outcome(prizes.issue({ templateId: open.id, shopperId: shopper.id, businessKey: 'x' }))).toBe(
      'COUPON_NOT_CLAIMABLE',
    );
  });

  it("a refusal inside the caller's transaction undoes what it wrote and leaves that transaction usable", async () => {
    const template = await createTemplate(app, merchant, { distribution: 'prize', totalQuantity: 1, perUserLimit: 1 });
    const other = await loginShopper(app);
    expect(
      await outcome(prizes.issue({ templateId: template.id, shopperId: shopper.id, businessKey: 'tx:1' })),
    ).toMatchObject({ status: 'available' });
    const db = app.app.get(Db);
    const refusal = await db.transaction(async () => {
      const code = await outcome(prizes.issue({ templateId: template.id, shopperId: other.id, businessKey: 'tx:2' }));
      // The caller goes on in the same transaction (a draw records its miss).
      await db.query('SELECT 1');
      return code;
    });
    expect(refusal).toBe('COUPON_SOLD_OUT');
    expect(await app.db.query('SELECT 1 FROM coupons WHERE business_key = $1', ['tx:2'])).toEqual([]);
    expect(
      await app.db.query('SELECT issued FROM coupon_holders WHERE template_id = $1 AND shopper_id = $2', [
        template.id,
        other.id,
      ]),
    ).toEqual([]);
    expect((await templateStats(app, merchant, template.id)).claimed).toBe(1);
  });
});
