import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  TEST_API_V3_KEY,
  TEST_MERCHANT_PRIVATE_KEY_PEM,
  TEST_PLATFORM_PUBLIC_KEY_PEM,
} from '../payments/wechatpay/test-vectors';
import { ConfigError, loadConfig } from './config';

describe('loadConfig with PAYMENT_GATEWAY=wechatpay', () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wechatpay-config-'));
    writeFileSync(join(dir, 'apiclient_key.pem'), TEST_MERCHANT_PRIVATE_KEY_PEM);
    writeFileSync(join(dir, 'pub_key.pem'), TEST_PLATFORM_PUBLIC_KEY_PEM);
    writeFileSync(join(dir, 'garbage.pem'), '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    env = {
      PAYMENT_GATEWAY: 'wechatpay',
      WECHATPAY_MCH_ID: '1900000001',
      WECHATPAY_APP_ID: 'wx0123456789abcdef',
      WECHATPAY_MCH_SERIAL: '3775B6A45ACD588826D15E583A95F5DD00000000',
      WECHATPAY_MCH_PRIVATE_KEY_FILE: join(dir, 'apiclient_key.pem'),
      WECHATPAY_API_V3_KEY: TEST_API_V3_KEY,
      WECHATPAY_PLATFORM_PUBLIC_KEY_FILE: join(dir, 'pub_key.pem'),
      WECHATPAY_PLATFORM_SERIAL: 'PUB_KEY_ID_0114232134912410000000000000000000',
    };
  });

  const problem = (changes: Record<string, string | undefined>): string => {
    try {
      loadConfig({ ...env, ...changes });
    } catch (error) {
      if (error instanceof ConfigError) return error.message;
      throw error;
    }
    throw new Error('the configuration was accepted');
  };

  it('reads the settings and the key files; the default host is WeChat Pay', () => {
    expect(loadConfig(env)).toMatchObject({
      paymentGateway: 'wechatpay',
      wechatpay: {
        baseUrl: 'https://api.mch.weixin.qq.com',
        mchId: '1900000001',
        appId: 'wx0123456789abcdef',
        merchantSerial: env.WECHATPAY_MCH_SERIAL,
        merchantPrivateKeyPem: TEST_MERCHANT_PRIVATE_KEY_PEM,
        apiV3Key: TEST_API_V3_KEY,
        platformPublicKeyPem: TEST_PLATFORM_PUBLIC_KEY_PEM,
        platformSerial: env.WECHATPAY_PLATFORM_SERIAL,
      },
    });
    expect(loadConfig({ ...env, WECHATPAY_BASE_URL: 'http://127.0.0.1:3000/' }).wechatpay!.baseUrl).toBe(
      'http://127.0.0.1:3000',
    );
  });

  it('is absent with the sandbox, whatever WECHATPAY_* says', () => {
    expect(loadConfig({ ...env, PAYMENT_GATEWAY: 'sandbox', WECHATPAY_API_V3_KEY: 'short' }).wechatpay).toBeNull();
  });

  it.each([
    'WECHATPAY_MCH_ID',
    'WECHATPAY_APP_ID',
    'WECHATPAY_MCH_SERIAL',
    'WECHATPAY_MCH_PRIVATE_KEY_FILE',
    'WECHATPAY_API_V3_KEY',
    'WECHATPAY_PLATFORM_PUBLIC_KEY_FILE',
    'WECHATPAY_PLATFORM_SERIAL',
  ])('refuses to start without %s, naming it', (variable) => {
    expect(problem({ [variable]: undefined })).toBe(
      `Invalid configuration: ${variable} is required when PAYMENT_GATEWAY=wechatpay`,
    );
    expect(problem({ [variable]: '  ' })).toContain(variable);
  });

  it('refuses unreadable and non-key files, keys of the wrong kind, and a short APIv3 key', () => {
    expect(problem({ WECHATPAY_MCH_PRIVATE_KEY_FILE: join(dir, 'missing.pem') })).toMatch(
      /WECHATPAY_MCH_PRIVATE_KEY_FILE cannot be read \(ENOENT\)/,
    );
    expect(problem({ WECHATPAY_MCH_PRIVATE_KEY_FILE: join(dir, 'garbage.pem') })).toMatch(
      /WECHATPAY_MCH_PRIVATE_KEY_FILE is not an RSA private key in PEM/,
    );
    // The public key where the private one belongs (a classic mix-up), and no key at all.
    expect(problem({ WECHATPAY_MCH_PRIVATE_KEY_FILE: join(dir, 'pub_key.pem') })).toMatch(/not an RSA private key/);
    expect(problem({ WECHATPAY_PLATFORM_PUBLIC_KEY_FILE: join(dir, 'garbage.pem') })).toMatch(
      /WECHATPAY_PLATFORM_PUBLIC_KEY_FILE is not an RSA public key/,
    );
    expect(problem({ WECHATPAY_API_V3_KEY: 'k'.repeat(31) })).toBe(
      'Invalid configuration: WECHATPAY_API_V3_KEY must be 32 bytes',
    );
    expect(problem({ WECHATPAY_MCH_ID: 'merchant-1' })).toMatch(/WECHATPAY_MCH_ID must be the merchant number/);
  });

  it('in production: an https host, and an https PAYMENT_NOTIFY_URL (the notify_url WeChat Pay posts to)', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://u@db:5432/engage',
      ADMIN_TOKEN: 'a'.repeat(32),
      JWT_SECRET: 'j'.repeat(40),
      // The login stays the sandbox's here; this test is about the payment settings.
      ALLOW_SANDBOX: 'true',
      PAYMENT_NOTIFY_URL: 'https://shop.example.com/v1/payments/wechat/notify',
    };
    expect(loadConfig({ ...env, ...production }).wechatpay!.baseUrl).toBe('https://api.mch.weixin.qq.com');
    expect(problem({ ...production, WECHATPAY_BASE_URL: 'http://api.mch.weixin.qq.com' })).toBe(
      'Invalid configuration: WECHATPAY_BASE_URL must use https:, got "http:"',
    );
    expect(problem({ ...production, PAYMENT_NOTIFY_URL: undefined })).toMatch(
      /PAYMENT_NOTIFY_URL must be an https URL/,
    );
    expect(problem({ ...production, PAYMENT_NOTIFY_URL: 'http://shop.example.com/notify' })).toMatch(
      /PAYMENT_NOTIFY_URL must be an https URL/,
    );
  });
});
