import {
  createMerchant,
  createProduct,
  expectError,
  loginShopper,
  TestMerchant,
  TestShopper,
} from '../support/fixtures';
import { runJobs } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import { buyCards, card, createCardProduct, DAY, expectLedgerConsistent, HOUR } from './gift-card-fixtures';

/** What the claimer of a gift sees and may do. */
describe('gift cards: claimed cards', () => {
  let app: TestApp;
  let merchant: TestMerchant;
  let giver: TestShopper;
  let friend: TestShopper;
  let cardProduct: { id: string };
  let product: { id: string };

  beforeAll(async () => {
    app = await startTestApp();
    merchant = await createMerchant(app);
    [giver, friend] = await Promise.all([loginShopper(app), loginShopper(app)]);
    cardProduct = await createCardProduct(app, merchant, { faceValueFen: 10_000, priceFen: 9_500, validityDays: 2 });
    product = await createProduct(app, merchant, { priceFen: 3_000 });
  });
  afterAll(() => app.close());

  /** An order of 30.00 the card pays entirely: paid at once. */
  const spend = (who: TestShopper, cardId: string) =>
    app.http.post('/v1/orders', {
      token: who.token,
      body: { items: [{ productId: product.id, quantity: 1 }], giftCardIds: [cardId] },
    });
  const give = async (from: TestShopper, cardId: string): Promise<string> => {
    const offer = await app.http.post(`/v1/gift-cards/${cardId}/gift`, { token: from.token, body: {} });
    expect(offer.status).toBe(201);
    return offer.body.shareToken;
  };
  const claim = (who: TestShopper, shareToken: string) =>
    app.http.post('/v1/gift-cards/claim', { token: who.token, body: { shareToken } });
  const ledgerOf = async (who: TestShopper, cardId: string) => {
    const response = await app.http.get(`/v1/me/gift-cards/${cardId}/transactions`, { token: who.token });
    expect(response.status).toBe(200);
    return response.body.items.map((entry: any) => [entry.kind, entry.amountFen]);
  };

  it("the claimer sees the card's ledger from their claim on, not the giver's spending", async () => {
    const [given] = await buyCards(app, giver, cardProduct.id);
    expect((await spend(giver, given.id)).body.status).toBe('paid');
    expect(await ledgerOf(giver, given.id)).toEqual([
      ['redeem', -3_000],
      ['issue', 10_000],
    ]);
    expect((await claim(friend, await give(giver, given.id))).status).toBe(201);
    expect(await ledgerOf(friend, given.id)).toEqual([['gift_in', 7_000]]);
    expect((await spend(friend, given.id)).body.status).toBe('paid');
    expect(await ledgerOf(friend, given.id)).toEqual([
      ['redeem', -3_000],
      ['gift_in', 7_000],
    ]);

    // Given on again: the next claimer sees from their own claim on.
    const third = await loginShopper(app);
    expect((await claim(third, await give(friend, given.id))).status).toBe(201);
    expect(await ledgerOf(third, given.id)).toEqual([['gift_in', 4_000]]);
    // The whole ledger is still there for the merchant's sums.
    const [{ rows }] = await app.db.query<{ rows: number }>(
      'SELECT count(*)::int AS rows FROM gift_card_ledger WHERE card_id = $1',
      [given.id],
    );
    expect(rows).toBe(7);
    await expectLedgerConsistent(app, merchant);
  });

  /** Moves the clock; shopper tokens carry exp, so everyone logs in again. */
  const later = async (ms: number) => {
    app.clock.advance(ms);
    [giver, friend] = await Promise.all([giver, friend].map((who) => loginShopper(app, who.openid)));
  };

  it('a gift whose card is past its validity cannot be claimed, before the expiry job as after; it ends with the card', async () => {
    const [expiring] = await buyCards(app, giver, cardProduct.id);
    // Valid two days: give it with half a day of validity left, inside the gift's 24 hours.
    await later(DAY + 12 * HOUR);
    const shareToken = await give(giver, expiring.id);
    await later(12 * HOUR + 1_000);
    const gift = () =>
      app.db.query<{ status: string; claimed_by: string | null }>(
        'SELECT status, claimed_by FROM gift_card_gifts WHERE share_token = $1',
        [shareToken],
      );

    const refused = await claim(friend, shareToken);
    expectError(refused, 409, 'GIFT_CARD_NOT_USABLE');
    expect(refused.body.error.message).toContain('the card has expired');
    expect(await gift()).toEqual([{ status: 'pending', claimed_by: null }]);
    expect(await card(app, giver, expiring.id)).toMatchObject({ status: 'gifting', ownerId: giver.id });

    await runJobs(app, 'gift-cards.expire');
    expectError(await claim(friend, shareToken), 409, 'GIFT_CARD_NOT_USABLE');
    await later(DAY);
    await runJobs(app, 'gift-cards.return-gifts');
    expect(await gift()).toEqual([{ status: 'returned', claimed_by: null }]);
    expect(await card(app, giver, expiring.id)).toMatchObject({ status: 'expired', ownerId: giver.id, balanceFen: 0 });
    expect((await app.http.get(`/v1/me/gift-cards/${expiring.id}`, { token: friend.token })).status).toBe(404);
    const rows = await app.db.query('SELECT kind, amount_fen FROM gift_card_ledger WHERE card_id = $1 ORDER BY kind', [
      expiring.id,
    ]);
    expect(rows).toEqual([
      { kind: 'expire', amount_fen: '-10000' },
      { kind: 'issue', amount_fen: '10000' },
    ]);
    await expectLedgerConsistent(app, merchant);
  });
});
