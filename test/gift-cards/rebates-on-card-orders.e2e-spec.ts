import { createMerchant, createProduct, loginShopper } from '../support/fixtures';
import { payAndSettle } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import { buyCards, createCardProduct } from './gift-card-fixtures';

/**
 * Rebates see card money as paid, and card purchases earn none (docs/gift-cards.md): the rebate is earned once,
 * when stored value is spent on goods.
 */
describe('rebates and gift cards', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ redis: false });
  });
  afterAll(() => app.close());

  it('a 10% rule pays on the card part of an order too, and nothing on the card purchase', async () => {
    const merchant = await createMerchant(app);
    const shopper = await loginShopper(app);
    const now = app.clock.now().getTime();
    const rule = await app.http.post('/v1/merchant/rebate-rules', {
      token: merchant.apiKey,
      body: {
        name: '10% back',
        kind: 'percent',
        percent: 10,
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt: new Date(now + 3_600_000).toISOString(),
      },
    });
    expect(rule.status).toBe(201);
    const cardProduct = await createCardProduct(app, merchant, { faceValueFen: 10_000, priceFen: 9_500 });
    const [giftCard] = await buyCards(app, shopper, cardProduct.id);
    const product = await createProduct(app, merchant, { priceFen: 15_000 });
    const placed = await app.http.post('/v1/orders', {
      token: shopper.token,
      body: { items: [{ productId: product.id, quantity: 1 }], giftCardIds: [giftCard.id] },
    });
    expect(placed.body).toMatchObject({ giftCardFen: 10_000, totalFen: 5_000 });
    expect((await payAndSettle(app, shopper, placed.body)).status).toBe('paid');
    const rebates = (await app.http.get('/v1/me/rebates', { token: shopper.token })).body.items;
    expect(rebates.map((rebate: any) => [rebate.orderId, rebate.amountFen])).toEqual([[placed.body.id, 1_500]]);
  });
});
