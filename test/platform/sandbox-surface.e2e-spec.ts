import { createMerchant, createProduct, expectError, loginShopper } from '../support/fixtures';
import { startAppWith } from '../payments/support/gateway-under-test';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';

/** A production deployment with the real login adapter (it needs no network to start). */
const PRODUCTION = {
  NODE_ENV: 'production',
  WECHAT_AUTH: 'wechat',
  WECHAT_APP_ID: 'wx0123456789abcdef',
  WECHAT_APP_SECRET: 'sandbox-surface-app-secret',
  WECHAT_API_BASE_URL: 'http://127.0.0.1:9',
};

const NOT_REGISTERED = '404 NOT_FOUND';

/**
 * Every kind of sandbox route, as "status code": the keys, the simulated shopper paying (an unknown trade),
 * fault-injection settings (admin), code2Session.
 */
async function sandboxAnswers(app: TestApp): Promise<string[]> {
  const answers = await Promise.all([
    app.http.get('/v1/sandbox/keys'),
    app.http.post('/v1/sandbox/payments/no-such-trade/pay', { body: {} }),
    app.http.get('/v1/sandbox/settings', { token: TEST_ADMIN_TOKEN }),
    app.http.get('/sns/jscode2session?appid=wx1&secret=s&js_code=sandbox:o1&grant_type=authorization_code'),
  ]);
  return answers.map((r) => `${r.status} ${r.body?.error?.code ?? ''}`.trim());
}

const SERVED = ['200', '404 ORDER_NOT_EXIST', '200', '200'];

describe('the sandbox routes in production', () => {
  describe('without ALLOW_SANDBOX', () => {
    let app: TestApp;

    beforeAll(async () => {
      // Production on the sandbox gateway without ALLOW_SANDBOX does not start (config.spec.ts, startup.e2e-spec.ts):
      // the flag is turned off after loading, to show what the application registers then. The wechatpay case
      // below shows the same with a configuration that starts as it is.
      app = await startTestApp({
        env: { ...PRODUCTION, ALLOW_SANDBOX: 'true' },
        config: (loaded) => ({ ...loaded, allowSandbox: false }),
      });
    });
    afterAll(() => app.close());

    it('registers none of them: each is 404 in the contract envelope', async () => {
      expect(await sandboxAnswers(app)).toEqual(Array(4).fill(NOT_REGISTERED));
      expectError(await app.http.get('/v1/sandbox/keys'), 404, 'NOT_FOUND');
      expectError(
        await app.http.post('/v1/sandbox/faults', { token: TEST_ADMIN_TOKEN, body: { operation: 'prepay' } }),
        404,
        'NOT_FOUND',
      );
    });

    it('does not document them', async () => {
      const paths = Object.keys((await app.http.get('/docs-json')).body.paths);
      expect(paths).toContain('/v1/auth/wechat-login');
      expect(paths.filter((path) => path.startsWith('/v1/sandbox') || path.startsWith('/sns'))).toEqual([]);
    });

    it('serves the rest of the API', async () => {
      const merchant = await createMerchant(app);
      expect((await createProduct(app, merchant)).id).toEqual(expect.any(String));
      expect((await app.http.get('/health/ready')).status).toBe(200);
    });
  });

  describe('with ALLOW_SANDBOX=true', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp({ env: { ...PRODUCTION, PAYMENT_GATEWAY: 'sandbox', ALLOW_SANDBOX: 'true' } });
    });
    afterAll(() => app.close());

    it('serves them, as outside production', async () => {
      expect(await sandboxAnswers(app)).toEqual(SERVED);
      const paths = Object.keys((await app.http.get('/docs-json')).body.paths);
      expect(paths).toEqual(expect.arrayContaining(['/v1/sandbox/keys', '/sns/jscode2session']));
    });
  });
});

describe('the sandbox routes with PAYMENT_GATEWAY=wechatpay', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startAppWith('wechatpay', { env: { ALLOW_SANDBOX: 'false' } });
  });
  afterAll(() => app.close());

  it('are not registered without ALLOW_SANDBOX, even outside production (API.md: 404 with another gateway)', async () => {
    expect(await sandboxAnswers(app)).toEqual(Array(4).fill(NOT_REGISTERED));
    expectError(await app.http.get('/v3/pay/transactions/out-trade-no/NONE?mchid=1'), 404, 'NOT_FOUND');
  });
});

describe('the sandbox routes outside production', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('are served without ALLOW_SANDBOX', async () => {
    expect(await sandboxAnswers(app)).toEqual(SERVED);
    expect((await loginShopper(app)).token).toEqual(expect.any(String));
  });
});
