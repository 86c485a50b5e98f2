import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSandboxAccount, SandboxAccount } from '../../../src/payments/sandbox/domain/sandbox-account';
import { freshDatabase, TestDatabase } from '../../support/database';
import { startTestApp, TestApp, TestAppOptions } from '../../support/test-app';

/** The adapters a payment suite runs against: the in-process sandbox, and the WeChat Pay v3 adapter over HTTP. */
export type GatewayUnderTest = 'sandbox' | 'wechatpay';
export const GATEWAYS: readonly GatewayUnderTest[] = ['sandbox', 'wechatpay'];

/**
 * The application with PAYMENT_GATEWAY=`gateway`. For `wechatpay`, the adapter talks over HTTP to this same
 * service's sandbox /v3 surface (WECHATPAY_BASE_URL is its own URL), so the sandbox's state, faults and settings
 * are the ones the suite arranges. The sandbox account is written before the start, and its keys handed to the
 * adapter as key files, the way an operator configures the real one.
 */
export async function startAppWith(gateway: GatewayUnderTest, options: TestAppOptions = {}): Promise<TestApp> {
  if (gateway === 'sandbox') return startTestApp(options);
  const database = options.database ?? (await freshDatabase());
  const account = generateSandboxAccount();
  await seedSandboxAccount(database, account);
  const keyDir = mkdtempSync(join(tmpdir(), 'engage-wechatpay-'));
  try {
    const env = { ...wechatpayEnv(account, keyDir), ...options.env };
    // The port is chosen before the start, as the configuration names it; another process may take it first.
    for (let attempt = 1; ; attempt += 1) {
      const port = await freePort();
      try {
        const app = await startTestApp({
          ...options,
          database,
          port,
          env: { ...env, WECHATPAY_BASE_URL: `http://127.0.0.1:${port}` },
        });
        return withCleanup(app, () => (options.database ? Promise.resolve() : database.drop()));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt === 5) throw error;
      }
    }
  } finally {
    // The configuration read the files at start-up.
    rmSync(keyDir, { recursive: true, force: true });
  }
}

function wechatpayEnv(account: SandboxAccount, keyDir: string): Record<string, string> {
  const merchantKeyFile = join(keyDir, 'apiclient_key.pem');
  const platformKeyFile = join(keyDir, 'pub_key.pem');
  writeFileSync(merchantKeyFile, account.merchantPrivateKeyPem);
  writeFileSync(platformKeyFile, account.platformPublicKeyPem);
  return {
    PAYMENT_GATEWAY: 'wechatpay',
    // With another gateway the sandbox's routes (its /v3 paths among them) exist only when asked for.
    ALLOW_SANDBOX: 'true',
    WECHATPAY_MCH_ID: account.mchId,
    WECHATPAY_APP_ID: account.appId,
    WECHATPAY_MCH_SERIAL: account.merchantSerial,
    WECHATPAY_MCH_PRIVATE_KEY_FILE: merchantKeyFile,
    WECHATPAY_API_V3_KEY: account.apiV3Key,
    WECHATPAY_PLATFORM_PUBLIC_KEY_FILE: platformKeyFile,
    WECHATPAY_PLATFORM_SERIAL: account.platformSerial,
  };
}

/** Row 1 of sandbox_keys, which SandboxKeyStore then loads instead of making its own. */
async function seedSandboxAccount(database: TestDatabase, account: SandboxAccount): Promise<void> {
  await database.query(
    `INSERT INTO sandbox_keys (id, app_id, mch_id, merchant_serial, merchant_private_key_pem, merchant_public_key_pem,
       platform_serial, platform_private_key_pem, platform_public_key_pem, api_v3_key, created_at)
     VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, now())`,
    [
      account.appId,
      account.mchId,
      account.merchantSerial,
      account.merchantPrivateKeyPem,
      account.merchantPublicKeyPem,
      account.platformSerial,
      account.platformPrivateKeyPem,
      account.platformPublicKeyPem,
      account.apiV3Key,
    ],
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The app's close also drops the database this helper made. */
function withCleanup(app: TestApp, dropDatabase: () => Promise<void>): TestApp {
  const close = app.close.bind(app);
  return {
    ...app,
    async close() {
      await close();
      await dropDatabase();
    },
  };
}
