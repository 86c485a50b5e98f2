import { createMerchant, createProduct, loginShopper, TestMerchant, TestShopper } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { buyCards, createCardProduct, expectLedgerConsistent } from './gift-card-fixtures';

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
});
