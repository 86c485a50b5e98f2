import { createHmac } from 'node:crypto';
import { createMerchant, createProduct, expectError, loginShopper } from '../support/fixtures';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';

describe('callers: admin, merchant, shopper', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('creates a merchant with the admin token; the key is shown once and stored only hashed', async () => {
    const response = await app.http.post('/v1/merchants', { token: TEST_ADMIN_TOKEN, body: { name: 'Lotus Tea' } });
    expect(response.status).toBe(201);
    expect(Object.keys(response.body).sort()).toEqual(['apiKey', 'id', 'name']);
    expect(response.body.apiKey).toMatch(/^ek_[A-Za-z0-9_-]{43}$/);
    const rows = await app.db.query<Record<string, unknown>>('SELECT * FROM merchants WHERE id = $1', [
      response.body.id,
    ]);
    expect(JSON.stringify(rows)).not.toContain(response.body.apiKey.slice(3));
    expect((rows[0].api_key_hash as Buffer).length).toBe(32);
  });

  it('a merchant key opens merchant routes; an altered key does not', async () => {
    const merchant = await createMerchant(app);
    expect((await app.http.get('/v1/merchant/products', { token: merchant.apiKey })).status).toBe(200);
    const last = merchant.apiKey.at(-1) === 'A' ? 'B' : 'A';
    const altered = merchant.apiKey.slice(0, -1) + last;
    expectError(await app.http.get('/v1/merchant/products', { token: altered }), 401, 'UNAUTHENTICATED');
  });

  it('logs a shopper in by sandbox code, the same openid always as the same user', async () => {
    const first = await app.http.post('/v1/auth/wechat-login', { body: { code: 'sandbox:o_same-user_1' } });
    const second = await app.http.post('/v1/auth/wechat-login', { body: { code: 'sandbox:o_same-user_1' } });
    expect(first.status).toBe(200);
    expect(first.body.user).toEqual({ id: expect.any(String), openid: 'o_same-user_1' });
    expect(second.body.user.id).toBe(first.body.user.id);
    expect(first.body.token.split('.')).toHaveLength(3);
  });

  it('keeps the three kinds of caller apart', async () => {
    const merchant = await createMerchant(app);
    const product = await createProduct(app, merchant);
    const shopper = await loginShopper(app);
    // shopper token: shopper routes yes, merchant and admin routes no
    expect((await app.http.get(`/v1/products/${product.id}`, { token: shopper.token })).status).toBe(200);
    expectError(await app.http.get('/v1/merchant/products', { token: shopper.token }), 403, 'FORBIDDEN');
    expectError(await app.http.post('/v1/merchants', { token: shopper.token, body: { name: 'x' } }), 403, 'FORBIDDEN');
    // merchant key: not a shopper, not the platform
    expectError(await app.http.get(`/v1/products/${product.id}`, { token: merchant.apiKey }), 403, 'FORBIDDEN');
    expectError(
      await app.http.post('/v1/merchants', { token: merchant.apiKey, body: { name: 'x' } }),
      403,
      'FORBIDDEN',
    );
    // admin token: not a merchant, not a shopper
    expectError(await app.http.get('/v1/merchant/products', { token: TEST_ADMIN_TOKEN }), 403, 'FORBIDDEN');
    expectError(await app.http.get(`/v1/products/${product.id}`, { token: TEST_ADMIN_TOKEN }), 403, 'FORBIDDEN');
  });

  it('refuses an expired shopper token and one signed with another secret', async () => {
    const shopper = await loginShopper(app);
    const [header, payload] = shopper.token.split('.');
    expectError(
      await app.http.get('/v1/products/00000000-0000-4000-8000-000000000000', { token: `${header}.${payload}.AAAA` }),
      401,
      'UNAUTHENTICATED',
    );
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    expectError(
      await app.http.get('/v1/products/00000000-0000-4000-8000-000000000000', { token: unsigned }),
      401,
      'UNAUTHENTICATED',
    );
    app.clock.advance(app.runtime.config.jwtTtlSeconds * 1000 + 1000);
    try {
      expectError(
        await app.http.get('/v1/products/00000000-0000-4000-8000-000000000000', { token: shopper.token }),
        401,
        'UNAUTHENTICATED',
      );
    } finally {
      app.clock.advance(-(app.runtime.config.jwtTtlSeconds * 1000 + 1000));
    }
  });

  it('refuses a shopper token signed without exp (it would never expire), takes the same with one', async () => {
    const shopper = await loginShopper(app);
    const iat = Math.floor(app.clock.now().getTime() / 1000);
    const signed = (claims: object) => {
      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
      return `${unsigned}.${createHmac('sha256', app.runtime.jwtSecret).update(unsigned).digest('base64url')}`;
    };
    const claims = { sub: shopper.id, openid: shopper.openid, typ: 'shopper', iat };
    expectError(
      await app.http.get('/v1/products/00000000-0000-4000-8000-000000000000', { token: signed(claims) }),
      401,
      'UNAUTHENTICATED',
    );
    const withExp = signed({ ...claims, exp: iat + 600 });
    expectError(
      await app.http.get('/v1/products/00000000-0000-4000-8000-000000000000', { token: withExp }),
      404,
      'NOT_FOUND',
    );
  });

  it('never tells the admin token from a guess on the purchase, answered before Fastify and its per-address limits', async () => {
    const purchase = (token: string) =>
      app.http.post('/v1/flash-sales/00000000-0000-4000-8000-000000000000/purchase', { token, body: {} });
    const right = await purchase(TEST_ADMIN_TOKEN);
    expectError(right, 401, 'UNAUTHENTICATED');
    expect(right.text).toBe((await purchase(`${TEST_ADMIN_TOKEN}-guess`)).text);
  });
});
