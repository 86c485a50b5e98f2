import { createMerchant, createProduct, expectError, loginShopper, TestMerchant } from '../support/fixtures';
import { getOrder, payAndSettle, payInSandbox, placeOrder, runJobs, settleEverything } from '../support/payments';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';
import { MODES } from '../lucky-draw/lucky-draw-fixtures';
import { RebatesService } from '../../src/modules/rebates/rebates.service';
import { TestShopper } from '../support/fixtures';

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

  async function paidOrder(productId: string, quantity = 1, shopper?: TestShopper) {
    shopper ??= await loginShopper(app);
    const order = await placeOrder(app, shopper, [{ productId, quantity }]);
    const paid = await payAndSettle(app, shopper, order);
    expect(paid.status).toBe('paid');
    await settleEverything(app, 2); // order.paid reaches the rebates module
    return { shopper, order };
  }

  const rebatesOf = async (shopper: { token: string }) =>
    (await app.http.get('/v1/me/rebates', { token: shopper.token })).body.items;

  const transfersOf = async (shopper: { token: string }) =>
    (await app.http.get('/v1/me/transfers', { token: shopper.token })).body.items;

  /** Runs `act` and answers the clock's readings around it: the service's clock runs on. */
  const timed = async (act: () => Promise<unknown>) => {
    const from = app.clock.now().getTime();
    await act();
    return { from, to: app.clock.now().getTime() };
  };
  const expectWithin = (iso: string, { from, to }: { from: number; to: number }) => {
    expect(Date.parse(iso)).toBeGreaterThanOrEqual(from);
    expect(Date.parse(iso)).toBeLessThanOrEqual(to);
  };

  const owedOf = async (shopper: { token: string }) => {
    const { owedFen, owedByMerchant } = (await app.http.get('/v1/me/rebates', { token: shopper.token })).body;
    return { owedFen, owedByMerchant };
  };

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

  it('a 10% rebate capped at 800 on a 10,000 order is paid after the delay; dueAt stays, paidAt records it', async () => {
    const { product } = await merchantWithRule();
    const { shopper, order } = await paidOrder(product.id);
    const [earned] = await rebatesOf(shopper);
    expect(earned).toEqual(
      expect.objectContaining({ orderId: order.id, amountFen: 800, status: 'pending', transferId: null, paidAt: null }),
    );
    const paidAt = (await getOrder(app, shopper, order.id)).paidAt;
    expect(earned.dueAt).toBe(new Date(new Date(paidAt).getTime() + DELAY_SECONDS * 1000).toISOString());
    await payDue();
    expect((await rebatesOf(shopper))[0].status).toBe('pending'); // not due yet
    app.clock.advance(DELAY_SECONDS * 1000 + 1000);
    const paying = await timed(payDue);
    const [rebate] = await rebatesOf(shopper);
    expectWithin(rebate.paidAt, paying);
    expect(rebate).toMatchObject({
      amountFen: 800,
      status: 'paid',
      transferId: expect.any(String),
      deductedFen: 0,
      dueAt: earned.dueAt,
    });
    expect(await transfersOf(shopper)).toEqual([
      expect.objectContaining({ id: rebate.transferId, amountFen: 800, reason: 'rebate', status: 'succeeded' }),
    ]);
    // Paid once, whatever runs again, and its due time is still the one the shopper was told.
    app.clock.advance(5 * MINUTE);
    await payDue();
    expect(await rebatesOf(shopper)).toEqual([rebate]);
    expect(
      await app.db.query(`SELECT 1 FROM transfers WHERE business_key LIKE 'rebate:%' AND shopper_id = $1`, [
        shopper.id,
      ]),
    ).toHaveLength(1);
  });

  it('a rule without delaySeconds waits 7 days, the refund window: not paid a second before, paid after', async () => {
    const { rule, product } = await merchantWithRule({ delaySeconds: undefined });
    expect(rule.delaySeconds).toBe(604_800);
    const paid = await paidOrder(product.id);
    const [earned] = await rebatesOf(paid.shopper);
    const paidAt = new Date((await getOrder(app, paid.shopper, paid.order.id)).paidAt).getTime();
    expect(earned.dueAt).toBe(new Date(paidAt + 604_800_000).toISOString());
    app.clock.advance(paidAt + 604_800_000 - 1000 - app.clock.now().getTime());
    await payDue();
    const shopper = await loginShopper(app, paid.shopper.openid); // a week outlives the first token
    expect((await rebatesOf(shopper))[0]).toMatchObject({ status: 'pending', transferId: null });
    app.clock.advance(1000);
    await payDue();
    expect((await rebatesOf(shopper))[0]).toMatchObject({ status: 'paid', amountFen: 800, dueAt: earned.dueAt });
  });

  it('a full refund after payment claws the rebate back; the next rebate at that merchant pays only the net', async () => {
    // Uncapped 10%: a 10,000 order earns 1,000, a 20,000 order 2,000.
    const { merchant, product } = await merchantWithRule({ maxRebateFen: null });
    const elsewhere = await merchantWithRule({ maxRebateFen: null });
    const { shopper, order: first } = await paidOrder(product.id);
    app.clock.advance(DELAY_SECONDS * 1000 + 1000);
    await payDue();
    const [paid] = await rebatesOf(shopper);
    expect(paid).toMatchObject({ orderId: first.id, status: 'paid', amountFen: 1_000 });
    expect(await owedOf(shopper)).toEqual({ owedFen: 0, owedByMerchant: [] });

    const { order: second } = await paidOrder(product.id, 2, shopper);
    const { order: third } = await paidOrder(elsewhere.product.id, 1, shopper);
    const refunding = await timed(() => refund(merchant, first.id, 10_000));
    const byOrder = async () => new Map<string, any>((await rebatesOf(shopper)).map((r: any) => [r.orderId, r]));
    const clawedBack = (await byOrder()).get(first.id);
    expect(clawedBack).toEqual({
      ...paid,
      status: 'clawed_back',
      clawedBackFen: 1_000,
      clawedBackAt: expect.any(String),
    });
    expectWithin(clawedBack.clawedBackAt, refunding);
    expect(await owedOf(shopper)).toEqual({
      owedFen: 1_000,
      owedByMerchant: [{ merchantId: merchant.id, owedFen: 1_000 }],
    });
    // The refund settling again (a repeated notification) claws back nothing more.
    await app.app.get(RebatesService).onRefunded({ orderId: first.id, kind: 'standard', merchantId: merchant.id });
    expect((await owedOf(shopper)).owedFen).toBe(1_000);

    app.clock.advance(DELAY_SECONDS * 1000 + 1000);
    await payDue();
    const rebates = await byOrder();
    // The debt is this merchant's: the other merchant's rebate is paid in full.
    expect(rebates.get(third.id)).toMatchObject({ status: 'paid', amountFen: 1_000, deductedFen: 0 });
    const net = rebates.get(second.id);
    expect(net).toMatchObject({ status: 'paid', amountFen: 2_000, deductedFen: 1_000, transferId: expect.any(String) });
    expect(await owedOf(shopper)).toEqual({ owedFen: 0, owedByMerchant: [] });
    const transfers = new Map<string, any>((await transfersOf(shopper)).map((t: any) => [t.id, t]));
    expect(transfers.get(net.transferId)).toMatchObject({ amountFen: 1_000, reason: 'rebate', status: 'succeeded' });
    expect(transfers.get(rebates.get(third.id).transferId)).toMatchObject({ amountFen: 1_000, status: 'succeeded' });
    expect(transfers.get(paid.transferId)).toMatchObject({ amountFen: 1_000, status: 'succeeded' });
    expect(transfers.size).toBe(3);
    const rule = await app.http.get(`/v1/merchant/rebate-rules/${rebates.get(second.id).ruleId}`, {
      token: merchant.apiKey,
    });
    // Both were paid out (3,000), one of them since clawed back.
    expect(rule.body.stats).toEqual({
      earned: 2,
      pending: 0,
      paid: 2,
      cancelled: 0,
      clawedBack: 1,
      paidFen: 3_000,
      clawedBackFen: 1_000,
    });
  });

  it('a partial refund after payment claws back the refunded share; the debt outgrowing a rebate leaves no transfer', async () => {
    const { merchant, product } = await merchantWithRule(); // 10%, at most 800
    const { shopper, order } = await paidOrder(product.id);
    app.clock.advance(DELAY_SECONDS * 1000 + 1000);
    await payDue();
    // 4,000 of 10,000 refunded: 10% of the 6,000 kept is 600, so 200 of the 800 paid comes back.
    await refund(merchant, order.id, 4_000);
    expect((await rebatesOf(shopper))[0]).toMatchObject({ status: 'clawed_back', amountFen: 800, clawedBackFen: 200 });
    expect((await owedOf(shopper)).owedFen).toBe(200);
    // Then the rest: everything paid is owed.
    await refund(merchant, order.id, 6_000);
    expect((await rebatesOf(shopper))[0]).toMatchObject({ status: 'clawed_back', clawedBackFen: 800 });
    expect((await owedOf(shopper)).owedFen).toBe(800);

    // The next 800 rebate all goes to the 800 owed: nothing is transferred.
    const next = await paidOrder(product.id, 1, shopper);
    app.clock.advance(DELAY_SECONDS * 1000 + 1000);
    await payDue();
    const rebate = (await rebatesOf(shopper)).find((r: any) => r.orderId === next.order.id);
    expect(rebate).toMatchObject({ status: 'paid', amountFen: 800, deductedFen: 800, transferId: null });
    expect((await owedOf(shopper)).owedFen).toBe(0);
    expect((await transfersOf(shopper)).map((t: any) => t.amountFen)).toEqual([800]);
  });

  it('rebates paid at the same moment never deduct the same debt twice', async () => {
    const { merchant, product } = await merchantWithRule({ maxRebateFen: null }); // 1,000 per order
    const { shopper, order: first } = await paidOrder(product.id);
    app.clock.advance(DELAY_SECONDS * 1000 + 1000);
    await payDue();
    const later: string[] = [];
    for (let i = 0; i < 5; i++) later.push((await paidOrder(product.id, 1, shopper)).order.id);
    await refund(merchant, first.id, 10_000);
    expect((await owedOf(shopper)).owedFen).toBe(1_000);
    app.clock.advance(DELAY_SECONDS * 1000 + 1000);
    const ids = (await rebatesOf(shopper)).filter((r: any) => later.includes(r.orderId)).map((r: any) => r.id);
    expect(ids).toHaveLength(5);
    const service = app.app.get(RebatesService);
    expect((await Promise.all(ids.map((id: string) => service.pay(id)))).every(Boolean)).toBe(true);
    await settleEverything(app);
    const paid = (await rebatesOf(shopper)).filter((r: any) => later.includes(r.orderId));
    expect(paid.map((r: any) => r.status)).toEqual(Array(5).fill('paid'));
    expect(paid.reduce((sum: number, r: any) => sum + r.deductedFen, 0)).toBe(1_000);
    expect((await owedOf(shopper)).owedFen).toBe(0);
    const sent = (await transfersOf(shopper)).filter((t: any) => paid.some((r: any) => r.transferId === t.id));
    expect(sent.reduce((sum: number, t: any) => sum + t.amountFen, 0)).toBe(5 * 1_000 - 1_000);
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
