import { ORDER_PAID } from '../../src/modules/orders/order-transitions';
import { PaymentEvents } from '../../src/payments/notify/payment-events';
import { TransactionEvents } from '../../src/platform/events/transaction-events';
import { MODES } from '../coupons/coupon-fixtures';
import { createEndpoint } from '../webhooks/webhook-receiver';
import { createMerchant, expectError, loginShopper, TestMerchant, TestShopper } from '../support/fixtures';
import { payInSandbox, runJobs, settleEverything } from '../support/payments';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';
import { card, cardsOfOrder, createCardProduct, DAY, expectLedgerConsistent, purchase } from './gift-card-fixtures';

/** Issue 19, first point: two cards bought at 95.00, paid by a notification delivered five times; gifting. */
describe.each(MODES)('gift cards: purchase and gifting %s', (_mode, options) => {
  let app: TestApp;
  let merchant: TestMerchant;
  let buyer: TestShopper;
  let friend: TestShopper;
  let stranger: TestShopper;
  let product: { id: string };

  beforeAll(async () => {
    app = await startTestApp(options);
    merchant = await createMerchant(app);
    [buyer, friend, stranger] = await Promise.all([loginShopper(app), loginShopper(app), loginShopper(app)]);
    product = await createCardProduct(app, merchant, { faceValueFen: 10_000, priceFen: 9_500 });
    await createEndpoint(app, merchant, 'http://127.0.0.1:9/hook', ['gift_card.purchased', 'gift_card.redeemed']);
  });
  afterAll(() => app.close());

  const setDuplicates = (duplicates: number) =>
    app.http.request('PUT', '/v1/sandbox/settings', { token: TEST_ADMIN_TOKEN, body: { duplicates } });

  let cards: any[];

  it('buys two cards of 100.00 at 95.00: exactly two cards, though the notification arrives five times', async () => {
    const order = await purchase(app, buyer, product.id, 2);
    expect(order).toMatchObject({
      kind: 'gift_card',
      status: 'pending_payment',
      subtotalFen: 19_000,
      discountFen: 0,
      giftCardFen: 0,
      totalFen: 19_000,
      items: [{ productId: product.id, quantity: 2, unitPriceFen: 9_500 }],
    });
    expect((await setDuplicates(4)).status).toBe(200);
    const notified = jest.spyOn(app.app.get(PaymentEvents), 'transaction');
    const emitted = jest.spyOn(app.app.get(TransactionEvents), 'emit');
    let notifications: unknown[];
    let paidEvents: unknown[];
    try {
      expect((await payInSandbox(app, order.payment.outTradeNo, 'success', buyer)).status).toBe(202);
      await settleEverything(app, 2);
      notifications = notified.mock.calls.filter(
        ([transaction]) => transaction.outTradeNo === order.payment.outTradeNo,
      );
      paidEvents = emitted.mock.calls.filter(
        ([topic, payload]) => topic === ORDER_PAID && (payload as { orderId: string }).orderId === order.id,
      );
    } finally {
      notified.mockRestore();
      emitted.mockRestore();
      await setDuplicates(0);
    }
    // Five verified notifications of this payment reached the service; the order heard of its payment once.
    expect(notifications).toHaveLength(5);
    expect(paidEvents).toHaveLength(1);
    cards = await cardsOfOrder(app, buyer, order.id);
    expect(cards).toHaveLength(2);
    for (const issued of cards) {
      expect(issued).toMatchObject({
        productId: product.id,
        merchantId: merchant.id,
        status: 'active',
        faceValueFen: 10_000,
        balanceFen: 10_000,
        ownerId: buyer.id,
        giftedBy: null,
      });
    }
    const listed = await app.http.get('/v1/me/gift-cards?status=active', { token: buyer.token });
    expect(listed.body.items.map((item: any) => item.id).sort()).toEqual(cards.map((item) => item.id).sort());
    const events = await app.db.query<{ payload: any }>(
      `SELECT payload FROM webhook_events WHERE merchant_id = $1 AND type = 'gift_card.purchased'`,
      [merchant.id],
    );
    expect(events).toHaveLength(1);
    expect(events[0].payload.data).toMatchObject({ orderId: order.id, totalFen: 19_000 });
    expect(events[0].payload.data.cards).toHaveLength(2);
    const report = await expectLedgerConsistent(app, merchant);
    expect(report).toMatchObject({ issuedFen: 20_000, outstandingFen: 20_000, redeemedFen: 0 });
  });

  it('gives a card with a message: the friend claims it once, a second claim is 409, the giver cannot claim it', async () => {
    const [given] = cards;
    const offer = await app.http.post(`/v1/gift-cards/${given.id}/gift`, {
      token: buyer.token,
      body: { message: '生日快乐' },
    });
    expect(offer.status).toBe(201);
    expect(offer.body.shareToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(new Date(offer.body.expiresAt).getTime() - app.clock.now().getTime()).toBeGreaterThan(DAY - 60_000);
    expect((await card(app, buyer, given.id)).status).toBe('gifting');
    // Gifting: nobody can spend it meanwhile, nor give it twice.
    expectError(
      await app.http.post(`/v1/gift-cards/${given.id}/gift`, { token: buyer.token, body: {} }),
      409,
      'GIFT_CARD_NOT_USABLE',
    );

    expectError(
      await app.http.post('/v1/gift-cards/claim', { token: buyer.token, body: { shareToken: offer.body.shareToken } }),
      403,
      'FORBIDDEN',
    );
    const claimed = await app.http.post('/v1/gift-cards/claim', {
      token: friend.token,
      body: { shareToken: offer.body.shareToken },
    });
    expect(claimed.status).toBe(201);
    expect(claimed.body).toMatchObject({
      id: given.id,
      status: 'active',
      balanceFen: 10_000,
      ownerId: friend.id,
      giftedBy: buyer.id,
      message: '生日快乐',
    });
    expectError(
      await app.http.post('/v1/gift-cards/claim', {
        token: stranger.token,
        body: { shareToken: offer.body.shareToken },
      }),
      409,
      'GIFT_CARD_ALREADY_CLAIMED',
    );
    expectError(
      await app.http.post('/v1/gift-cards/claim', { token: friend.token, body: { shareToken: offer.body.shareToken } }),
      409,
      'GIFT_CARD_ALREADY_CLAIMED',
    );
    // The card left the giver's wallet.
    expect((await app.http.get(`/v1/me/gift-cards/${given.id}`, { token: buyer.token })).status).toBe(404);
    const ledger = await app.http.get(`/v1/me/gift-cards/${given.id}/transactions`, { token: friend.token });
    // The claimer sees the card from their claim on.
    expect(ledger.body.items.map((entry: any) => [entry.kind, entry.amountFen])).toEqual([['gift_in', 10_000]]);
    await expectLedgerConsistent(app, merchant);
  });

  it('an unclaimed gift returns to its giver after 24 h: refused at once past the deadline, returned by the job', async () => {
    const kept = cards[1];
    const offer = await app.http.post(`/v1/gift-cards/${kept.id}/gift`, { token: buyer.token, body: {} });
    expect(offer.status).toBe(201);
    app.clock.advance(DAY + 1_000);
    // Shopper tokens carry exp: a day later everyone logs in again.
    [buyer, friend, stranger] = await Promise.all(
      [buyer, friend, stranger].map((who) => loginShopper(app, who.openid)),
    );
    expectError(
      await app.http.post('/v1/gift-cards/claim', {
        token: stranger.token,
        body: { shareToken: offer.body.shareToken },
      }),
      409,
      'GIFT_CARD_NOT_USABLE',
    );
    await runJobs(app, 'gift-cards.return-gifts');
    expect(await card(app, buyer, kept.id)).toMatchObject({ status: 'active', ownerId: buyer.id, balanceFen: 10_000 });
    expectError(
      await app.http.post('/v1/gift-cards/claim', {
        token: stranger.token,
        body: { shareToken: offer.body.shareToken },
      }),
      409,
      'GIFT_CARD_NOT_USABLE',
    );
    await expectLedgerConsistent(app, merchant);
  });

  it('bad input is a clear 4xx and changes nothing', async () => {
    expectError(
      await app.http.post('/v1/gift-cards/purchase', {
        token: buyer.token,
        body: { productId: product.id, quantity: 11 },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await app.http.post('/v1/merchant/gift-card-products', {
        token: merchant.apiKey,
        body: { name: 'x', faceValueFen: 100, priceFen: 101, validityDays: 1 },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await app.http.post('/v1/gift-cards/claim', { token: friend.token, body: { shareToken: 'x'.repeat(32) } }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await app.http.post(`/v1/gift-cards/${cards[1].id}/gift`, { token: friend.token, body: {} }),
      404,
      'NOT_FOUND',
    );
  });
});
