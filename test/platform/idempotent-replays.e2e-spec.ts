import { templateBody } from '../coupons/coupon-fixtures';
import { createMerchant, createProduct, loginShopper, TestMerchant, TestShopper } from '../support/fixtures';
import { HttpResponse } from '../support/http-client';
import { payAndSettle } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A replay is the first answer byte for byte (API.md: "same status, same body"): the stored response is the JSON
 * text first sent, never an object serialized again (Postgres jsonb gave the keys back in another order).
 */
describe('Idempotent replays are byte-identical', () => {
  let app: TestApp;
  let merchant: TestMerchant;
  let shopper: TestShopper;
  let product: { id: string };

  beforeAll(async () => {
    app = await startTestApp();
    merchant = await createMerchant(app);
    shopper = await loginShopper(app);
    product = await createProduct(app, merchant, { priceFen: 2500 });
  });
  afterAll(() => app.close());

  /** The first answer and three replays of one request: each replay is the first's status, type and bytes. */
  async function expectReplaysIdentical(send: () => Promise<HttpResponse>, status: number): Promise<HttpResponse> {
    const first = await send();
    expect(first.status).toBe(status);
    for (let replay = 0; replay < 3; replay++) {
      const again = await send();
      expect({ status: again.status, type: again.headers.get('content-type'), text: again.text }).toEqual({
        status: first.status,
        type: first.headers.get('content-type'),
        text: first.text,
      });
    }
    return first;
  }

  it('a coupon claim: three replays, the same bytes, one coupon', async () => {
    const template = (
      await app.http.post('/v1/merchant/coupon-templates', { token: merchant.apiKey, body: templateBody(app) })
    ).body;
    const first = await expectReplaysIdentical(
      () => app.http.post(`/v1/coupon-templates/${template.id}/claim`, { token: shopper.token, idempotencyKey: 'c-1' }),
      201,
    );
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    expect(first.body).toMatchObject({ templateId: template.id, status: 'available' });
    const coupons = await app.db.query('SELECT id FROM coupons WHERE template_id = $1', [template.id]);
    expect(coupons).toEqual([{ id: first.body.id }]);
  });

  it('an order: three replays, the same bytes (payParams included), one order', async () => {
    const first = await expectReplaysIdentical(
      () =>
        app.http.post('/v1/orders', {
          token: shopper.token,
          idempotencyKey: 'o-1',
          body: { items: [{ productId: product.id, quantity: 2 }] },
        }),
      201,
    );
    expect(first.body).toMatchObject({ totalFen: 5000, payment: { payParams: { signType: 'RSA' } } });
    const orders = await app.db.query('SELECT id FROM orders WHERE shopper_id = $1', [shopper.id]);
    expect(orders).toEqual([{ id: first.body.id }]);
  });

  it("a merchant's refund: three replays, the same bytes, one refund", async () => {
    const buyer = await loginShopper(app);
    const placed = await app.http.post('/v1/orders', {
      token: buyer.token,
      body: { items: [{ productId: product.id, quantity: 1 }] },
    });
    expect((await payAndSettle(app, buyer, placed.body)).status).toBe('paid');
    const first = await expectReplaysIdentical(
      () =>
        app.http.post(`/v1/merchant/orders/${placed.body.id}/refunds`, {
          token: merchant.apiKey,
          idempotencyKey: 'r-1',
          body: { amountFen: 700, reason: 'Dented tin' },
        }),
      201,
    );
    expect(first.body).toMatchObject({ amountFen: 700, status: 'processing' });
    const refunds = await app.db.query('SELECT id FROM order_refunds WHERE order_id = $1', [placed.body.id]);
    expect(refunds).toEqual([{ id: first.body.id }]);
  });
});
