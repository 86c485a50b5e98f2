import { TestMerchant, TestShopper } from '../support/fixtures';
import { payAndSettle } from '../support/payments';
import { TestApp } from '../support/test-app';

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

export async function createCardProduct(
  app: TestApp,
  merchant: TestMerchant,
  fields: Record<string, unknown> = {},
): Promise<{ id: string; faceValueFen: number; priceFen: number }> {
  const body = { name: '100元礼品卡', faceValueFen: 10_000, priceFen: 9_500, validityDays: 365, ...fields };
  const response = await app.http.post('/v1/merchant/gift-card-products', { token: merchant.apiKey, body });
  if (response.status !== 201) throw new Error(`creating a card product: ${response.status} ${response.text}`);
  return response.body;
}

export async function purchase(app: TestApp, shopper: TestShopper, productId: string, quantity: number) {
  const response = await app.http.post('/v1/gift-cards/purchase', {
    token: shopper.token,
    body: { productId, quantity },
  });
  if (response.status !== 201) throw new Error(`buying cards: ${response.status} ${response.text}`);
  return response.body;
}

/** Cards bought and paid through the sandbox: the shopper's cards of that order. */
export async function buyCards(app: TestApp, shopper: TestShopper, productId: string, quantity = 1): Promise<any[]> {
  const order = await purchase(app, shopper, productId, quantity);
  const paid = await payAndSettle(app, shopper, order);
  if (paid.status !== 'paid') throw new Error(`card order ${order.id} is ${paid.status}`);
  return cardsOfOrder(app, shopper, order.id);
}

export async function cardsOfOrder(app: TestApp, shopper: TestShopper, orderId: string): Promise<any[]> {
  const rows = await app.db.query<{ id: string }>(
    `SELECT id FROM gift_cards WHERE issue_key LIKE $1 ORDER BY issue_key`,
    [`order:${orderId}:%`],
  );
  return Promise.all(rows.map((row) => card(app, shopper, row.id)));
}

export async function card(app: TestApp, shopper: TestShopper, id: string): Promise<any> {
  const response = await app.http.get(`/v1/me/gift-cards/${id}`, { token: shopper.token });
  if (response.status !== 200) throw new Error(`reading card ${id}: ${response.status} ${response.text}`);
  return response.body;
}

/**
 * The ledger as the database has it: every card's balance is the sum of its rows, none is below zero or held
 * beyond it, and the merchant's liability report (over HTTP) satisfies API.md's identity and matches the cards.
 */
export async function expectLedgerConsistent(app: TestApp, merchant: TestMerchant): Promise<any> {
  const mismatched = await app.db.query(
    `SELECT c.id, c.balance_fen, coalesce(sum(e.amount_fen), 0) AS ledger
     FROM gift_cards c LEFT JOIN gift_card_ledger e ON e.card_id = c.id
     WHERE c.merchant_id = $1 GROUP BY c.id HAVING c.balance_fen <> coalesce(sum(e.amount_fen), 0)
        OR c.balance_fen < 0 OR c.held_fen > c.balance_fen`,
    [merchant.id],
  );
  expect(mismatched).toEqual([]);
  const response = await app.http.get('/v1/merchant/gift-cards/liability', { token: merchant.apiKey });
  expect(response.status).toBe(200);
  const report = response.body;
  expect(report.issuedFen + report.refundedToCardsFen).toBe(
    report.outstandingFen + report.redeemedFen + report.expiredFen,
  );
  const [{ balances }] = await app.db.query<{ balances: string }>(
    'SELECT coalesce(sum(balance_fen), 0) AS balances FROM gift_cards WHERE merchant_id = $1',
    [merchant.id],
  );
  expect(report.outstandingFen).toBe(Number(balances));
  return report;
}
