import { createMerchant, expectError, TestMerchant } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('request validation', () => {
  let app: TestApp;
  let merchant: TestMerchant;

  beforeAll(async () => {
    app = await startTestApp();
    merchant = await createMerchant(app);
  });
  afterAll(() => app.close());

  const createProduct = (body: unknown) => app.http.post('/v1/merchant/products', { token: merchant.apiKey, body });
  const productCount = async () =>
    Number((await app.db.query<{ n: string }>('SELECT count(*) AS n FROM products'))[0].n);

  function expectFieldError(response: { status: number; body: any }, field: string): void {
    expectError(response, 400, 'VALIDATION_FAILED');
    expect(response.body.error.details.map((detail: { field: string }) => detail.field)).toContain(field);
  }

  it.each([
    ['a string price', { sku: 'A-1', name: 'Tea', priceFen: '100' }, 'priceFen'],
    ['a negative price', { sku: 'A-1', name: 'Tea', priceFen: -1 }, 'priceFen'],
    ['a non-integer price', { sku: 'A-1', name: 'Tea', priceFen: 99.5 }, 'priceFen'],
    ['a price above the money range', { sku: 'A-1', name: 'Tea', priceFen: 10_000_000_001 }, 'priceFen'],
    ['a price beyond safe integers', { sku: 'A-1', name: 'Tea', priceFen: 2 ** 60 }, 'priceFen'],
    ['a zero price', { sku: 'A-1', name: 'Tea', priceFen: 0 }, 'priceFen'],
    ['a missing name', { sku: 'A-1', priceFen: 100 }, 'name'],
    ['a number as sku', { sku: 12, name: 'Tea', priceFen: 100 }, 'sku'],
    ['an sku with spaces', { sku: 'A 1', name: 'Tea', priceFen: 100 }, 'sku'],
    ['an unknown field', { sku: 'A-1', name: 'Tea', priceFen: 100, discount: 5 }, 'discount'],
  ])('refuses %s with 400 naming the field, and stores nothing', async (_case, body, field) => {
    expectFieldError(await createProduct(body), field);
    expect(await productCount()).toBe(0);
  });

  it('refuses a body that is not an object', async () => {
    expectError(await createProduct([1, 2]), 400, 'VALIDATION_FAILED');
    expectError(await createProduct('text'), 400, 'VALIDATION_FAILED');
  });

  it('refuses malformed JSON', async () => {
    const response = await app.http.post('/v1/merchant/products', {
      token: merchant.apiKey,
      rawBody: '{"sku": "A-1",',
    });
    expectError(response, 400, 'VALIDATION_FAILED');
  });

  it.each([
    ['__proto__ at the top', '{"sku":"A-1","name":"Tea","priceFen":100,"__proto__":{"isAdmin":true}}'],
    ['__proto__ nested', '{"sku":"A-1","name":"Tea","priceFen":100,"x":{"__proto__":{"polluted":1}}}'],
    ['constructor.prototype', '{"sku":"A-1","name":"Tea","priceFen":100,"constructor":{"prototype":{"polluted":1}}}'],
  ])('refuses prototype-pollution keys (%s)', async (_case, rawBody) => {
    expectError(
      await app.http.post('/v1/merchant/products', { token: merchant.apiKey, rawBody }),
      400,
      'VALIDATION_FAILED',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await productCount()).toBe(0);
  });

  it('refuses a 5 MB body with 413', async () => {
    const rawBody = JSON.stringify({ sku: 'A-1', name: 'x'.repeat(5 * 1024 * 1024), priceFen: 100 });
    expectError(
      await app.http.post('/v1/merchant/products', { token: merchant.apiKey, rawBody }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expect(await productCount()).toBe(0);
  });

  it.each(['0', '101', '-1', '2.5', 'ten'])('refuses ?limit=%s', async (limit) => {
    expectFieldError(await app.http.get(`/v1/merchant/products?limit=${limit}`, { token: merchant.apiKey }), 'limit');
  });

  it('refuses a cursor it did not issue', async () => {
    expectFieldError(
      await app.http.get('/v1/merchant/products?cursor=not-a-cursor', { token: merchant.apiKey }),
      'cursor',
    );
  });

  it('refuses unknown query parameters', async () => {
    expectFieldError(await app.http.get('/v1/merchant/products?sort=price', { token: merchant.apiKey }), 'sort');
  });

  it('accepts the valid request after all that', async () => {
    const response = await createProduct({ sku: 'A-1', name: 'Tea', priceFen: 100 });
    expect(response.status).toBe(201);
    expect(await productCount()).toBe(1);
  });
});
