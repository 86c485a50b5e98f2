import {
  createMerchant,
  createProduct,
  expectError,
  loginShopper,
  TestMerchant,
  TestShopper,
} from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { at, claimOk, createTemplate, DAY, MINUTE, MODES, templateBody } from './coupon-fixtures';

describe.each(MODES)('coupon templates %s', (_mode, options) => {
  let app: TestApp;
  let merchant: TestMerchant;
  let other: TestMerchant;
  let shopper: TestShopper;

  beforeAll(async () => {
    app = await startTestApp(options);
    merchant = await createMerchant(app, 'Tea shop');
    other = await createMerchant(app, 'Cake shop');
    shopper = await loginShopper(app);
  });
  afterAll(() => app.close());

  const create = (body: Record<string, unknown>, token = merchant.apiKey, idempotencyKey?: string) =>
    app.http.post('/v1/merchant/coupon-templates', { token, body, idempotencyKey });

  /** The fields a 400 names. */
  const refusedFields = async (overrides: Record<string, unknown>) => {
    const response = await create(templateBody(app, overrides));
    expectError(response, 400, 'VALIDATION_FAILED');
    return (response.body.error.details as Array<{ field: string }>).map((detail) => detail.field);
  };

  it('creates a percent_off template with a cap, scope and absolute validity, and reads it back with stats', async () => {
    const tea = await createProduct(app, merchant, { priceFen: 5000 });
    const body = templateBody(app, {
      name: '八折茶叶',
      type: 'percent_off',
      valueFen: undefined,
      percentOff: 20,
      maxDiscountFen: 3000,
      minSpendFen: 10_000,
      totalQuantity: 500,
      perUserLimit: 2,
      validity: { type: 'absolute', startsAt: at(app, 0), endsAt: at(app, 30 * DAY) },
      productIds: [tea.id],
    });
    const created = await create(body);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      merchantId: merchant.id,
      name: '八折茶叶',
      type: 'percent_off',
      valueFen: null,
      percentOff: 20,
      maxDiscountFen: 3000,
      minSpendFen: 10_000,
      distribution: 'public',
      totalQuantity: 500,
      perUserLimit: 2,
      claimStartsAt: body.claimStartsAt,
      claimEndsAt: body.claimEndsAt,
      validity: body.validity,
      productIds: [tea.id],
      createdAt: expect.any(String),
      status: 'active',
      endedAt: null,
      stats: { claimed: 0, used: 0, remaining: 500 },
    });
    const read = await app.http.get(`/v1/merchant/coupon-templates/${created.body.id}`, { token: merchant.apiKey });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('defaults: minSpendFen 0, perUserLimit 1, every product, no cap', async () => {
    const response = await create({
      name: '减10元',
      type: 'amount_off',
      valueFen: 1000,
      distribution: 'public',
      totalQuantity: 10,
      claimStartsAt: at(app, 0),
      claimEndsAt: at(app, DAY),
      validity: { type: 'relative', days: 7 },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      minSpendFen: 0,
      perUserLimit: 1,
      productIds: null,
      maxDiscountFen: null,
      percentOff: null,
      validity: { type: 'relative', days: 7 },
    });
  });

  describe('refuses contradictions with 400 VALIDATION_FAILED naming the field', () => {
    it.each([
      ['a claim window ending before it starts', { claimStartsAt: 'PLUS_HOUR', claimEndsAt: 'NOW' }, ['claimEndsAt']],
      ['a claim window already over', { claimStartsAt: 'MINUS_DAY', claimEndsAt: 'MINUS_HOUR' }, ['claimEndsAt']],
      ['percentOff 0', { type: 'percent_off', valueFen: undefined, percentOff: 0 }, ['percentOff']],
      ['percentOff 100', { type: 'percent_off', valueFen: undefined, percentOff: 100 }, ['percentOff']],
      ['valueFen on a percent coupon', { type: 'percent_off', valueFen: 500, percentOff: 10 }, ['valueFen']],
      ['percentOff on an amount coupon', { percentOff: 10 }, ['percentOff']],
      ['maxDiscountFen on an amount coupon', { maxDiscountFen: 500 }, ['maxDiscountFen']],
      ['an amount coupon without its value', { valueFen: null }, ['valueFen']],
      ['a fractional valueFen', { valueFen: 10.5 }, ['valueFen']],
      ['perUserLimit above totalQuantity', { totalQuantity: 5, perUserLimit: 6 }, ['perUserLimit']],
      ['totalQuantity 0', { totalQuantity: 0 }, ['totalQuantity']],
      ['totalQuantity above 10,000,000', { totalQuantity: 10_000_001 }, ['totalQuantity']],
      ['relative validity of 0 days', { validity: { type: 'relative', days: 0 } }, ['validity.days']],
      ['relative validity of 3651 days', { validity: { type: 'relative', days: 3651 } }, ['validity.days']],
      ['relative validity without days', { validity: { type: 'relative' } }, ['validity.days']],
      [
        'absolute validity ending before it starts',
        { validity: { type: 'absolute', startsAt: 'PLUS_DAY', endsAt: 'PLUS_HOUR' } },
        ['validity.endsAt'],
      ],
      [
        'absolute validity ending before the claim window closes',
        { claimEndsAt: 'PLUS_DAY', validity: { type: 'absolute', startsAt: 'NOW', endsAt: 'PLUS_HOUR' } },
        ['validity.endsAt'],
      ],
      ['an unknown distribution', { distribution: 'lottery' }, ['distribution']],
      ['an empty product scope', { productIds: [] }, ['productIds']],
      ['a date that is not ISO-8601', { claimEndsAt: 'next tuesday' }, ['claimEndsAt']],
      ['an unknown field', { colour: 'red' }, ['colour']],
    ])('%s', async (_case, overrides, fields) => {
      const now = app.clock.now().getTime();
      const instants: Record<string, string> = {
        NOW: new Date(now).toISOString(),
        PLUS_HOUR: new Date(now + 60 * MINUTE).toISOString(),
        PLUS_DAY: new Date(now + DAY).toISOString(),
        MINUS_HOUR: new Date(now - 60 * MINUTE).toISOString(),
        MINUS_DAY: new Date(now - DAY).toISOString(),
      };
      const resolved = JSON.parse(JSON.stringify(overrides), (_key, value) => instants[value] ?? value);
      expect(await refusedFields(resolved)).toEqual(fields);
    });

    it("a product scope naming another merchant's product or an unknown one (400, not 404)", async () => {
      const cake = await createProduct(app, other);
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect(await refusedFields({ productIds: [cake.id] })).toEqual(['productIds']);
      expect(await refusedFields({ productIds: [unknown] })).toEqual(['productIds']);
    });
  });

  it("another merchant's template is 404, as is an unknown one", async () => {
    const template = await createTemplate(app, merchant);
    expectError(
      await app.http.get(`/v1/merchant/coupon-templates/${template.id}`, { token: other.apiKey }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await app.http.post(`/v1/merchant/coupon-templates/${template.id}/codes`, {
        token: other.apiKey,
        body: { count: 1 },
      }),
      404,
      'NOT_FOUND',
    );
    expectError(await app.http.get('/v1/merchant/coupon-templates/nope', { token: merchant.apiKey }), 404, 'NOT_FOUND');
  });

  it('creation honours Idempotency-Key', async () => {
    const body = templateBody(app, { name: 'once' });
    const first = await create(body, merchant.apiKey, 'template-1');
    const again = await create(body, merchant.apiKey, 'template-1');
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expectError(await create({ ...body, name: 'twice' }, merchant.apiKey, 'template-1'), 409, 'IDEMPOTENCY_KEY_REUSED');
    const rows = await app.db.query("SELECT 1 FROM coupon_templates WHERE name = 'once'");
    expect(rows).toHaveLength(1);
  });

  it('lists claimable public templates: open now, not sold out, one merchant or all, page by page', async () => {
    const lister = await createMerchant(app, 'Lister');
    const open = await Promise.all(
      [1, 2, 3].map((n) => createTemplate(app, lister, { name: `open ${n}`, totalQuantity: 2, perUserLimit: 1 })),
    );
    await createTemplate(app, lister, { name: 'code', distribution: 'code' });
    await createTemplate(app, lister, { name: 'prize', distribution: 'prize' });
    await createTemplate(app, lister, {
      name: 'later',
      claimStartsAt: at(app, 10 * MINUTE),
      claimEndsAt: at(app, DAY),
    });
    const soldOut = await createTemplate(app, lister, { name: 'sold out', totalQuantity: 1 });
    await claimOk(app, shopper, soldOut.id);
    await claimOk(app, shopper, open[0].id);

    const list = (query: string) => app.http.get(`/v1/coupon-templates?${query}`, { token: shopper.token });
    const all = await list(`merchantId=${lister.id}`);
    expect(all.status).toBe(200);
    expect(all.body.items.map((t: any) => t.name).sort()).toEqual(['open 1', 'open 2', 'open 3']);
    expect(all.body.items.find((t: any) => t.name === 'open 1')).toMatchObject({ remaining: 1, merchantId: lister.id });
    expect(all.body.items[0].stats).toBeUndefined();

    const first = await list(`merchantId=${lister.id}&limit=2`);
    expect(first.body.items).toHaveLength(2);
    const second = await list(`merchantId=${lister.id}&limit=2&cursor=${first.body.nextCursor}`);
    // Created in parallel on a frozen clock: the page order is by id, so only the union is fixed.
    expect(second.body).toEqual({ items: [expect.any(Object)], nextCursor: null });
    const pages = [...first.body.items, ...second.body.items].map((t: any) => t.name).sort();
    expect(pages).toEqual(['open 1', 'open 2', 'open 3']);

    expect((await list('limit=100')).body.items.length).toBeGreaterThanOrEqual(3);
    expectError(await list('merchantId=nope'), 400, 'VALIDATION_FAILED');
    expectError(await list('limit=101'), 400, 'VALIDATION_FAILED');
  });
});
