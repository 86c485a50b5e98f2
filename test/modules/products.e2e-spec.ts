import { createMerchant, createProduct, expectError, loginShopper } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('products', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('creates a product with the contract fields, readable by any shopper', async () => {
    const merchant = await createMerchant(app);
    const created = await app.http.post('/v1/merchant/products', {
      token: merchant.apiKey,
      body: { sku: 'TEA-1', name: 'Oolong', priceFen: 2590 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      sku: 'TEA-1',
      name: 'Oolong',
      priceFen: 2590,
      status: 'active',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    const shopper = await loginShopper(app);
    const read = await app.http.get(`/v1/products/${created.body.id}`, { token: shopper.token });
    expect(read.body).toEqual(created.body);
  });

  it('keeps merchants apart: another merchant sees 404, lists only its own, may reuse the sku', async () => {
    const a = await createMerchant(app, 'A');
    const b = await createMerchant(app, 'B');
    const productOfA = await createProduct(app, a, { sku: 'SHARED-SKU' });
    expectError(await app.http.get(`/v1/merchant/products/${productOfA.id}`, { token: b.apiKey }), 404, 'NOT_FOUND');
    expect((await app.http.get(`/v1/merchant/products/${productOfA.id}`, { token: a.apiKey })).status).toBe(200);
    const listOfB = await app.http.get('/v1/merchant/products', { token: b.apiKey });
    expect(listOfB.body).toEqual({ items: [], nextCursor: null });
    expect((await createProduct(app, b, { sku: 'SHARED-SKU' })).sku).toBe('SHARED-SKU');
  });

  it('pages through a list with cursors: newest first, every product once', async () => {
    const merchant = await createMerchant(app);
    const created: string[] = [];
    for (let i = 0; i < 7; i++) {
      created.push((await createProduct(app, merchant, { sku: `PAGE-${i}` })).id);
      app.clock.advance(1000);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=3&cursor=${cursor}` : '?limit=3';
      const page = await app.http.get(`/v1/merchant/products${query}`, { token: merchant.apiKey });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...created].reverse());
  });

  it('defaults to 20 a page', async () => {
    const merchant = await createMerchant(app);
    for (let i = 0; i < 21; i++) await createProduct(app, merchant, { sku: `DEF-${i}` });
    const page = await app.http.get('/v1/merchant/products', { token: merchant.apiKey });
    expect(page.body.items).toHaveLength(20);
    expect(page.body.nextCursor).toEqual(expect.any(String));
  });
});
