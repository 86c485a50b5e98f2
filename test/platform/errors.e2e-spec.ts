import { createMerchant, createProduct, expectError, loginShopper } from '../support/fixtures';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';

describe('error envelope and codes', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '20' } });
  });
  afterAll(() => app.close());

  it('401 UNAUTHENTICATED without credentials, or with a malformed header', async () => {
    expectError(await app.http.get('/v1/merchant/products'), 401, 'UNAUTHENTICATED');
    expectError(
      await app.http.get('/v1/merchant/products', { headers: { authorization: 'Basic abc' } }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(await app.http.get('/v1/merchant/products', { token: 'ek_nonsense' }), 401, 'UNAUTHENTICATED');
  });

  it('401 INVALID_LOGIN_CODE for a code the auth adapter refuses', async () => {
    for (const code of ['abc', 'sandbox:', 'sandbox:has space', `sandbox:${'x'.repeat(65)}`]) {
      expectError(await app.http.post('/v1/auth/wechat-login', { body: { code } }), 401, 'INVALID_LOGIN_CODE');
    }
  });

  it('403 FORBIDDEN for a valid credential of the wrong kind', async () => {
    const shopper = await loginShopper(app);
    expectError(await app.http.get('/v1/merchant/products', { token: shopper.token }), 403, 'FORBIDDEN');
  });

  it('404 NOT_FOUND for unknown routes and ids, malformed ids included', async () => {
    const shopper = await loginShopper(app);
    expectError(await app.http.get('/v1/nothing-here'), 404, 'NOT_FOUND');
    expectError(
      await app.http.get('/v1/products/00000000-0000-4000-8000-000000000000', { token: shopper.token }),
      404,
      'NOT_FOUND',
    );
    expectError(await app.http.get("/v1/products/1'%20OR%201=1", { token: shopper.token }), 404, 'NOT_FOUND');
  });

  it('409 SKU_TAKEN for a duplicate sku', async () => {
    const merchant = await createMerchant(app);
    await createProduct(app, merchant, { sku: 'DUP-1' });
    const again = await app.http.post('/v1/merchant/products', {
      token: merchant.apiKey,
      body: { sku: 'DUP-1', name: 'Again', priceFen: 1 },
    });
    expectError(again, 409, 'SKU_TAKEN');
  });

  it('415 for a body that is not JSON', async () => {
    const merchant = await createMerchant(app);
    const response = await app.http.post('/v1/merchant/products', {
      token: merchant.apiKey,
      rawBody: '<xml/>',
      headers: { 'content-type': 'application/xml' },
    });
    expectError(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('429 RATE_LIMITED past the per-caller limit, without slowing other callers', async () => {
    const shopper = await loginShopper(app);
    const other = await loginShopper(app);
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      statuses.push(
        (await app.http.get('/v1/products/00000000-0000-4000-8000-000000000000', { token: shopper.token })).status,
      );
    }
    expect(statuses.slice(0, 20).every((status) => status === 404)).toBe(true);
    const limited = await app.http.get('/v1/products/00000000-0000-4000-8000-000000000000', { token: shopper.token });
    expectError(limited, 429, 'RATE_LIMITED');
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(
      (await app.http.get('/v1/products/00000000-0000-4000-8000-000000000000', { token: other.token })).status,
    ).toBe(404);
  });

  it('500 INTERNAL with a correlation id and no stack when something of ours breaks', async () => {
    const merchant = await createMerchant(app);
    await app.db.query('ALTER TABLE products RENAME TO products_broken');
    try {
      const response = await app.http.post('/v1/merchant/products', {
        token: merchant.apiKey,
        body: { sku: 'X', name: 'X', priceFen: 1 },
      });
      expectError(response, 500, 'INTERNAL');
      expect(response.body.error.message).toMatch(/correlation id [0-9a-f-]{36}/);
      expect(response.text).not.toMatch(/\bat \S+\.(ts|js):\d+|products_broken|does not exist/);
    } finally {
      await app.db.query('ALTER TABLE products_broken RENAME TO products');
    }
  });

  it('admin route refuses a merchant key (403) and a wrong token (401)', async () => {
    const merchant = await createMerchant(app);
    expectError(
      await app.http.post('/v1/merchants', { token: merchant.apiKey, body: { name: 'x' } }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await app.http.post('/v1/merchants', { token: `${TEST_ADMIN_TOKEN}x`, body: { name: 'x' } }),
      401,
      'UNAUTHENTICATED',
    );
  });
});
