import { createMerchant, createProduct, expectError, loginShopper, TestMerchant } from '../support/fixtures';
import { getOrder, payAndSettle, payInSandbox, placeOrder, runJobs, settleEverything } from '../support/payments';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';
import { MODES } from '../lucky-draw/lucky-draw-fixtures';

const MINUTE = 60_000;
const DELAY_SECONDS = 120;

describe.each(MODES)('cash rebates %s', (_mode, options) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(options);
  });
  afterAll(() => app.close());

  const at = (offsetMs: number) => new Date(app.clock.now().getTime() + offsetMs).toISOString();

  async function merchantWithRule(rule: Record<string, unknown> = {}) {
    const merchant = await createMerchant(app);
    const product = await createProduct(app, merchant, { priceFen: 10_000 });
    const response = await app.http.post('/v1/merchant/rebate-rules', {
      token: merchant.apiKey,
      idempotencyKey: 'rule-1',
      body: {
        name: '10% back, at most 8 yuan',
        kind: 'percent',
        percent: 10,
        maxRebateFen: 800,
        delaySeconds: DELAY_SECONDS,
        startsAt: at(-MINUTE),
        endsAt: at(24 * 60 * MINUTE),
        ...rule,
      },
    });
    expect(response.status).toBe(201);
    return { merchant, product, rule: response.body };
  }

  async function paidOrder(productId: string, quantity = 1) {
    const shopper = await loginShopper(app);
    const order = await placeOrder(app, shopper, [{ productId, quantity }]);
    const paid = await payAndSettle(app, shopper, order);
    expect(paid.status).toBe('paid');
    await settleEverything(app, 2); // order.paid reaches the rebates module
    return { shopper, order };
  }

  const rebatesOf = async (shopper: { token: string }) =>
    (await app.http.get('/v1/me/rebates', { token: shopper.token })).body.items;

  const refund = async (merchant: TestMerchant, orderId: string, amountFen: number) => {
    const response = await app.http.post(`/v1/merchant/orders/${orderId}/refunds`, {
      token: merchant.apiKey,
      body: { amountFen, reason: 'returned' },
    });
    expect(response.status).toBe(201);
    await settleEverything(app);
  };

  const payDue = async () => {
    await runJobs(app, 'rebates.pay');
    await settleEverything(app);
  };

  it('refuses contradictions, naming the field', async () => {
    const merchant = await createMerchant(app);
    const response = await app.http.post('/v1/merchant/rebate-rules', {
      token: merchant.apiKey,
      body: { name: 'x', kind: 'fixed', percent: 10, startsAt: at(MINUTE), endsAt: at(0) },
    });
    expectError(response, 400, 'VALIDATION_FAILED');
    expect(response.body.error.details.map((d: any) => d.field).sort()).toEqual(['endsAt', 'percent', 'valueFen']);
  });

  it('a 10% rebate capped at 800 on a 10,000 order is paid after the delay', async () => {
    const { merchant, product } = await merchantWithRule();
    const { shopper, order } = await paidOrder(product.id);
    expect(await rebatesOf(shopper)).toEqual([
      expect.objectContaining({ orderId: order.id, amountFen: 800, status: 'pending', transferId: null }),
    ]);
    await payDue();
    expect((await rebatesOf(shopper))[0].status).toBe('pending'); // not due yet
    app.clock.advance(DELAY_SECONDS * 1000 + 1000);
    await payDue();
    const [rebate] = await rebatesOf(shopper);
    expect(rebate).toMatchObject({ amountFen: 800, status: 'paid', transferId: expect.any(String) });
    const transfers = (await app.http.get('/v1/me/transfers', { token: shopper.token })).body.items;
    expect(transfers).toEqual([
      expect.objectContaining({ id: rebate.transferId, amountFen: 800, reason: 'rebate', status: 'succeeded' }),
    ]);
    // Paid once, whatever runs again; a later refund changes nothing.
    await refund(merchant, order.id, 10_000);
    await payDue();
    const rows = await app.db.query<{ status: string; amount_fen: string }>(
      'SELECT status, amount_fen FROM rebates WHERE order_id = $1',
      [order.id],
    );
    expect(rows.map((row) => [row.status, Number(row.amount_fen)])).toEqual([['paid', 800]]);
    expect(
      await app.db.query(`SELECT 1 FROM transfers WHERE business_key LIKE 'rebate:%' AND shopper_id = $1`, [
        shopper.id,
      ]),
    ).toHaveLength(1);
  });

  it('the rebate moves with its order: there when the order reads paid, cancelled when it reads refunded', async () => {
    const { merchant, product } = await merchantWithRule();
    const shopper = await loginShopper(app);
    const order = await placeOrder(app, shopper, [{ productId: product.id, quantity: 1 }]);
    expect((await payInSandbox(app, order.payment.outTradeNo)).status).toBe(202);
    // Only the provider's side runs (no outbox dispatch): whatever the rebate shows came with the order's move.
    await runJobs(app, 'sandbox.settle', 'sandbox.deliver');
    expect((await getOrder(app, shopper, order.id)).status).toBe('paid');
    expect(await rebatesOf(shopper)).toEqual([
      expect.objectContaining({ orderId: order.id, amountFen: 800, status: 'pending' }),
    ]);
    const refunded = await app.http.post(`/v1/merchant/orders/${order.id}/refunds`, {
      token: merchant.apiKey,
      body: { amountFen: 10_000, reason: 'returned' },
    });
    expect(refunded.status).toBe(201);
    for (let round = 0; round < 4 && (await getOrder(app, shopper, order.id)).status !== 'refunded'; round++) {
      await runJobs(app, 'outbox.dispatch', 'sandbox.settle', 'sandbox.deliver');
    }
    expect((await getOrder(app, shopper, order.id)).status).toBe('refunded');
    expect((await rebatesOf(shopper)).map((r: any) => r.status)).toEqual(['cancelled']);
  });

  it('a paid rebate whose transfer the provider refuses shows as failed, with that transfer', async () => {
    const { product } = await merchantWithRule();
    const { shopper } = await paidOrder(product.id);
    app.clock.advance(DELAY_SECONDS * 1000 + 1000);
    const fault = await app.http.post('/v1/sandbox/faults', {
      token: TEST_ADMIN_TOKEN,
      body: { operation: 'transfer', code: 'PARAM_ERROR', times: 1 },
    });
    expect(fault.status).toBe(201);
    try {
      await payDue();
    } finally {
      await app.http.request('DELETE', '/v1/sandbox/faults', { token: TEST_ADMIN_TOKEN });
    }
    const [rebate] = await rebatesOf(shopper);
    expect(rebate).toMatchObject({ amountFen: 800, status: 'failed', transferId: expect.any(String) });
    const transfers = (await app.http.get('/v1/me/transfers', { token: shopper.token })).body.items;
    expect(transfers.map((t: any) => [t.id, t.status])).toEqual([[rebate.transferId, 'failed']]);
  });

  it('a refund before the delay cancels it; nothing is paid', async () => {
    const { merchant, product } = await merchantWithRule();
    const { shopper, order } = await paidOrder(product.id);
    await refund(merchant, order.id, 10_000);
    expect((await rebatesOf(shopper)).map((r: any) => r.status)).toEqual(['cancelled']);
    app.clock.advance(DELAY_SECONDS * 1000 + 1000);
    await payDue();
    expect((await rebatesOf(shopper)).map((r: any) => [r.status, r.transferId])).toEqual([['cancelled', null]]);
    expect(await app.db.query('SELECT 1 FROM transfers WHERE shopper_id = $1', [shopper.id])).toHaveLength(0);
  });

  it('a partial refund before the delay recomputes it on what is left', async () => {
    const { merchant, product } = await merchantWithRule();
    const { shopper, order } = await paidOrder(product.id);
    await refund(merchant, order.id, 4_000);
    expect((await rebatesOf(shopper)).map((r: any) => [r.status, r.amountFen])).toEqual([['pending', 600]]);
    app.clock.advance(DELAY_SECONDS * 1000 + 1000);
    await payDue();
    expect((await rebatesOf(shopper)).map((r: any) => [r.status, r.amountFen])).toEqual([['paid', 600]]);
    const transfers = (await app.http.get('/v1/me/transfers', { token: shopper.token })).body.items;
    expect(transfers.map((t: any) => [t.amountFen, t.status])).toEqual([[600, 'succeeded']]);
  });

  it('an order below the minimum earns nothing; one at the minimum under the same rule earns its rebate', async () => {
    // No cap here, so the control's amount is the rule's 10% itself.
    const { product } = await merchantWithRule({ minOrderFen: 20_000, maxRebateFen: null });
    const below = await paidOrder(product.id); // 10,000
    const atMinimum = await paidOrder(product.id, 2); // 20,000: exactly the minimum counts
    expect(atMinimum.order.totalFen).toBe(20_000);
    expect(await rebatesOf(below.shopper)).toEqual([]);
    expect(await rebatesOf(atMinimum.shopper)).toEqual([
      expect.objectContaining({ orderId: atMinimum.order.id, amountFen: 2_000, status: 'pending' }),
    ]);
    app.clock.advance(DELAY_SECONDS * 1000 + 1000);
    await payDue();
    expect(await rebatesOf(below.shopper)).toEqual([]);
    expect(await app.db.query('SELECT 1 FROM transfers WHERE shopper_id = $1', [below.shopper.id])).toHaveLength(0);
    const [rebate] = await rebatesOf(atMinimum.shopper);
    expect(rebate).toMatchObject({ amountFen: 2_000, status: 'paid', transferId: expect.any(String) });
    const transfers = (await app.http.get('/v1/me/transfers', { token: atMinimum.shopper.token })).body.items;
    expect(transfers.map((t: any) => [t.id, t.amountFen, t.reason, t.status])).toEqual([
      [rebate.transferId, 2_000, 'rebate', 'succeeded'],
    ]);
  });
});
