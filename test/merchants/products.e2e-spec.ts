import { templateBody } from '../coupons/coupon-fixtures';
import { createMerchant, createProduct, expectError, loginShopper, TestMerchant } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { readAllPages } from './paging';

describe('merchant products: list filters, edits, archiving', () => {
  let app: TestApp;
  let merchant: TestMerchant;

  beforeAll(async () => {
    app = await startTestApp();
    merchant = await createMerchant(app);
  });
  afterAll(() => app.close());

  const patch = (id: string, body: unknown, token = merchant.apiKey) =>
    app.http.request('PATCH', `/v1/merchant/products/${id}`, { token, body });
  const list = (query: string, token = merchant.apiKey) => app.http.get(`/v1/merchant/products?${query}`, { token });
  const skus = (response: { body: { items: Array<{ sku: string }> } }) => response.body.items.map((p) => p.sku);

  it('filters by status and by q (name or sku, any case, % and _ taken literally), newest first', async () => {
    const own = await createMerchant(app);
    await createProduct(app, own, { sku: 'TEA-OOLONG', name: 'Oolong tea' });
    await createProduct(app, own, { sku: 'CUP-1', name: 'Tea cup' });
    await createProduct(app, own, { sku: 'JAR-1', name: '100% jasmine' });
    const archived = await createProduct(app, own, { sku: 'TEA-OLD', name: 'Old tea' });
    expect((await patch(archived.id, { status: 'archived' }, own.apiKey)).status).toBe(200);

    expect(skus(await list('', own.apiKey))).toEqual(['TEA-OLD', 'JAR-1', 'CUP-1', 'TEA-OOLONG']);
    expect(skus(await list('status=active', own.apiKey))).toEqual(['JAR-1', 'CUP-1', 'TEA-OOLONG']);
    expect(skus(await list('status=archived', own.apiKey))).toEqual(['TEA-OLD']);
    expect(skus(await list('q=tEa', own.apiKey))).toEqual(['TEA-OLD', 'CUP-1', 'TEA-OOLONG']);
    expect(skus(await list('q=cup-', own.apiKey))).toEqual(['CUP-1']);
    expect(skus(await list('q=tea&status=active', own.apiKey))).toEqual(['CUP-1', 'TEA-OOLONG']);
    expect(skus(await list(`q=${encodeURIComponent('0%')}`, own.apiKey))).toEqual(['JAR-1']);
    expect(skus(await list('q=_', own.apiKey))).toEqual([]);
    // Another merchant's products never show, whatever the filter.
    expect(skus(await list('q=tea'))).toEqual([]);
  });

  it('PATCH changes name, price and status and answers the product', async () => {
    const product = await createProduct(app, merchant, { sku: 'EDIT-1', name: 'Tpyo', priceFen: 1000 });
    const edited = await patch(product.id, { name: 'Typo fixed', priceFen: 1200 });
    expect(edited.status).toBe(200);
    expect(edited.body).toEqual({ ...product, name: 'Typo fixed', priceFen: 1200, status: 'active' });
    const archived = await patch(product.id, { status: 'archived' });
    expect(archived.body).toEqual({ ...edited.body, status: 'archived' });
    expect((await app.http.get(`/v1/merchant/products/${product.id}`, { token: merchant.apiKey })).body).toEqual(
      archived.body,
    );
  });

  it('a price change never alters orders already placed; new orders take the new price', async () => {
    const shopper = await loginShopper(app);
    const product = await createProduct(app, merchant, { priceFen: 2500 });
    const placed = await app.http.post('/v1/orders', {
      token: shopper.token,
      body: { items: [{ productId: product.id, quantity: 2 }] },
    });
    expect(placed.status).toBe(201);
    expect((await patch(product.id, { priceFen: 9900 })).status).toBe(200);
    const reread = await app.http.get(`/v1/orders/${placed.body.id}`, { token: shopper.token });
    expect(reread.body.items).toEqual([{ productId: product.id, quantity: 2, unitPriceFen: 2500 }]);
    expect(reread.body.totalFen).toBe(5000);
    const later = await app.http.post('/v1/orders', {
      token: shopper.token,
      body: { items: [{ productId: product.id, quantity: 1 }] },
    });
    expect(later.body.items[0].unitPriceFen).toBe(9900);
  });

  it('an archived product is hidden from shoppers (404) and cannot be ordered (404); active again, it sells', async () => {
    const shopper = await loginShopper(app);
    const product = await createProduct(app, merchant);
    await patch(product.id, { status: 'archived' });
    expectError(await app.http.get(`/v1/products/${product.id}`, { token: shopper.token }), 404, 'NOT_FOUND');
    const order = () =>
      app.http.post('/v1/orders', { token: shopper.token, body: { items: [{ productId: product.id, quantity: 1 }] } });
    expectError(await order(), 404, 'NOT_FOUND');
    expectError(
      await app.http.post('/v1/coupons/quote', {
        token: shopper.token,
        body: { items: [{ productId: product.id, quantity: 1 }] },
      }),
      404,
      'NOT_FOUND',
    );
    await patch(product.id, { status: 'active' });
    expect((await app.http.get(`/v1/products/${product.id}`, { token: shopper.token })).status).toBe(200);
    expect((await order()).status).toBe(201);
  });

  it("a new coupon template cannot be scoped to an archived product (400, as for a product not the merchant's)", async () => {
    const product = await createProduct(app, merchant);
    await patch(product.id, { status: 'archived' });
    const template = await app.http.post('/v1/merchant/coupon-templates', {
      token: merchant.apiKey,
      body: { ...templateBody(app), productIds: [product.id] },
    });
    expectError(template, 400, 'VALIDATION_FAILED');
  });

  it("another merchant's product, or an unknown id, is 404 and is left unchanged", async () => {
    const other = await createMerchant(app);
    const product = await createProduct(app, merchant, { name: 'Mine', priceFen: 100 });
    expectError(await patch(product.id, { name: 'Stolen' }, other.apiKey), 404, 'NOT_FOUND');
    expectError(await patch('6d0f8a64-3b4c-4d55-9a2e-1f0e2d3c4b5a', { name: 'x' }), 404, 'NOT_FOUND');
    expectError(await patch('not-an-id', { name: 'x' }), 404, 'NOT_FOUND');
    const read = await app.http.get(`/v1/merchant/products/${product.id}`, { token: merchant.apiKey });
    expect(read.body).toMatchObject({ name: 'Mine', priceFen: 100, status: 'active' });
  });

  it.each([
    [{ priceFen: 0 }],
    [{ priceFen: -1 }],
    [{ priceFen: '100' }],
    [{ priceFen: 1.5 }],
    [{ name: '' }],
    [{ status: 'deleted' }],
    [{ sku: 'NEW-SKU' }],
    [{ name: 'x', colour: 'red' }],
    [{}],
  ])('PATCH with bad input %j is 400 in the envelope', async (body) => {
    const product = await createProduct(app, merchant);
    const response = await patch(product.id, body);
    expectError(response, 400, 'VALIDATION_FAILED');
    expect(Array.isArray(response.body.error.details)).toBe(true);
  });

  it.each(['status=deleted', 'q=', `q=${'x'.repeat(201)}`, 'limit=0', 'cursor=zzz', 'colour=red'])(
    'a list query %s is 400',
    async (query) => {
      expectError(await list(query), 400, 'VALIDATION_FAILED');
    },
  );

  it('pages a filtered list without losing or repeating a row while products are added between pages', async () => {
    const own = await createMerchant(app);
    const before: string[] = [];
    for (let i = 0; i < 10; i++) before.push((await createProduct(app, own, { sku: `KEEP-${i}` })).id);
    let n = 0;
    const seen = await readAllPages<{ id: string; status: string }>(
      app,
      '/v1/merchant/products?status=active',
      own.apiKey,
      {
        limit: 3,
        between: async () => {
          await createProduct(app, own, { sku: `ADDED-${n++}` });
        },
      },
    );
    expect(seen.map((p) => p.id)).toEqual([...before].reverse());
    expect(seen.every((p) => p.status === 'active')).toBe(true);
  });
});
