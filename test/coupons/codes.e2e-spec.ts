import { createMerchant, expectError, loginShopper, TestMerchant, TestShopper } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import {
  at,
  createTemplate,
  expectRecordConsistent,
  MINUTE,
  MODES,
  statuses,
  templateStats,
  itConcurrently,
} from './coupon-fixtures';

const CODE = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{12}$/;

describe.each(MODES)('coupon codes %s', (_mode, options) => {
  let app: TestApp;
  let merchant: TestMerchant;
  let shoppers: TestShopper[];

  beforeAll(async () => {
    app = await startTestApp(options);
    merchant = await createMerchant(app);
    shoppers = await Promise.all(Array.from({ length: 6 }, () => loginShopper(app)));
  });
  afterAll(() => app.close());

  const generate = (templateId: string, count: number, idempotencyKey?: string, token = merchant.apiKey) =>
    app.http.post(`/v1/merchant/coupon-templates/${templateId}/codes`, { token, body: { count }, idempotencyKey });
  const redeem = (shopper: TestShopper, code: string, idempotencyKey?: string) =>
    app.http.post('/v1/coupons/redeem-code', { token: shopper.token, body: { code }, idempotencyKey });

  async function codesFor(count: number, overrides: Record<string, unknown> = {}) {
    const template = await createTemplate(app, merchant, { distribution: 'code', ...overrides });
    const response = await generate(template.id, count);
    expect(response.status).toBe(201);
    return { template, codes: response.body.codes as string[] };
  }

  it('makes unique, unambiguous codes of 12 symbols, shown once and stored only as digests', async () => {
    const { template, codes } = await codesFor(2500);
    expect(codes).toHaveLength(2500);
    expect(codes.every((code) => CODE.test(code))).toBe(true);
    expect(new Set(codes).size).toBe(2500);
    const rows = await app.db.query<{ code_digest: string }>(
      'SELECT code_digest FROM coupon_codes WHERE template_id = $1',
      [template.id],
    );
    expect(rows).toHaveLength(2500);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.code_digest))).toBe(true);
    const dump = JSON.stringify(await app.db.query('SELECT * FROM coupon_codes WHERE template_id = $1', [template.id]));
    expect(dump).not.toContain(codes[0]);
  });

  it('a replay of the same generation (Idempotency-Key) returns the same codes and makes no more', async () => {
    const template = await createTemplate(app, merchant, { distribution: 'code' });
    const first = await generate(template.id, 5, 'codes-1');
    const again = await generate(template.id, 5, 'codes-1');
    expect(again.body).toEqual(first.body);
    const rows = await app.db.query('SELECT 1 FROM coupon_codes WHERE template_id = $1', [template.id]);
    expect(rows).toHaveLength(5);
    const stored = JSON.stringify(await app.db.query("SELECT * FROM idempotency_keys WHERE key = 'codes-1'"));
    expect(stored).not.toContain(first.body.codes[0]);
  });

  it('codes exist for code templates only (409 COUPON_NOT_CLAIMABLE); count is 1-10000', async () => {
    const open = await createTemplate(app, merchant, { distribution: 'public' });
    const prize = await createTemplate(app, merchant, { distribution: 'prize' });
    expectError(await generate(open.id, 1), 409, 'COUPON_NOT_CLAIMABLE');
    expectError(await generate(prize.id, 1), 409, 'COUPON_NOT_CLAIMABLE');
    const coded = await createTemplate(app, merchant, { distribution: 'code' });
    expectError(await generate(coded.id, 0), 400, 'VALIDATION_FAILED');
    expectError(await generate(coded.id, 10_001), 400, 'VALIDATION_FAILED');
  });

  it('a code redeems into a coupon, typed in any case and with dashes', async () => {
    const { template, codes } = await codesFor(1);
    const typed = `${codes[0].slice(0, 4).toLowerCase()}-${codes[0].slice(4, 8)}-${codes[0].slice(8)}`;
    const response = await redeem(shoppers[0], typed);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ templateId: template.id, status: 'available', orderId: null });
    expectError(await redeem(shoppers[0], codes[0]), 409, 'COUPON_CODE_USED');
    expect(await templateStats(app, merchant, template.id)).toMatchObject({ claimed: 1 });
  });

  itConcurrently('3 concurrent redeemers of one code: exactly one coupon, the others COUPON_CODE_USED', async () => {
    const { template, codes } = await codesFor(1);
    const responses = await Promise.all(shoppers.slice(0, 3).map((shopper) => redeem(shopper, codes[0])));
    expect(statuses(responses)).toEqual({ '201': 1, '409 COUPON_CODE_USED': 2 });
    const record = await expectRecordConsistent(app, template.id, 1);
    expect(record.coupons).toBe(1);
    const [row] = await app.db.query<{ status: string; redeemed_by: string; coupon_id: string }>(
      'SELECT status, redeemed_by, coupon_id FROM coupon_codes WHERE template_id = $1',
      [template.id],
    );
    const winner = responses.find((r) => r.status === 201)!;
    expect(row).toMatchObject({ status: 'redeemed', coupon_id: winner.body.id });
  });

  it("a code follows its template's stock, per-shopper limit and claim window", async () => {
    const { template, codes } = await codesFor(4, { totalQuantity: 2, perUserLimit: 1 });
    expect((await redeem(shoppers[1], codes[0])).status).toBe(201);
    expectError(await redeem(shoppers[1], codes[1]), 409, 'COUPON_LIMIT_REACHED');
    expect((await redeem(shoppers[2], codes[1])).status).toBe(201); // the refused attempt left the code unused
    expectError(await redeem(shoppers[3], codes[2]), 409, 'COUPON_SOLD_OUT');
    await expectRecordConsistent(app, template.id, 1);

    const closing = await codesFor(1, { claimEndsAt: at(app, 2 * MINUTE) });
    app.clock.advance(2 * MINUTE);
    expectError(await redeem(shoppers[1], closing.codes[0]), 409, 'COUPON_NOT_CLAIMABLE');
    const [row] = await app.db.query<{ status: string }>('SELECT status FROM coupon_codes WHERE template_id = $1', [
      closing.template.id,
    ]);
    expect(row.status).toBe('unused');
  });

  it('an unknown code is 404 COUPON_CODE_INVALID', async () => {
    expectError(await redeem(shoppers[4], 'ABCDEFGHJKMN'), 404, 'COUPON_CODE_INVALID');
    expectError(await redeem(shoppers[4], 'not even a code'), 404, 'COUPON_CODE_INVALID');
    expectError(await redeem(shoppers[4], ''), 400, 'VALIDATION_FAILED');
  });

  itConcurrently(
    '60 wrong guesses in a burst: 10 are answered, the other 50 are 429 RATE_LIMITED; a minute later it may try again',
    async () => {
      const guesser = await loginShopper(app);
      const guesses = Array.from({ length: 60 }, (_, i) => `WRONG-GUESS-${i}`);
      const responses = await Promise.all(guesses.map((guess) => redeem(guesser, guess)));
      expect(statuses(responses)).toEqual({ '404 COUPON_CODE_INVALID': 10, '429 RATE_LIMITED': 50 });
      const limited = responses.find((r) => r.status === 429)!;
      expectError(limited, 429, 'RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

      // A right code is refused too while the window is full, and other shoppers are not affected.
      const { codes } = await codesFor(2, { perUserLimit: 1 });
      expectError(await redeem(guesser, codes[0]), 429, 'RATE_LIMITED');
      expect((await redeem(shoppers[5], codes[1])).status).toBe(201);

      app.clock.advance(MINUTE + 1000);
      expect((await redeem(guesser, codes[0])).status).toBe(201);
    },
  );

  it('successful redemptions do not count against the limit; failed ones through an Idempotency-Key do', async () => {
    const redeemer = await loginShopper(app);
    const { codes } = await codesFor(12, { perUserLimit: 12, totalQuantity: 12 });
    for (const code of codes) expect((await redeem(redeemer, code)).status).toBe(201);
    for (let i = 0; i < 10; i++) {
      expectError(await redeem(redeemer, 'ABCDEFGHJKMN', `guess-${i}`), 404, 'COUPON_CODE_INVALID');
    }
    expectError(await redeem(redeemer, 'ABCDEFGHJKMP', 'guess-11'), 429, 'RATE_LIMITED');
  });
});
