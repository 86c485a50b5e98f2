import { randomUUID } from 'node:crypto';
import {
  createMerchant,
  createProduct,
  expectError,
  loginShopper,
  TestMerchant,
  TestShopper,
} from '../support/fixtures';
import { getOrder, payAndSettle, placeOrder, settleEverything } from '../support/payments';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';
import { readAllPages } from '../merchants/paging';

describe("merchant orders and refunds: the merchant's list, an order with its refunds, a refund", () => {
  let app: TestApp;
  let merchant: TestMerchant;
  let other: TestMerchant;
  let shopper: TestShopper;
  let product: { id: string; priceFen: number };

  beforeAll(async () => {
    app = await startTestApp();
    merchant = await createMerchant(app);
    other = await createMerchant(app);
    shopper = await loginShopper(app);
    product = await createProduct(app, merchant, { priceFen: 2500 });
  });
  afterAll(() => app.close());

  const list = (query: string, token = merchant.apiKey) => app.http.get(`/v1/merchant/orders?${query}`, { token });
  const ids = (response: { body: { items: Array<{ id: string }> } }) => response.body.items.map((order) => order.id);
  /** An order placed one second after the previous one, so that the list order is the placing order. */
  const place = async (productId = product.id) => {
    app.clock.advance(1000);
    return placeOrder(app, shopper, [{ productId, quantity: 1 }]);
  };

  it("lists the merchant's orders newest first, each as the shopper sees it plus shopperId, never an openid", async () => {
    const own = await createMerchant(app);
    const ownProduct = await createProduct(app, own, { priceFen: 1200 });
    const first = await place(ownProduct.id);
    const second = await place(ownProduct.id);
    await place(); // another merchant's: never listed for `own`

    const response = await list('', own.apiKey);
    expect(response.status).toBe(200);
    expect(ids(response)).toEqual([second.id, first.id]);
    const shopperView = await getOrder(app, shopper, second.id);
    const { refunds, ...withoutRefunds } = shopperView;
    expect(refunds).toEqual([]);
    expect(response.body.items[0]).toEqual({ ...withoutRefunds, shopperId: shopper.id });
    expect(JSON.stringify(response.body)).not.toContain(shopper.openid);
    expect(response.body.nextCursor).toBeNull();
  });

  it('filters by status, kind and a createdAt range (from inclusive, to exclusive)', async () => {
    const own = await createMerchant(app);
    const ownProduct = await createProduct(app, own);
    const owned = ownProduct.id;
    const a = await place(owned);
    const b = await place(owned);
    const c = await place(owned);
    await payAndSettle(app, shopper, b);
    // A campaign order of this merchant, as the flash-sale module writes it (kind is set by the module placing it).
    await app.db.query(`UPDATE orders SET kind = 'flash_sale' WHERE id = $1`, [c.id]);

    expect(ids(await list('status=paid', own.apiKey))).toEqual([b.id]);
    expect(ids(await list('status=pending_payment', own.apiKey))).toEqual([c.id, a.id]);
    expect(ids(await list('kind=flash_sale', own.apiKey))).toEqual([c.id]);
    expect(ids(await list('kind=standard&status=pending_payment', own.apiKey))).toEqual([a.id]);
    const at = (order: { createdAt: string }) => encodeURIComponent(order.createdAt);
    expect(ids(await list(`from=${at(b)}`, own.apiKey))).toEqual([c.id, b.id]);
    expect(ids(await list(`to=${at(b)}`, own.apiKey))).toEqual([a.id]);
    expect(ids(await list(`from=${at(a)}&to=${at(c)}`, own.apiKey))).toEqual([b.id, a.id]);
    expect(ids(await list(`from=${at(b)}&to=${at(b)}`, own.apiKey))).toEqual([]);
  });

  it.each([
    'status=shipped',
    'kind=gift',
    'from=yesterday',
    'to=2026-13-01T00:00:00Z',
    'from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z',
    'limit=0',
    'cursor=nonsense',
    'openid=x',
  ])('?%s is 400 VALIDATION_FAILED', async (query) => {
    expectError(await list(query), 400, 'VALIDATION_FAILED');
  });

  it('pages through while orders are being added: no order lost or repeated', async () => {
    const own = await createMerchant(app);
    const ownProduct = await createProduct(app, own);
    const owned = ownProduct.id;
    const existing: string[] = [];
    for (let i = 0; i < 7; i++) existing.unshift((await place(owned)).id);
    // Two orders in the same instant: the cursor breaks the tie by id.
    existing.unshift((await placeOrder(app, shopper, [{ productId: ownProduct.id, quantity: 2 }])).id);
    const added: string[] = [];
    const seen = await readAllPages<{ id: string }>(app, '/v1/merchant/orders', own.apiKey, {
      limit: 3,
      between: async () => {
        added.push((await place(owned)).id);
      },
    });
    const read = seen.map((order) => order.id);
    expect(new Set(read).size).toBe(read.length);
    expect(read.filter((id) => !added.includes(id))).toEqual(
      (
        await app.db.query<{ id: string }>(
          `SELECT id FROM orders WHERE merchant_id = $1 AND id <> ALL($2::uuid[]) ORDER BY created_at DESC, id DESC`,
          [own.id, added],
        )
      ).map((row) => row.id),
    );
    expect(read.filter((id) => !added.includes(id)).sort()).toEqual([...existing].sort());
  });

  it('an order with its refunds (succeeded, failed), for the merchant and for the shopper; a refund by id', async () => {
    const order = await place();
    await payAndSettle(app, shopper, order);
    const refund = async (amountFen: number, reason: string) => {
      const response = await app.http.post(`/v1/merchant/orders/${order.id}/refunds`, {
        token: merchant.apiKey,
        body: { amountFen, reason },
      });
      expect(response.status).toBe(201);
      return response.body;
    };
    const good = await refund(500, 'Damaged box');
    const processing = await app.http.get(`/v1/merchant/refunds/${good.id}`, { token: merchant.apiKey });
    expect(processing.body).toEqual({
      id: good.id,
      orderId: order.id,
      outRefundNo: good.outRefundNo,
      amountFen: 500,
      giftCardFen: 0,
      status: 'processing',
      reason: 'Damaged box',
      createdAt: good.createdAt,
      succeededAt: null,
      failReason: null,
    });
    await settleEverything(app);
    const succeeded = (await app.http.get(`/v1/merchant/refunds/${good.id}`, { token: merchant.apiKey })).body;
    expect(succeeded).toMatchObject({ status: 'succeeded', succeededAt: expect.any(String), failReason: null });

    // The provider refuses the next refund: it ends failed, with the provider's reason.
    const fault = await app.http.post('/v1/sandbox/faults', {
      token: TEST_ADMIN_TOKEN,
      body: { operation: 'refund', code: 'NOT_ENOUGH', times: 1 },
    });
    expect(fault.status).toBe(201);
    const bad = await refund(300, 'Late delivery');
    await settleEverything(app);
    const failed = (await app.http.get(`/v1/merchant/refunds/${bad.id}`, { token: merchant.apiKey })).body;
    expect(failed).toMatchObject({
      status: 'failed',
      succeededAt: null,
      failReason: expect.stringMatching(/NOT_ENOUGH/),
    });

    const expected = [
      {
        id: good.id,
        outRefundNo: good.outRefundNo,
        amountFen: 500,
        giftCardFen: 0,
        reason: 'Damaged box',
        status: 'succeeded',
        createdAt: good.createdAt,
        succeededAt: succeeded.succeededAt,
      },
      {
        id: bad.id,
        outRefundNo: bad.outRefundNo,
        amountFen: 300,
        giftCardFen: 0,
        reason: 'Late delivery',
        status: 'failed',
        createdAt: bad.createdAt,
        succeededAt: null,
      },
    ];
    const forMerchant = await app.http.get(`/v1/merchant/orders/${order.id}`, { token: merchant.apiKey });
    expect(forMerchant.status).toBe(200);
    expect(forMerchant.body).toMatchObject({
      id: order.id,
      shopperId: shopper.id,
      status: 'partially_refunded',
      refundedFen: 500,
    });
    expect(forMerchant.body.refunds).toEqual(expected);
    expect(JSON.stringify(forMerchant.body)).not.toContain(shopper.openid);
    const forShopper = await getOrder(app, shopper, order.id);
    expect(forShopper.refunds).toEqual(expected);
    expect(forShopper.shopperId).toBeUndefined();
    const { shopperId, ...shopperFields } = forMerchant.body;
    expect(shopperId).toBe(shopper.id);
    expect(forShopper).toEqual(shopperFields);
  });

  it("another merchant's order and refund are 404, as are ids that do not exist", async () => {
    const order = await place();
    await payAndSettle(app, shopper, order);
    const refund = await app.http.post(`/v1/merchant/orders/${order.id}/refunds`, {
      token: merchant.apiKey,
      body: { amountFen: 100, reason: 'x' },
    });
    expect(refund.status).toBe(201);
    for (const path of [
      `/v1/merchant/orders/${order.id}`,
      `/v1/merchant/refunds/${refund.body.id}`,
      `/v1/merchant/orders/${randomUUID()}`,
      `/v1/merchant/refunds/${randomUUID()}`,
      '/v1/merchant/orders/not-an-id',
      '/v1/merchant/refunds/not-an-id',
    ]) {
      expectError(await app.http.get(path, { token: other.apiKey }), 404, 'NOT_FOUND');
    }
    expect(ids(await list('', other.apiKey))).toEqual([]);
    // A refund id is not an order id, and the shopper's route does not show another shopper's order.
    expectError(
      await app.http.get(`/v1/orders/${order.id}`, { token: (await loginShopper(app)).token }),
      404,
      'NOT_FOUND',
    );
  });
});
