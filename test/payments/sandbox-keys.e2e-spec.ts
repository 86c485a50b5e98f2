import { SandboxDeliveryJob } from '../../src/payments/sandbox/jobs/sandbox-delivery.job';
import { freshDatabase } from '../support/database';
import { startTestApp, TestApp } from '../support/test-app';
import { PublishedKeys, sdkVerifiesPaySign } from './support/sdk';
import { gatewayOf, jsapiRequest } from './support/sandbox';

describe('sandbox account keys', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const publishedKeys = async (of: TestApp = app): Promise<PublishedKeys> => {
    const response = await of.http.get('/v1/sandbox/keys');
    expect(response.status).toBe(200);
    return response.body;
  };

  it('GET /v1/sandbox/keys (no auth) publishes what a client SDK needs, and no private key', async () => {
    const keys = await publishedKeys();
    expect(keys).toEqual({
      appId: expect.stringMatching(/^wx[0-9a-f]{16}$/),
      mchId: expect.stringMatching(/^\d{10}$/),
      platformSerial: expect.stringMatching(/^PUB_KEY_ID_01\d{32}$/),
      platformPublicKeyPem: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----\n/),
      merchantPublicKeyPem: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----\n/),
      apiV3Key: expect.stringMatching(/^[0-9A-Za-z]{32}$/),
    });
    expect(keys.platformPublicKeyPem).not.toBe(keys.merchantPublicKeyPem);
    const [row] = await app.db.query<Record<string, string>>('SELECT * FROM sandbox_keys');
    expect(row.merchant_serial).toMatch(/^[0-9A-F]{40}$/);
    expect((await app.http.get('/v1/sandbox/keys')).text).not.toContain('PRIVATE KEY');
  });

  it('the paySign of a created order verifies with the published SDK and the merchant public key', async () => {
    const keys = await publishedKeys();
    const { payParams } = await gatewayOf(app).createJsapiOrder(jsapiRequest(app));
    expect(payParams.appId).toBe(keys.appId);
    expect(sdkVerifiesPaySign(payParams, keys.merchantPublicKeyPem)).toBe(true);
    expect(
      sdkVerifiesPaySign({ ...payParams, nonceStr: payParams.nonceStr.toLowerCase() + 'x' }, keys.merchantPublicKeyPem),
    ).toBe(false);
    expect(sdkVerifiesPaySign(payParams, keys.platformPublicKeyPem)).toBe(false);
  });

  it('without PAYMENT_NOTIFY_URL, notifications go to this service’s own webhook', () => {
    expect(app.app.get(SandboxDeliveryJob).notifyUrl()).toBe(`${app.url}/v1/payments/wechat/notify`);
  });

  it('survive a restart: a second instance on the same database reads the same keys', async () => {
    const before = await publishedKeys();
    const again = await startTestApp({ database: app.db });
    try {
      expect(await publishedKeys(again)).toEqual(before);
    } finally {
      await again.close();
    }
    expect(await app.db.query('SELECT 1 FROM sandbox_keys')).toHaveLength(1);
  });

  it('two instances starting together on an empty database agree on one account', async () => {
    const database = await freshDatabase();
    const [first, second] = await Promise.all([startTestApp({ database }), startTestApp({ database })]);
    try {
      expect(await publishedKeys(first)).toEqual(await publishedKeys(second));
      expect(await database.query('SELECT 1 FROM sandbox_keys')).toHaveLength(1);
    } finally {
      await Promise.all([first.close(), second.close()]);
      await database.drop();
    }
  });
});
