import {
  createMerchant,
  createProduct,
  expectError,
  loginShopper,
  TestMerchant,
  TestShopper,
} from '../support/fixtures';
import { settleEverything } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import { buyCards, card, createCardProduct, expectLedgerConsistent } from './gift-card-fixtures';

/** A refunded gift_card order takes its cards back: whole untouched cards only, or nothing changes. */
describe('gift cards: refunding a gift_card order', () => {
  let app: TestApp;
  let merchant: TestMerchant;
  let buyer: TestShopper;
  let friend: TestShopper;
  let cardProduct: { id: string };
  let product: { id: string };

  beforeAll(async () => {
    app = await startTestApp();
    merchant = await createMerchant(app);
    [buyer, friend] = await Promise.all([loginShopper(app), loginShopper(app)]);
    cardProduct = await createCardProduct(app, merchant, { faceValueFen: 10_000, priceFen: 9_500 });
    product = await createProduct(app, merchant, { priceFen: 3_000 });
  });
  afterAll(() => app.close());

  const refund = (orderId: string, amountFen: number) =>
    app.http.post(`/v1/merchant/orders/${orderId}/refunds`, {
      token: merchant.apiKey,
      body: { amountFen, reason: 'changed their mind' },
    });
  /** An order of 30.00 the card pays entirely: paid at once. */
  const spend = (cardId: string) =>
    app.http.post('/v1/orders', {
      token: buyer.token,
      body: { items: [{ productId: product.id, quantity: 1 }], giftCardIds: [cardId] },
    });
  const orderOf = async (cardId: string): Promise<string> => {
    const [row] = await app.db.query<{ order_id: string }>(
      `SELECT order_id FROM gift_card_ledger WHERE card_id = $1 AND kind = 'issue' AND amount_fen > 0`,
      [cardId],
    );
    return row.order_id;
  };
  /** What a refund that is refused must leave as it was. */
  const snapshot = async (orderId: string) => ({
    refunds: await app.db.query('SELECT id FROM order_refunds WHERE order_id = $1', [orderId]),
    cards: await app.db.query(
      `SELECT id, status, balance_fen, held_fen FROM gift_cards WHERE issue_key LIKE $1 ORDER BY id`,
      [`order:${orderId}:%`],
    ),
    ledger: await app.db.query('SELECT count(*)::int AS rows FROM gift_card_ledger WHERE merchant_id = $1', [
      merchant.id,
    ]),
  });

  it('takes back the untouched cards a refund pays for; a part of a card or a used card is 409 and changes nothing', async () => {
    const [spent, keptA, keptB] = await buyCards(app, buyer, cardProduct.id, 3);
    const orderId = await orderOf(spent.id);
    expect((await spend(spent.id)).body.status).toBe('paid');
    const before = await snapshot(orderId);

    expectError(await refund(orderId, 5_000), 409, 'GIFT_CARD_ORDER_NOT_REFUNDABLE');
    // Three cards' worth, but one of them was spent from.
    expectError(await refund(orderId, 28_500), 409, 'GIFT_CARD_ORDER_NOT_REFUNDABLE');
    expect(await snapshot(orderId)).toEqual(before);

    const refunded = await refund(orderId, 19_000);
    expect(refunded.status).toBe(201);
    for (const taken of [keptA, keptB]) {
      expect(await card(app, buyer, taken.id)).toMatchObject({ status: 'expired', balanceFen: 0 });
      const rows = await app.db.query<{ kind: string; amount_fen: string; order_id: string; ref: string }>(
        `SELECT kind, amount_fen, order_id, ref FROM gift_card_ledger WHERE card_id = $1 ORDER BY amount_fen`,
        [taken.id],
      );
      expect(rows).toEqual([
        { kind: 'issue', amount_fen: '-10000', order_id: orderId, ref: refunded.body.id },
        { kind: 'issue', amount_fen: '10000', order_id: orderId, ref: null },
      ]);
      expectError(await spend(taken.id), 409, 'GIFT_CARD_NOT_USABLE');
      const gift = await app.http.post(`/v1/gift-cards/${taken.id}/gift`, { token: buyer.token, body: {} });
      expectError(gift, 409, 'GIFT_CARD_NOT_USABLE');
    }
    expect(await card(app, buyer, spent.id)).toMatchObject({ status: 'active', balanceFen: 7_000 });
    await settleEverything(app);
    const status = (await app.http.get(`/v1/merchant/refunds/${refunded.body.id}`, { token: merchant.apiKey })).body;
    expect(status).toMatchObject({ status: 'succeeded', amountFen: 19_000, giftCardFen: 0 });
    expect(await expectLedgerConsistent(app, merchant)).toMatchObject({
      issuedFen: 10_000,
      redeemedFen: 3_000,
      outstandingFen: 7_000,
      expiredFen: 0,
    });

    // The third card was spent from: the last 95.00 cannot take it back.
    const left = await snapshot(orderId);
    expectError(await refund(orderId, 9_500), 409, 'GIFT_CARD_ORDER_NOT_REFUNDABLE');
    expect(await snapshot(orderId)).toEqual(left);
  });

  it('a card given away, or being given, is not taken back', async () => {
    const [given, gifting] = await buyCards(app, buyer, cardProduct.id, 2);
    const orderId = await orderOf(given.id);
    const offer = await app.http.post(`/v1/gift-cards/${given.id}/gift`, { token: buyer.token, body: {} });
    expect(offer.status).toBe(201);
    const claimed = await app.http.post('/v1/gift-cards/claim', {
      token: friend.token,
      body: { shareToken: offer.body.shareToken },
    });
    expect(claimed.status).toBe(201);
    expect((await app.http.post(`/v1/gift-cards/${gifting.id}/gift`, { token: buyer.token, body: {} })).status).toBe(
      201,
    );
    const before = await snapshot(orderId);
    expectError(await refund(orderId, 9_500), 409, 'GIFT_CARD_ORDER_NOT_REFUNDABLE');
    expect(await snapshot(orderId)).toEqual(before);
    await expectLedgerConsistent(app, merchant);
  });

  it('a card spent or given at the same moment as the refund: one of them wins, never both', async () => {
    for (let round = 0; round < 6; round++) {
      const [contested] = await buyCards(app, buyer, cardProduct.id, 1);
      const orderId = await orderOf(contested.id);
      const rival =
        round % 2 === 0
          ? spend(contested.id)
          : app.http.post(`/v1/gift-cards/${contested.id}/gift`, { token: buyer.token, body: {} });
      const [used, refunded] = await Promise.all([rival, refund(orderId, 9_500)]);
      expect([used.status, refunded.status].sort()).toEqual([201, 409]);
      const [row] = await app.db.query<{ status: string; balance_fen: string }>(
        'SELECT status, balance_fen FROM gift_cards WHERE id = $1',
        [contested.id],
      );
      const refunds = await app.db.query('SELECT id FROM order_refunds WHERE order_id = $1', [orderId]);
      if (refunded.status === 201) {
        expect(row).toEqual({ status: 'expired', balance_fen: '0' });
        expect(refunds).toHaveLength(1);
      } else {
        expectError(refunded, 409, 'GIFT_CARD_ORDER_NOT_REFUNDABLE');
        expect(row.status).toBe(round % 2 === 0 ? 'active' : 'gifting');
        expect(refunds).toHaveLength(0);
      }
      await expectLedgerConsistent(app, merchant);
    }
  });
});
