import { parse } from 'csv-parse/sync';
import {
  createMerchant,
  createProduct,
  expectError,
  loginShopper,
  TestMerchant,
  TestShopper,
} from '../support/fixtures';
import { payAndSettle, placeOrder } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';

const HEADER = [
  'id',
  'createdAt',
  'kind',
  'status',
  'shopperId',
  'subtotalFen',
  'discountFen',
  'totalFen',
  'refundedFen',
  'paidAt',
  'couponId',
  'items',
  'itemNames',
];

describe('GET /v1/merchant/orders.csv: columns, escaping, CSV injection, range, tenancy', () => {
  let app: TestApp;
  let merchant: TestMerchant;
  let shopper: TestShopper;

  beforeAll(async () => {
    app = await startTestApp();
    merchant = await createMerchant(app);
    shopper = await loginShopper(app);
  });
  afterAll(() => app.close());

  const csv = (query = '', token = merchant.apiKey) => app.http.get(`/v1/merchant/orders.csv${query}`, { token });
  const records = (text: string): string[][] => parse(text);

  it('one line per order after a header, oldest first; names with commas, quotes, newlines and formulas round-trip', async () => {
    const own = await createMerchant(app);
    const names = [
      'Tea, green',
      'The "best" cup',
      'Two\nlines\r\nthree',
      '=HYPERLINK("http://evil.example","click")',
      '+1 cup',
      '-2 cups',
      '@SUM(A1)',
      '\tTab first',
      '\rCarriage return first',
      '\uFF1D1+1 (full-width =)',
      '\uFF20x (full-width @)',
      'a=b, not first',
      'plain',
    ];
    const orders = [];
    for (const name of names) {
      const product = await createProduct(app, own, { name, priceFen: 1500 });
      app.clock.advance(1000);
      orders.push({ order: await placeOrder(app, shopper, [{ productId: product.id, quantity: 2 }]), product, name });
    }
    const paid = await payAndSettle(app, shopper, orders[0].order);

    const response = await csv('', own.apiKey);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, ...rows] = records(response.text);
    expect(header).toEqual(HEADER);
    expect(rows).toEqual(
      orders.map(({ order, product, name }, index) => [
        order.id,
        order.createdAt,
        'standard',
        index === 0 ? 'paid' : 'pending_payment',
        shopper.id,
        '3000',
        '0',
        '3000',
        '0',
        index === 0 ? paid.paidAt : '',
        '',
        `${product.id} x 2 @ 1500`,
        // OWASP: a cell a spreadsheet would read as a formula starts with ' (the rest is the name as it is).
        /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(name) ? `'${name}` : name,
      ]),
    );
  });

  it('from (inclusive) and to (exclusive) bound createdAt; a bad range is 400 as JSON; another merchant sees none', async () => {
    const own = await createMerchant(app);
    const product = await createProduct(app, own);
    const placed = [];
    for (let i = 0; i < 3; i++) {
      app.clock.advance(1000);
      placed.push(await placeOrder(app, shopper, [{ productId: product.id, quantity: 1 }]));
    }
    const at = (order: { createdAt: string }) => encodeURIComponent(order.createdAt);
    const ids = async (query: string, token = own.apiKey) =>
      records((await csv(query, token)).text)
        .slice(1)
        .map((row) => row[0]);
    expect(await ids(`?from=${at(placed[1])}`)).toEqual([placed[1].id, placed[2].id]);
    expect(await ids(`?to=${at(placed[1])}`)).toEqual([placed[0].id]);
    expect(await ids(`?from=${at(placed[0])}&to=${at(placed[2])}`)).toEqual([placed[0].id, placed[1].id]);
    // Only the header for a merchant with no orders in it (never another merchant's).
    expect(records((await csv('')).text)).toEqual([HEADER]);
    for (const query of [
      '?from=last-week',
      '?to=2026-02-30T00:00:00Z',
      '?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z',
      '?status=paid',
    ]) {
      expectError(await csv(query, own.apiKey), 400, 'VALIDATION_FAILED');
    }
    expectError(await csv('', 'ek_not-a-key'), 401, 'UNAUTHENTICATED');
  });
});
