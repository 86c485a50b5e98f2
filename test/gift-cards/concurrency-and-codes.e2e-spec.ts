import { itConcurrently, MODES } from '../coupons/coupon-fixtures';
import {
  createMerchant,
  createProduct,
  expectError,
  loginShopper,
  TestMerchant,
  TestShopper,
} from '../support/fixtures';
import { payAndSettle } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import { buyCards, card, createCardProduct, expectLedgerConsistent } from './gift-card-fixtures';

/** Issue 19: 20 concurrent orders on one card; offline codes under guessing and concurrent redeemers. */
describe.each(MODES)('gift cards under concurrency %s', (_mode, options) => {
  let app: TestApp;
  /** A second instance on the same database (and Redis prefix): half the concurrent orders go to it. */
  let second: TestApp;
  let merchant: TestMerchant;
  let cardProduct: { id: string };

  beforeAll(async () => {
    app = await startTestApp(options);
    second = await startTestApp({ ...options, database: app.db, redisKeyPrefix: app.redisKeyPrefix ?? undefined });
    merchant = await createMerchant(app);
    cardProduct = await createCardProduct(app, merchant, { faceValueFen: 10_000, priceFen: 9_500 });
  });
  afterAll(async () => {
    await second.close();
    await app.close();
  });

  /** What the database says of a card at one instant. */
  const cardRow = async (id: string) => {
    const [row] = await app.db.query<{ balance: string; held: string; ledger: string; redeemed: string }>(
      `SELECT c.balance_fen AS balance, c.held_fen AS held,
              (SELECT coalesce(sum(amount_fen), 0) FROM gift_card_ledger WHERE card_id = c.id) AS ledger,
              (SELECT coalesce(-sum(amount_fen), 0) FROM gift_card_ledger WHERE card_id = c.id AND kind = 'redeem') AS redeemed
       FROM gift_cards c WHERE c.id = $1`,
      [id],
    );
    return {
      balance: Number(row.balance),
      held: Number(row.held),
      ledger: Number(row.ledger),
      redeemed: Number(row.redeemed),
    };
  };

  itConcurrently(
    '20 concurrent orders of 30.00 on one 100.00 card, on two instances, never hold or spend more than 100.00',
    async () => {
      const shopper = await loginShopper(app);
      const [giftCard] = await buyCards(app, shopper, cardProduct.id);
      const product = await createProduct(app, merchant, { priceFen: 3_000 });
      const samples: Array<Awaited<ReturnType<typeof cardRow>>> = [];
      let placing = true;
      const sampler = (async () => {
        while (placing) samples.push(await cardRow(giftCard.id));
      })();
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 === 0 ? app : second).http.post('/v1/orders', {
            token: shopper.token,
            body: { items: [{ productId: product.id, quantity: 1 }], giftCardIds: [giftCard.id] },
          }),
        ),
      );
      placing = false;
      await sampler;
      const placed = answers.filter((answer) => answer.status === 201).map((answer) => answer.body);
      for (const refused of answers.filter((answer) => answer.status !== 201)) {
        expectError(refused, 409, 'GIFT_CARD_NOT_USABLE');
      }
      // Every fen of the card went to some order, and no more: three orders of 30.00 and one of 10.00.
      expect(placed.reduce((sum, order) => sum + order.giftCardFen, 0)).toBe(10_000);
      expect(placed.map((order) => order.giftCardFen).sort()).toEqual([1_000, 3_000, 3_000, 3_000]);
      for (const sample of [...samples, await cardRow(giftCard.id)]) {
        expect(sample.balance).toBeGreaterThanOrEqual(0);
        expect(sample.held).toBeLessThanOrEqual(sample.balance);
        expect(sample.held + sample.redeemed).toBeLessThanOrEqual(10_000);
        expect(sample.balance).toBe(sample.ledger);
      }

      // The partly covered order is cancelled: its 10.00 comes back; the fully covered ones were paid at once.
      const partial = placed.find((order) => order.status === 'pending_payment');
      expect(partial).toMatchObject({ giftCardFen: 1_000, totalFen: 2_000 });
      expect((await app.http.post(`/v1/orders/${partial.id}/cancel`, { token: shopper.token })).status).toBe(200);
      // And 10.00 free again: another order takes it and is paid through WeChat Pay for the rest.
      const again = await app.http.post('/v1/orders', {
        token: shopper.token,
        body: { items: [{ productId: product.id, quantity: 1 }], giftCardIds: [giftCard.id] },
      });
      expect(again.body).toMatchObject({ giftCardFen: 1_000, totalFen: 2_000 });
      expect((await payAndSettle(app, shopper, again.body)).status).toBe('paid');
      const end = await cardRow(giftCard.id);
      expect(end).toEqual({ balance: 0, held: 0, ledger: 0, redeemed: 10_000 });
      expect(await card(app, shopper, giftCard.id)).toMatchObject({ status: 'spent' });
      await expectLedgerConsistent(app, merchant);
    },
  );

  describe('offline codes', () => {
    let codes: Array<{ code: string; pin: string }>;

    beforeAll(async () => {
      const made = await app.http.post(`/v1/merchant/gift-card-products/${cardProduct.id}/codes`, {
        token: merchant.apiKey,
        body: { count: 3 },
      });
      expect(made.status).toBe(201);
      codes = made.body.codes;
    });

    it('are shown once: the database keeps neither code nor PIN', async () => {
      expect(codes).toHaveLength(3);
      for (const { code, pin } of codes) {
        expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{12}$/);
        expect(pin).toMatch(/^\d{6}$/);
      }
      const dump = JSON.stringify(await app.db.query('SELECT * FROM gift_card_codes'));
      for (const { code, pin } of codes) {
        expect(dump).not.toContain(code);
        expect(dump).not.toContain(`"${pin}"`);
      }
    });

    itConcurrently('a correct code issues its card once under 3 concurrent redeemers', async () => {
      const [{ code, pin }] = codes;
      const redeemers = await Promise.all([loginShopper(app), loginShopper(app), loginShopper(app)]);
      const answers = await Promise.all(
        redeemers.map((who, i) =>
          (i % 2 === 0 ? app : second).http.post('/v1/gift-cards/redeem-code', {
            token: who.token,
            body: { code, pin },
          }),
        ),
      );
      const won = answers.filter((answer) => answer.status === 201);
      expect(won).toHaveLength(1);
      expect(won[0].body).toMatchObject({ status: 'active', balanceFen: 10_000, faceValueFen: 10_000 });
      for (const lost of answers.filter((answer) => answer.status !== 201)) {
        expectError(lost, 404, 'GIFT_CARD_CODE_INVALID');
      }
      const issued = await app.db.query(`SELECT id FROM gift_cards WHERE issue_key LIKE 'code:%'`);
      expect(issued).toHaveLength(1);
      await expectLedgerConsistent(app, merchant);
    });

    it('60 wrong code or PIN guesses are rate limited', async () => {
      const guesser: TestShopper = await loginShopper(app);
      const [, { code }] = codes;
      const statuses: number[] = [];
      for (let round = 0; round < 6; round++) {
        const answers = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            (i % 2 === 0 ? app : second).http.post('/v1/gift-cards/redeem-code', {
              token: guesser.token,
              // Half guess a PIN of a real code, half a code.
              body:
                i % 2 === 0
                  ? { code, pin: String(round * 10 + i).padStart(6, '0') }
                  : { code: 'ABCDEFGHJKMN', pin: '000000' },
            }),
          ),
        );
        statuses.push(...answers.map((answer) => answer.status));
      }
      expect(statuses.filter((status) => status === 404).length).toBeLessThanOrEqual(10);
      expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(50);
      expect(statuses.every((status) => status === 404 || status === 429)).toBe(true);
      // The right code and PIN still wait for their own shopper; the guesser's limit does not spend them.
      const rightful = await loginShopper(app);
      const [, unspent] = codes;
      const redeemed = await app.http.post('/v1/gift-cards/redeem-code', { token: rightful.token, body: unspent });
      expect(redeemed.status).toBe(201);
    });
  });
});
