import {
  createMerchant,
  createProduct,
  expectError,
  loginShopper,
  TestMerchant,
  TestShopper,
} from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { at, claimOk, createTemplate, DAY, MINUTE, MODES } from './coupon-fixtures';

describe.each(MODES)('wallet and quote %s', (_mode, options) => {
  let app: TestApp;
  let merchant: TestMerchant;
  let other: TestMerchant;

  beforeAll(async () => {
    app = await startTestApp(options);
    merchant = await createMerchant(app, 'Tea shop');
    other = await createMerchant(app, 'Cake shop');
  });
  afterAll(() => app.close());

  const wallet = (shopper: TestShopper, query = '') => app.http.get(`/v1/me/coupons${query}`, { token: shopper.token });
  const quote = (shopper: TestShopper, items: Array<{ productId: string; quantity: number }>) =>
    app.http.post('/v1/coupons/quote', { token: shopper.token, body: { items } });

  describe('the wallet', () => {
    let shopper: TestShopper;
    let lasting: any;
    let brief: any;

    beforeAll(async () => {
      shopper = await loginShopper(app);
      lasting = await claimOk(app, shopper, (await createTemplate(app, merchant, { name: 'lasting' })).id);
      const briefTemplate = await createTemplate(app, merchant, {
        name: 'brief',
        claimEndsAt: at(app, 2 * MINUTE),
        validity: { type: 'absolute', startsAt: at(app, -MINUTE), endsAt: at(app, 3 * MINUTE) },
      });
      brief = await claimOk(app, shopper, briefTemplate.id);
    });

    it('lists the shopper’s coupons, newest first, with their terms', async () => {
      const response = await wallet(shopper);
      expect(response.status).toBe(200);
      expect(response.body.items.map((c: any) => c.id)).toEqual([brief.id, lasting.id]);
      expect(response.body.items[1]).toEqual({
        id: lasting.id,
        templateId: lasting.templateId,
        status: 'available',
        validFrom: expect.any(String),
        validUntil: expect.any(String),
        orderId: null,
        merchantId: merchant.id,
        name: 'lasting',
        type: 'amount_off',
        valueFen: 1000,
        percentOff: null,
        maxDiscountFen: null,
        minSpendFen: 0,
        productIds: null,
        createdAt: expect.any(String),
      });
      const days = (Date.parse(lasting.validUntil) - Date.parse(lasting.validFrom)) / DAY;
      expect(days).toBe(30);
      expect(response.body.nextCursor).toBeNull();
    });

    it('pages with limit and cursor', async () => {
      const first = await wallet(shopper, '?limit=1');
      expect(first.body.items.map((c: any) => c.id)).toEqual([brief.id]);
      const second = await wallet(shopper, `?limit=1&cursor=${first.body.nextCursor}`);
      expect(second.body).toEqual({ items: [expect.objectContaining({ id: lasting.id })], nextCursor: null });
    });

    it('a coupon past validUntil reads expired at once, and the status filter agrees', async () => {
      expect((await wallet(shopper, '?status=available')).body.items).toHaveLength(2);
      app.clock.advance(3 * MINUTE);
      const all = (await wallet(shopper)).body.items;
      expect(all.find((c: any) => c.id === brief.id).status).toBe('expired');
      expect((await wallet(shopper, '?status=available')).body.items.map((c: any) => c.id)).toEqual([lasting.id]);
      expect((await wallet(shopper, '?status=expired')).body.items.map((c: any) => c.id)).toEqual([brief.id]);
      expect((await wallet(shopper, '?status=locked')).body.items).toEqual([]);
    });

    it("shows nobody else's coupons, and refuses a bad filter", async () => {
      expect((await wallet(await loginShopper(app))).body.items).toEqual([]);
      expectError(await wallet(shopper, '?status=lost'), 400, 'VALIDATION_FAILED');
      expectError(await wallet(shopper, '?cursor=forged'), 400, 'VALIDATION_FAILED');
    });
  });

  describe('the quote', () => {
    let shopper: TestShopper;
    let tea: { id: string };
    let puer: { id: string };
    let teapot: { id: string };
    let cake: { id: string };
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      shopper = await loginShopper(app);
      tea = await createProduct(app, merchant, { priceFen: 5000 });
      puer = await createProduct(app, merchant, { priceFen: 3000 });
      teapot = await createProduct(app, merchant, { priceFen: 20_000 });
      cake = await createProduct(app, other, { priceFen: 4000 });
      const give = async (name: string, owner: TestMerchant, overrides: Record<string, unknown>) => {
        const template = await createTemplate(app, owner, { name, ...overrides });
        ids[name] = (await claimOk(app, shopper, template.id)).id;
      };
      await give('10 off', merchant, { valueFen: 1000 });
      await give('10% capped at 15, 7 days', merchant, {
        type: 'percent_off',
        valueFen: null,
        percentOff: 10,
        maxDiscountFen: 1500,
        validity: { type: 'relative', days: 7 },
      });
      await give('15 off, 30 days', merchant, { valueFen: 1500, validity: { type: 'relative', days: 30 } });
      await give('50 off over 1000', merchant, { valueFen: 5000, minSpendFen: 100_000 });
      await give('8 off puer', merchant, { valueFen: 800, productIds: [puer.id] });
      await give('cake shop', other, { valueFen: 500 });
      await give('next week', merchant, {
        claimEndsAt: at(app, DAY),
        validity: { type: 'absolute', startsAt: at(app, 7 * DAY), endsAt: at(app, 14 * DAY) },
      });
      await give('ending', merchant, {
        claimEndsAt: at(app, MINUTE),
        validity: { type: 'absolute', startsAt: at(app, -MINUTE), endsAt: at(app, 2 * MINUTE) },
      });
      app.clock.advance(2 * MINUTE);
    });

    it('picks the best coupon (ties: the one that runs out first) and explains the rest', async () => {
      const response = await quote(shopper, [
        { productId: tea.id, quantity: 2 },
        { productId: teapot.id, quantity: 1 },
      ]);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        subtotalFen: 30_000,
        best: { couponId: ids['10% capped at 15, 7 days'], discountFen: 1500 },
        options: [
          { couponId: ids['10% capped at 15, 7 days'], discountFen: 1500 },
          { couponId: ids['15 off, 30 days'], discountFen: 1500 },
          { couponId: ids['10 off'], discountFen: 1000 },
        ],
        notApplicable: expect.arrayContaining([
          { couponId: ids['50 off over 1000'], reason: 'BELOW_MIN_SPEND' },
          { couponId: ids['8 off puer'], reason: 'PRODUCT_NOT_ELIGIBLE' },
          { couponId: ids['cake shop'], reason: 'OTHER_MERCHANT' },
          { couponId: ids['next week'], reason: 'NOT_YET_VALID' },
          { couponId: ids['ending'], reason: 'EXPIRED' },
        ]),
      });
      expect(response.body.notApplicable).toHaveLength(5);
    });

    it('a scoped coupon counts only its products; a small basket keeps 1 fen to pay', async () => {
      const withPuer = await quote(shopper, [
        { productId: puer.id, quantity: 1 },
        { productId: tea.id, quantity: 1 },
      ]);
      expect(withPuer.body.options).toContainEqual({ couponId: ids['8 off puer'], discountFen: 800 });
      expect(withPuer.body.best).toEqual({ couponId: ids['15 off, 30 days'], discountFen: 1500 });

      const cheap = await createProduct(app, merchant, { priceFen: 700 });
      const small = await quote(shopper, [{ productId: cheap.id, quantity: 1 }]);
      expect(small.body.subtotalFen).toBe(700);
      // 10 off and 15 off both leave 1 fen: the one claimed first runs out first.
      expect(small.body.best).toEqual({ couponId: ids['10 off'], discountFen: 699 });
      expect(small.body.options[1]).toEqual({ couponId: ids['15 off, 30 days'], discountFen: 699 });
    });

    it('another merchant’s basket: only that merchant’s coupons apply', async () => {
      const response = await quote(shopper, [{ productId: cake.id, quantity: 1 }]);
      expect(response.body.best).toEqual({ couponId: ids['cake shop'], discountFen: 500 });
      expect(response.body.options).toHaveLength(1);
    });

    it('an empty wallet quotes nothing; bad items are refused', async () => {
      const newcomer = await loginShopper(app);
      expect((await quote(newcomer, [{ productId: tea.id, quantity: 1 }])).body).toEqual({
        subtotalFen: 5000,
        best: null,
        options: [],
        notApplicable: [],
      });
      expectError(
        await quote(shopper, [{ productId: '00000000-0000-4000-8000-000000000000', quantity: 1 }]),
        404,
        'NOT_FOUND',
      );
      expectError(
        await quote(shopper, [
          { productId: tea.id, quantity: 1 },
          { productId: cake.id, quantity: 1 },
        ]),
        400,
        'VALIDATION_FAILED',
      );
      expectError(await quote(shopper, []), 400, 'VALIDATION_FAILED');
      expectError(await quote(shopper, [{ productId: tea.id, quantity: 0 }]), 400, 'VALIDATION_FAILED');
    });
  });
});
