import { dayIn } from '../../src/modules/lucky-draw/domain/draw-day';
import { createMerchant, createProduct, expectError, loginShopper, TestMerchant } from '../support/fixtures';
import { payAndSettle, placeOrder, settleEverything } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 60 * 60 * 1000;
const KINDS = ['standard', 'flash_sale', 'group_buy'];

/** Every calendar date from `first` to `last` (YYYY-MM-DD), in order. */
function datesBetween(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let at = Date.parse(`${first}T00:00:00Z`); at <= Date.parse(`${last}T00:00:00Z`); at += DAY) {
    dates.push(new Date(at).toISOString().slice(0, 10));
  }
  return dates;
}

describe('GET /v1/merchant/dashboard/daily: the figures per calendar day of a timezone', () => {
  let app: TestApp;
  let merchant: TestMerchant;

  beforeAll(async () => {
    app = await startTestApp();
    merchant = await createMerchant(app);
  });
  afterAll(() => app.close());

  const at = (offsetMs: number) => new Date(app.clock.now().getTime() + offsetMs).toISOString();
  const daily = (query: string, token = merchant.apiKey) =>
    app.http.get(`/v1/merchant/dashboard/daily${query}`, { token });
  const range = (from: string, to: string, timezone?: string) =>
    `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${timezone ? `&timezone=${encodeURIComponent(timezone)}` : ''}`;

  /** The same series computed here from the tables, independently of the service's SQL. */
  async function fromTables(from: string, to: string, timezone: string) {
    const orders = await app.db.query<any>(
      `SELECT paid_at, kind, total_fen::int AS total, discount_fen::int AS discount FROM orders
        WHERE merchant_id = $1 AND paid_at >= $2 AND paid_at < $3`,
      [merchant.id, from, to],
    );
    const refunds = await app.db.query<any>(
      `SELECT settled_at, amount_fen::int AS amount FROM order_refunds
        WHERE merchant_id = $1 AND status = 'succeeded' AND settled_at >= $2 AND settled_at < $3`,
      [merchant.id, from, to],
    );
    const last = dayIn(timezone, new Date(Date.parse(to) - 1));
    return datesBetween(dayIn(timezone, new Date(from)), last).map((date) => {
      const paid = orders.filter((order: any) => dayIn(timezone, order.paid_at) === date);
      const figures = (rows: any[]) => ({
        ordersPaid: rows.length,
        revenueFen: rows.reduce((sum, row) => sum + row.total, 0),
        discountFen: rows.reduce((sum, row) => sum + row.discount, 0),
      });
      return {
        date,
        ...figures(paid),
        refundedFen: refunds
          .filter((refund: any) => dayIn(timezone, refund.settled_at) === date)
          .reduce((sum: number, refund: any) => sum + refund.amount, 0),
        byKind: Object.fromEntries(KINDS.map((kind) => [kind, figures(paid.filter((row: any) => row.kind === kind))])),
      };
    });
  }

  it('orders paid and refunds succeeded on three days, every day of the range listed, in two timezones', async () => {
    const product = await createProduct(app, merchant, { priceFen: 10_000 });
    const start = at(-2 * DAY);
    const pay = async () => {
      const shopper = await loginShopper(app);
      const order = await placeOrder(app, shopper, [{ productId: product.id, quantity: 1 }]);
      expect((await payAndSettle(app, shopper, order)).status).toBe('paid');
      return order;
    };
    const first = await pay();
    await app.db.query(`UPDATE orders SET kind = 'group_buy' WHERE id = $1`, [first.id]);
    app.clock.advance(DAY);
    const second = await pay();
    const refund = await app.http.post(`/v1/merchant/orders/${second.id}/refunds`, {
      token: merchant.apiKey,
      body: { amountFen: 3000, reason: 'returned' },
    });
    expect(refund.status).toBe(201);
    await settleEverything(app);
    app.clock.advance(DAY);
    await pay();
    const end = at(60_000);

    for (const timezone of ['Asia/Shanghai', 'America/New_York']) {
      const response = await daily(range(start, end, timezone));
      expect(response.status).toBe(200);
      const expected = await fromTables(start, end, timezone);
      expect(response.body).toEqual({ from: start, to: end, timezone, days: expected });
      expect(expected.reduce((sum, day) => sum + day.ordersPaid, 0)).toBe(3);
      expect(expected.reduce((sum, day) => sum + day.refundedFen, 0)).toBe(3000);
    }
  });

  it('counts days in Asia/Shanghai by default, and an empty range has no days', async () => {
    const to = at(0);
    const response = await daily(range(at(-DAY), to));
    expect(response.status).toBe(200);
    expect(response.body.timezone).toBe('Asia/Shanghai');
    expect(response.body.days.map((day: any) => day.date)).toEqual(
      datesBetween(
        dayIn('Asia/Shanghai', new Date(Date.parse(to) - DAY)),
        dayIn('Asia/Shanghai', new Date(Date.parse(to) - 1)),
      ),
    );
    expect((await daily(range(to, to))).body.days).toEqual([]);
  });

  it('refuses an unknown timezone, a range over 92 days and from after to, at the field', async () => {
    for (const [query, field] of [
      [range(at(-DAY), at(0), 'Mars/Olympus_Mons'), 'timezone'],
      [range(at(-93 * DAY), at(0)), 'from'],
      [range(at(0), at(-DAY)), 'from'],
      [`?from=yesterday`, 'from'],
    ]) {
      const response = await daily(query);
      expectError(response, 400, 'VALIDATION_FAILED');
      expect(response.body.error.details.map((entry: any) => entry.field)).toEqual([field]);
    }
  });

  it('is for merchants only', async () => {
    expectError(await app.http.get('/v1/merchant/dashboard/daily'), 401, 'UNAUTHENTICATED');
    expectError(await daily('', (await loginShopper(app)).token), 403, 'FORBIDDEN');
  });
});
