import { ORDER_PAID } from '../../src/modules/orders/order-transitions';
import { TransactionEvents } from '../../src/platform/events/transaction-events';
import { randomUUID } from 'node:crypto';
import { buildNotification } from '../../src/payments/wechatpay/notification';
import { SandboxKeyStore } from '../../src/payments/sandbox/sandbox-key-store';
import {
  createMerchant,
  createProduct,
  expectError,
  loginShopper,
  TestMerchant,
  TestShopper,
} from '../support/fixtures';
import { getOrder, payAndSettle, payInSandbox, placeOrder, runJobs, settleEverything } from '../support/payments';
import { TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';
import { GATEWAYS, startAppWith } from './support/gateway-under-test';
import { sdkVerifiesPaySign } from './support/sdk';

describe.each(GATEWAYS)('orders and payments through the %s gateway', (gatewayUnderTest) => {
  let app: TestApp;
  let merchant: TestMerchant;
  let shopper: TestShopper;
  let product: { id: string; priceFen: number };

  beforeAll(async () => {
    app = await startAppWith(gatewayUnderTest);
    merchant = await createMerchant(app);
    shopper = await loginShopper(app);
    product = await createProduct(app, merchant, { priceFen: 2500 });
  });
  afterAll(() => app.close());

  const orderRow = async (id: string) =>
    (await app.db.query<Record<string, any>>('SELECT * FROM orders WHERE id = $1', [id]))[0];

  /** A notification signed and encrypted with the sandbox's own keys, as the provider would send it. */
  async function genuineNotification(transaction: Record<string, unknown>, secondsAgo = 0) {
    const keys = await app.app.get(SandboxKeyStore).keys();
    return buildNotification({
      eventType: 'TRANSACTION.SUCCESS',
      originalType: 'transaction',
      summary: '支付成功',
      resource: { appid: keys.appId, mchid: keys.mchId, trade_type: 'JSAPI', trade_state: 'SUCCESS', ...transaction },
      apiV3Key: keys.apiV3Key,
      platformPrivateKeyPem: keys.platformPrivateKeyPem,
      platformSerial: keys.platformSerial,
      now: new Date(app.clock.now().getTime() - secondsAgo * 1000),
    });
  }

  const postNotification = (notification: { body: string; headers: Record<string, string> }) =>
    app.http.post('/v1/payments/wechat/notify', { rawBody: notification.body, headers: notification.headers });

  it('order → sandbox pay → notification → paid, with payParams for wx.requestPayment', async () => {
    const order = await placeOrder(app, shopper, [{ productId: product.id, quantity: 2 }]);
    expect(order).toMatchObject({
      kind: 'standard',
      status: 'pending_payment',
      merchantId: merchant.id,
      items: [{ productId: product.id, quantity: 2, unitPriceFen: 2500 }],
      subtotalFen: 5000,
      discountFen: 0,
      totalFen: 5000,
      couponId: null,
      paidAt: null,
      refundedFen: 0,
    });
    expect(order.payment.payParams).toMatchObject({ package: `prepay_id=${order.payment.prepayId}`, signType: 'RSA' });
    expect(new Date(order.expiresAt).getTime() - new Date(order.createdAt).getTime()).toBe(15 * 60 * 1000);

    expect((await payInSandbox(app, order.payment.outTradeNo)).status).toBe(202);
    expect((await getOrder(app, shopper, order.id)).status).toBe('pending_payment'); // not until notified
    await settleEverything(app, 1);
    const paid = await getOrder(app, shopper, order.id);
    expect(paid.status).toBe('paid');
    expect(paid.paidAt).toEqual(expect.any(String));
  });

  it('the paySign of a real POST /v1/orders verifies with the published SDK and the published merchant key', async () => {
    const keys = (await app.http.get('/v1/sandbox/keys')).body;
    const order = await placeOrder(app, shopper, [{ productId: product.id, quantity: 1 }]);
    const { payParams } = order.payment;
    expect(payParams).toMatchObject({ appId: keys.appId, package: `prepay_id=${order.payment.prepayId}` });
    expect(Math.abs(Number(payParams.timeStamp) - app.clock.now().getTime() / 1000)).toBeLessThan(60);
    expect(sdkVerifiesPaySign(payParams, keys.merchantPublicKeyPem)).toBe(true);
    // The SDK check is not vacuous: another prepay_id, another timestamp or the wrong key do not verify.
    expect(sdkVerifiesPaySign({ ...payParams, package: 'prepay_id=wx0000' }, keys.merchantPublicKeyPem)).toBe(false);
    expect(sdkVerifiesPaySign({ ...payParams, timeStamp: '1' }, keys.merchantPublicKeyPem)).toBe(false);
    expect(sdkVerifiesPaySign(payParams, keys.platformPublicKeyPem)).toBe(false);
  });

  it('a dropped first notification is re-delivered and pays', async () => {
    await app.http.request('PUT', '/v1/sandbox/settings', {
      token: 'test-admin-token-0123456789abcdef',
      body: { dropFirst: 1 },
    });
    try {
      const order = await placeOrder(app, shopper, [{ productId: product.id, quantity: 1 }]);
      await payInSandbox(app, order.payment.outTradeNo);
      await runJobs(app, 'sandbox.deliver');
      expect((await getOrder(app, shopper, order.id)).status).toBe('pending_payment');
      app.clock.advance(1500);
      await runJobs(app, 'sandbox.deliver');
      expect((await getOrder(app, shopper, order.id)).status).toBe('paid');
    } finally {
      await app.http.request('PUT', '/v1/sandbox/settings', {
        token: 'test-admin-token-0123456789abcdef',
        body: { dropFirst: 0 },
      });
    }
  });

  it('five replays of a genuine notification change nothing', async () => {
    const order = await placeOrder(app, shopper, [{ productId: product.id, quantity: 1 }]);
    const emitted = jest.spyOn(app.app.get(TransactionEvents), 'emit');
    await payAndSettle(app, shopper, order);
    const before = await orderRow(order.id);
    const notification = await genuineNotification({
      out_trade_no: order.payment.outTradeNo,
      transaction_id: '4200009999202611210000000001',
      success_time: new Date().toISOString(),
      payer: { openid: shopper.openid },
      amount: { total: order.totalFen, payer_total: order.totalFen, currency: 'CNY', payer_currency: 'CNY' },
    });
    let topics: string[];
    try {
      for (let i = 0; i < 5; i++) expect((await postNotification(notification)).status).toBe(204);
      topics = emitted.mock.calls.map(([topic]) => topic);
    } finally {
      emitted.mockRestore();
    }
    expect(await orderRow(order.id)).toEqual(before);
    // The order's consequences (coupon, seat, reservation, rebates) heard of its payment once: on the first one.
    expect(topics.filter((topic) => topic === ORDER_PAID)).toHaveLength(1);
  });

  describe('notifications that fail verification are 401 and pay nothing', () => {
    let order: any;
    let genuine: { body: string; headers: Record<string, string> };

    beforeAll(async () => {
      order = await placeOrder(app, shopper, [{ productId: product.id, quantity: 1 }]);
      genuine = await genuineNotification({
        out_trade_no: order.payment.outTradeNo,
        transaction_id: '4200009999202611210000000002',
        success_time: new Date().toISOString(),
        payer: { openid: shopper.openid },
        amount: { total: order.totalFen, payer_total: order.totalFen, currency: 'CNY', payer_currency: 'CNY' },
      });
    });
    afterAll(async () => expect((await getOrder(app, shopper, order.id)).status).toBe('pending_payment'));

    it('a tampered ciphertext', async () => {
      const body = JSON.parse(genuine.body);
      const bytes = Buffer.from(body.resource.ciphertext, 'base64');
      bytes[3] ^= 0x01;
      body.resource.ciphertext = bytes.toString('base64');
      expectError(
        await postNotification({ body: JSON.stringify(body), headers: genuine.headers }),
        401,
        'INVALID_SIGNATURE',
      );
    });

    it('a tampered ciphertext re-signed with another key (forged signature)', async () => {
      const forged = await (async () => {
        const { generateRsaKeyPair } = await import('../../src/payments/wechatpay/keys');
        const keys = await app.app.get(SandboxKeyStore).keys();
        return buildNotification({
          eventType: 'TRANSACTION.SUCCESS',
          originalType: 'transaction',
          summary: '支付成功',
          resource: JSON.parse('{}'),
          apiV3Key: keys.apiV3Key,
          platformPrivateKeyPem: generateRsaKeyPair().privateKeyPem,
          platformSerial: keys.platformSerial,
          now: app.clock.now(),
        });
      })();
      expectError(await postNotification(forged), 401, 'INVALID_SIGNATURE');
    });

    it('a stale timestamp (6 minutes old)', async () => {
      const stale = await genuineNotification(
        {
          out_trade_no: order.payment.outTradeNo,
          transaction_id: '4200009999202611210000000003',
          success_time: new Date().toISOString(),
          payer: { openid: shopper.openid },
          amount: { total: order.totalFen, payer_total: order.totalFen, currency: 'CNY', payer_currency: 'CNY' },
        },
        360,
      );
      expectError(await postNotification(stale), 401, 'INVALID_SIGNATURE');
    });

    it('an unsigned body', async () => {
      expectError(
        await app.http.post('/v1/payments/wechat/notify', { rawBody: genuine.body }),
        401,
        'INVALID_SIGNATURE',
      );
    });

    it('a body altered after signing', async () => {
      const altered = genuine.body.replace('"summary":"支付成功"', '"summary":"支付成功 "');
      expectError(await postNotification({ body: altered, headers: genuine.headers }), 401, 'INVALID_SIGNATURE');
    });
  });

  it('an amount mismatch is acknowledged but pays nothing', async () => {
    const order = await placeOrder(app, shopper, [{ productId: product.id, quantity: 1 }]);
    const wrong = await genuineNotification({
      out_trade_no: order.payment.outTradeNo,
      transaction_id: '4200009999202611210000000004',
      success_time: new Date().toISOString(),
      payer: { openid: shopper.openid },
      amount: { total: 1, payer_total: 1, currency: 'CNY', payer_currency: 'CNY' },
    });
    expect((await postNotification(wrong)).status).toBe(204);
    expect((await getOrder(app, shopper, order.id)).status).toBe('pending_payment');
  });

  it('cancel closes the order, and a later sandbox pay cannot resurrect it', async () => {
    const order = await placeOrder(app, shopper, [{ productId: product.id, quantity: 1 }]);
    const cancelled = await app.http.post(`/v1/orders/${order.id}/cancel`, { token: shopper.token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expectError(await payInSandbox(app, order.payment.outTradeNo), 409, 'ORDER_CLOSED');
    await settleEverything(app, 1);
    expect((await getOrder(app, shopper, order.id)).status).toBe('cancelled');
    expectError(
      await app.http.post(`/v1/orders/${order.id}/cancel`, { token: shopper.token }),
      409,
      'ORDER_NOT_CANCELLABLE',
    );
  });

  /** What the sandbox stored for the order (trade_state as written, not as read at an instant). */
  const sandboxRow = async (outTradeNo: string) =>
    (
      await app.db.query<{ trade_state: string; updated_at: Date }>(
        'SELECT trade_state, updated_at FROM sandbox_transactions WHERE out_trade_no = $1',
        [outTradeNo],
      )
    )[0];

  it('expiry closes an unpaid order, and a later sandbox pay cannot resurrect it', async () => {
    const order = await placeOrder(app, shopper, [{ productId: product.id, quantity: 1 }]);
    app.clock.advance(15 * 60 * 1000 + 1000);
    // Past time_expire the sandbox already reads the order as CLOSED, but stores NOTPAY until someone closes it.
    expect((await sandboxRow(order.payment.outTradeNo)).trade_state).toBe('NOTPAY');
    const jobStarted = app.clock.now().getTime();
    await runJobs(app, 'orders.expire');
    const jobEnded = app.clock.now().getTime();
    expect((await getOrder(app, shopper, order.id)).status).toBe('cancelled');
    // Stored CLOSED during the job's run: the job called closeOrder, not merely outlived time_expire.
    const closed = await sandboxRow(order.payment.outTradeNo);
    expect(closed.trade_state).toBe('CLOSED');
    expect(closed.updated_at.getTime()).toBeGreaterThanOrEqual(jobStarted);
    expect(closed.updated_at.getTime()).toBeLessThanOrEqual(jobEnded);
    expect((await orderRow(order.id)).cancel_reason).toBe('expired');
    expectError(await payInSandbox(app, order.payment.outTradeNo), 409, 'ORDER_CLOSED');
  });

  it('expiry cancels an order only once the gateway has closed it', async () => {
    const order = await placeOrder(app, shopper, [{ productId: product.id, quantity: 1 }]);
    app.clock.advance(15 * 60 * 1000 + 1000);
    await app.http.post('/v1/sandbox/faults', {
      token: TEST_ADMIN_TOKEN,
      body: { operation: 'closeOrder', code: 'SYSTEM_ERROR', times: 1 },
    });
    try {
      await runJobs(app, 'orders.expire');
      expect((await getOrder(app, shopper, order.id)).status).toBe('pending_payment');
      expect((await sandboxRow(order.payment.outTradeNo)).trade_state).toBe('NOTPAY');
      // ...and nothing can pay it meanwhile: the deadline is exact.
      expectError(await payInSandbox(app, order.payment.outTradeNo), 409, 'ORDER_CLOSED');

      await runJobs(app, 'orders.expire');
      expect((await getOrder(app, shopper, order.id)).status).toBe('cancelled');
      expect((await sandboxRow(order.payment.outTradeNo)).trade_state).toBe('CLOSED');
    } finally {
      await app.http.request('DELETE', '/v1/sandbox/faults', { token: TEST_ADMIN_TOKEN });
    }
  });

  it('a payment racing the expiry ends refunded, not lost', async () => {
    const order = await placeOrder(app, shopper, [{ productId: product.id, quantity: 1 }]);
    expect((await payInSandbox(app, order.payment.outTradeNo)).status).toBe(202); // paid at the provider...
    app.clock.advance(15 * 60 * 1000 + 1000); // ...but the notification is not in before the deadline
    await runJobs(app, 'orders.expire');
    await settleEverything(app);
    const after = await getOrder(app, shopper, order.id);
    expect(after.status).toBe('cancelled');
    expect(after.refundedFen).toBe(order.totalFen);
    const refunds = await app.db.query('SELECT * FROM order_refunds WHERE order_id = $1', [order.id]);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ cause: 'late_payment', status: 'succeeded' });
  });

  it('four concurrent refunds that together exceed the paid amount are partly refused; never more than paid', async () => {
    const order = await placeOrder(app, shopper, [{ productId: product.id, quantity: 4 }]); // 10,000 fen
    await payAndSettle(app, shopper, order);
    const responses = await Promise.all(
      Array.from({ length: 4 }, () =>
        app.http.post(`/v1/merchant/orders/${order.id}/refunds`, {
          token: merchant.apiKey,
          body: { amountFen: 3000, reason: 'damaged' },
        }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 201, 201, 409]);
    expectError(
      responses.find((response) => response.status === 409)!,
      409,
      'REFUND_EXCEEDS_PAID',
    );
    for (const response of responses.filter((r) => r.status === 201)) {
      expect(response.body).toMatchObject({
        id: expect.any(String),
        outRefundNo: expect.any(String),
        amountFen: 3000,
        status: 'processing',
      });
    }
    await settleEverything(app);
    const partly = await getOrder(app, shopper, order.id);
    expect(partly).toMatchObject({ status: 'partially_refunded', refundedFen: 9000 });
    const [{ total }] = await app.db.query<{ total: string }>(
      `SELECT sum(amount_fen) AS total FROM sandbox_refunds WHERE out_trade_no = $1`,
      [order.payment.outTradeNo],
    );
    expect(Number(total)).toBe(9000);

    expectError(
      await app.http.post(`/v1/merchant/orders/${order.id}/refunds`, {
        token: merchant.apiKey,
        body: { amountFen: 1001, reason: 'x' },
      }),
      409,
      'REFUND_EXCEEDS_PAID',
    );
    const last = await app.http.post(`/v1/merchant/orders/${order.id}/refunds`, {
      token: merchant.apiKey,
      body: { amountFen: 1000, reason: 'x' },
    });
    expect(last.status).toBe(201);
    await settleEverything(app);
    expect(await getOrder(app, shopper, order.id)).toMatchObject({ status: 'refunded', refundedFen: 10_000 });
  });

  it('an unpaid order cannot be refunded', async () => {
    const order = await placeOrder(app, shopper, [{ productId: product.id, quantity: 1 }]);
    expectError(
      await app.http.post(`/v1/merchant/orders/${order.id}/refunds`, {
        token: merchant.apiKey,
        body: { amountFen: 1, reason: 'x' },
      }),
      409,
      'REFUND_EXCEEDS_PAID',
    );
  });

  it("another shopper's order and another merchant's refund are 404", async () => {
    const order = await placeOrder(app, shopper, [{ productId: product.id, quantity: 1 }]);
    await payAndSettle(app, shopper, order);
    const stranger = await loginShopper(app);
    expectError(await app.http.get(`/v1/orders/${order.id}`, { token: stranger.token }), 404, 'NOT_FOUND');
    expectError(await app.http.post(`/v1/orders/${order.id}/cancel`, { token: stranger.token }), 404, 'NOT_FOUND');
    const list = await app.http.get('/v1/me/orders', { token: stranger.token });
    expect(list.body).toEqual({ items: [], nextCursor: null });
    const otherMerchant = await createMerchant(app);
    expectError(
      await app.http.post(`/v1/merchant/orders/${order.id}/refunds`, {
        token: otherMerchant.apiKey,
        body: { amountFen: 1, reason: 'x' },
      }),
      404,
      'NOT_FOUND',
    );
  });

  it('a lost notification is recovered by the reconciliation job', async () => {
    const order = await placeOrder(app, shopper, [{ productId: product.id, quantity: 1 }]);
    await payInSandbox(app, order.payment.outTradeNo);
    await app.db.query("UPDATE sandbox_deliveries SET status = 'failed' WHERE status = 'pending'"); // lost for good
    app.clock.advance(61_000);
    await runJobs(app, 'payments.reconcile');
    expect((await getOrder(app, shopper, order.id)).status).toBe('paid');
  });

  it('refuses orders naming unknown products, several merchants, or the same product twice', async () => {
    const other = await createProduct(app, await createMerchant(app));
    expectError(
      await app.http.post('/v1/orders', {
        token: shopper.token,
        body: { items: [{ productId: randomUUID(), quantity: 1 }] },
      }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await app.http.post('/v1/orders', {
        token: shopper.token,
        body: {
          items: [
            { productId: product.id, quantity: 1 },
            { productId: other.id, quantity: 1 },
          ],
        },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await app.http.post('/v1/orders', {
        token: shopper.token,
        body: {
          items: [
            { productId: product.id, quantity: 1 },
            { productId: product.id, quantity: 2 },
          ],
        },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await app.http.post('/v1/orders', { token: shopper.token, body: { items: [] } }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await app.http.post('/v1/orders', {
        token: shopper.token,
        body: { items: [{ productId: product.id, quantity: 0 }] },
      }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('an order placed with an Idempotency-Key twice is one order', async () => {
    const body = { items: [{ productId: product.id, quantity: 1 }] };
    const first = await app.http.post('/v1/orders', { token: shopper.token, body, idempotencyKey: 'order-once' });
    const again = await app.http.post('/v1/orders', { token: shopper.token, body, idempotencyKey: 'order-once' });
    expect(again.body).toEqual(first.body);
    expect(
      await app.db.query('SELECT 1 FROM sandbox_transactions WHERE out_trade_no = $1', [first.body.payment.outTradeNo]),
    ).toHaveLength(1);
  });
});
