import { claimOk, createTemplate, MODES } from '../coupons/coupon-fixtures';
import {
  createMerchant,
  createProduct,
  expectError,
  loginShopper,
  TestMerchant,
  TestShopper,
} from '../support/fixtures';
import { getOrder, payAndSettle, runJobs, settleEverything } from '../support/payments';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';
import { createEndpoint } from '../webhooks/webhook-receiver';
import { buyCards, card, createCardProduct, DAY, expectLedgerConsistent } from './gift-card-fixtures';

const MINUTE = 60_000;

/** Issue 19: an order paid with a card and a coupon, refunds to the card first, holds given back, expiry. */
describe.each(MODES)('gift cards: paying orders %s', (_mode, options) => {
  let app: TestApp;
  let merchant: TestMerchant;
  let shopper: TestShopper;
  let cardProduct: { id: string };
  let product: { id: string };

  beforeAll(async () => {
    app = await startTestApp(options);
    merchant = await createMerchant(app);
    shopper = await loginShopper(app);
    cardProduct = await createCardProduct(app, merchant, { faceValueFen: 10_000, priceFen: 9_500, validityDays: 30 });
    product = await createProduct(app, merchant, { priceFen: 15_000 });
    await createEndpoint(app, merchant, 'http://127.0.0.1:9/hook', ['gift_card.redeemed']);
  });
  afterAll(() => app.close());

  const order = (body: Record<string, unknown>, who = shopper) =>
    app.http.post('/v1/orders', {
      token: who.token,
      body: { items: [{ productId: product.id, quantity: 1 }], ...body },
    });
  const refund = (orderId: string, amountFen: number) =>
    app.http.post(`/v1/merchant/orders/${orderId}/refunds`, {
      token: merchant.apiKey,
      body: { amountFen, reason: 'returned' },
    });

  it('150.00 with a 100.00 card and a 20.00 coupon: the card pays 100.00, WeChat Pay 30.00; refunds go to the card first', async () => {
    const [giftCard] = await buyCards(app, shopper, cardProduct.id);
    const template = await createTemplate(app, merchant, { valueFen: 2_000 });
    const coupon = await claimOk(app, shopper, template.id);

    const placed = await order({ couponId: coupon.id, giftCardIds: [giftCard.id] });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({
      status: 'pending_payment',
      subtotalFen: 15_000,
      discountFen: 2_000,
      giftCardFen: 10_000,
      totalFen: 3_000,
    });
    expect(await card(app, shopper, giftCard.id)).toMatchObject({ balanceFen: 10_000, heldFen: 10_000 });
    const [provider] = await app.db.query<{ amount_fen: string }>(
      'SELECT amount_fen FROM sandbox_transactions WHERE out_trade_no = $1',
      [placed.body.payment.outTradeNo],
    );
    expect(Number(provider.amount_fen)).toBe(3_000);
    await expectLedgerConsistent(app, merchant);

    expect((await payAndSettle(app, shopper, placed.body)).status).toBe('paid');
    expect(await card(app, shopper, giftCard.id)).toMatchObject({ status: 'spent', balanceFen: 0, heldFen: 0 });
    const afterPay = await expectLedgerConsistent(app, merchant);
    expect(afterPay).toMatchObject({ redeemedFen: 10_000 });
    const [redeemed] = await app.db.query<{ payload: any }>(
      `SELECT payload FROM webhook_events WHERE merchant_id = $1 AND type = 'gift_card.redeemed'`,
      [merchant.id],
    );
    expect(redeemed.payload.data).toEqual({
      orderId: placed.body.id,
      shopperId: shopper.id,
      amountFen: 10_000,
      cards: [{ cardId: giftCard.id, amountFen: 10_000, balanceFen: 0 }],
    });

    // 40.00 back: all of it to the card, at once, with no provider refund.
    const partial = await refund(placed.body.id, 4_000);
    expect(partial.status).toBe(201);
    expect(partial.body).toMatchObject({ amountFen: 4_000, giftCardFen: 4_000, status: 'succeeded' });
    expect(await card(app, shopper, giftCard.id)).toMatchObject({ status: 'active', balanceFen: 4_000 });
    expect(await getOrder(app, shopper, placed.body.id)).toMatchObject({
      status: 'partially_refunded',
      refundedFen: 4_000,
    });
    expect(await expectLedgerConsistent(app, merchant)).toMatchObject({ refundedToCardsFen: 4_000 });

    // The rest (90.00): the card's other 60.00 to the card, 30.00 through WeChat Pay.
    const rest = await refund(placed.body.id, 9_000);
    expect(rest.status).toBe(201);
    expect(rest.body).toMatchObject({ amountFen: 9_000, giftCardFen: 6_000, status: 'processing' });
    expect(await card(app, shopper, giftCard.id)).toMatchObject({ balanceFen: 10_000 });
    await settleEverything(app);
    const [providerRefund] = await app.db.query<{ amount_fen: string }>(
      'SELECT amount_fen FROM sandbox_refunds WHERE out_refund_no = $1',
      [rest.body.outRefundNo],
    );
    expect(Number(providerRefund.amount_fen)).toBe(3_000);
    expect(await getOrder(app, shopper, placed.body.id)).toMatchObject({ status: 'refunded', refundedFen: 13_000 });
    expectError(await refund(placed.body.id, 1), 409, 'REFUND_EXCEEDS_PAID');
    expect(await expectLedgerConsistent(app, merchant)).toMatchObject({ refundedToCardsFen: 10_000 });
    // The dashboard counts money through WeChat Pay: the card's sale (95.00) and this order's 30.00 in, 30.00 out.
    const dashboard = await app.http.get('/v1/merchant/dashboard', { token: merchant.apiKey });
    expect(dashboard.body).toMatchObject({ revenueFen: 9_500 + 3_000, refundedFen: 3_000 });
    expect(dashboard.body.byKind.orders).toMatchObject({
      standard: { ordersPaid: 1, revenueFen: 3_000, discountFen: 2_000 },
      gift_card: { ordersPaid: 1, revenueFen: 9_500, discountFen: 0 },
    });
  });

  it('a refund whose gateway part fails leaves the card part with the card, counted on the order', async () => {
    const [giftCard] = await buyCards(app, shopper, cardProduct.id);
    const placed = await order({ giftCardIds: [giftCard.id] });
    expect(placed.body).toMatchObject({ giftCardFen: 10_000, totalFen: 5_000 });
    expect((await payAndSettle(app, shopper, placed.body)).status).toBe('paid');
    const fault = await app.http.post('/v1/sandbox/faults', {
      token: TEST_ADMIN_TOKEN,
      body: { operation: 'refund', code: 'NOT_ENOUGH', times: 1 },
    });
    expect(fault.status).toBe(201);
    try {
      const mixed = await refund(placed.body.id, 12_000);
      expect(mixed.body.status).toBe('processing');
      await settleEverything(app);
      expect(
        (await app.http.get(`/v1/merchant/refunds/${mixed.body.id}`, { token: merchant.apiKey })).body.status,
      ).toBe('failed');
    } finally {
      await app.http.request('DELETE', '/v1/sandbox/faults', { token: TEST_ADMIN_TOKEN });
    }
    expect(await card(app, shopper, giftCard.id)).toMatchObject({ balanceFen: 10_000 });
    expect(await getOrder(app, shopper, placed.body.id)).toMatchObject({
      status: 'partially_refunded',
      refundedFen: 10_000,
    });
    // What is left to refund is what WeChat Pay took: the card has had all it paid.
    expectError(await refund(placed.body.id, 5_001), 409, 'REFUND_EXCEEDS_PAID');
    const rest = await refund(placed.body.id, 5_000);
    expect(rest.status).toBe(201);
    await settleEverything(app);
    expect(await getOrder(app, shopper, placed.body.id)).toMatchObject({ status: 'refunded', refundedFen: 15_000 });
    expect(await card(app, shopper, giftCard.id)).toMatchObject({ balanceFen: 10_000 });
    await expectLedgerConsistent(app, merchant);
  });

  it('an order the card covers entirely is paid at once, with no WeChat Pay transaction', async () => {
    const [giftCard] = await buyCards(app, shopper, cardProduct.id);
    const cheap = await createProduct(app, merchant, { priceFen: 6_000 });
    const placed = await app.http.post('/v1/orders', {
      token: shopper.token,
      body: { items: [{ productId: cheap.id, quantity: 1 }], giftCardIds: [giftCard.id] },
    });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ status: 'paid', giftCardFen: 6_000, totalFen: 0 });
    expect(placed.body.paidAt).toEqual(expect.any(String));
    expect(placed.body.payment.prepayId).toBeNull();
    const transactions = await app.db.query('SELECT 1 FROM sandbox_transactions WHERE out_trade_no = $1', [
      placed.body.payment.outTradeNo,
    ]);
    expect(transactions).toHaveLength(0);
    expect(await card(app, shopper, giftCard.id)).toMatchObject({ status: 'active', balanceFen: 4_000, heldFen: 0 });
    // Its full refund goes back to the card alone.
    const back = await refund(placed.body.id, 6_000);
    expect(back.body.status).toBe('succeeded');
    expect(await card(app, shopper, giftCard.id)).toMatchObject({ balanceFen: 10_000 });
    await expectLedgerConsistent(app, merchant);
  });

  it('cancelling an order gives the held amount back; so does its expiry', async () => {
    const [giftCard] = await buyCards(app, shopper, cardProduct.id);
    const cancelled = await order({ giftCardIds: [giftCard.id] });
    expect(cancelled.body).toMatchObject({ giftCardFen: 10_000, totalFen: 5_000 });
    // Nothing is free on the card while that order holds it all.
    expectError(await order({ giftCardIds: [giftCard.id] }), 409, 'GIFT_CARD_NOT_USABLE');
    const answer = await app.http.post(`/v1/orders/${cancelled.body.id}/cancel`, { token: shopper.token });
    expect(answer.body.status).toBe('cancelled');
    expect(await card(app, shopper, giftCard.id)).toMatchObject({ balanceFen: 10_000, heldFen: 0 });
    await expectLedgerConsistent(app, merchant);

    const expiring = await order({ giftCardIds: [giftCard.id] });
    expect(expiring.status).toBe(201);
    app.clock.advance(16 * MINUTE);
    await runJobs(app, 'orders.expire');
    expect((await getOrder(app, shopper, expiring.body.id)).status).toBe('cancelled');
    expect(await card(app, shopper, giftCard.id)).toMatchObject({ balanceFen: 10_000, heldFen: 0, status: 'active' });
    await expectLedgerConsistent(app, merchant);
  });

  it('two cards pay in the order given, up to the total: the first all it has, the second the rest', async () => {
    const [first, second] = await buyCards(app, shopper, cardProduct.id, 2);
    const placed = await order({ giftCardIds: [second.id, first.id] });
    expect(placed.body).toMatchObject({ status: 'paid', giftCardFen: 15_000, totalFen: 0 });
    expect(await card(app, shopper, second.id)).toMatchObject({ status: 'spent', balanceFen: 0, heldFen: 0 });
    expect(await card(app, shopper, first.id)).toMatchObject({ status: 'active', balanceFen: 5_000, heldFen: 0 });
    await expectLedgerConsistent(app, merchant);
  });

  it('cards that are not usable are 409 GIFT_CARD_NOT_USABLE and the order is not placed', async () => {
    const other = await loginShopper(app);
    const [theirs] = await buyCards(app, other, cardProduct.id);
    const elsewhere = await createMerchant(app);
    const foreignProduct = await createCardProduct(app, elsewhere);
    const [foreign] = await buyCards(app, shopper, foreignProduct.id);
    const before = await app.db.query('SELECT count(*) FROM orders');
    expectError(await order({ giftCardIds: [theirs.id] }), 409, 'GIFT_CARD_NOT_USABLE');
    expectError(await order({ giftCardIds: [foreign.id] }), 409, 'GIFT_CARD_NOT_USABLE');
    expect(await app.db.query('SELECT count(*) FROM orders')).toEqual(before);
    expect(await card(app, other, theirs.id)).toMatchObject({ heldFen: 0 });
  });

  it('a card past its validity expires: its balance moves to expiredFen', async () => {
    const [giftCard] = await buyCards(app, shopper, cardProduct.id);
    const before = await expectLedgerConsistent(app, merchant);
    app.clock.advance(31 * DAY);
    shopper = await loginShopper(app, shopper.openid);
    expectError(await order({ giftCardIds: [giftCard.id] }), 409, 'GIFT_CARD_NOT_USABLE');
    await runJobs(app, 'gift-cards.expire');
    expect(await card(app, shopper, giftCard.id)).toMatchObject({ status: 'expired', balanceFen: 0 });
    const after = await expectLedgerConsistent(app, merchant);
    expect(after.expiredFen - before.expiredFen).toBeGreaterThanOrEqual(10_000);
    expect(after.outstandingFen).toBe(0);
    const listed = await app.http.get('/v1/merchant/gift-card-products', { token: merchant.apiKey });
    const stats = listed.body.items.find((item: any) => item.id === cardProduct.id).stats;
    expect(stats).toMatchObject({ activeBalanceFen: 0, expiredFen: after.expiredFen });
  });
});
