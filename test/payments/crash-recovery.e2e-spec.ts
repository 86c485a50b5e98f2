import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, TestDatabase } from '../support/database';
import { HttpClient } from '../support/http-client';
import { startService } from '../support/service-process';
import { testEnvironment } from '../support/test-env';

const ADMIN_TOKEN = 'crash-test-admin-token-0123456789';

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// Needs a Postgres server: the killed process must not take the database down with it.
const withServer = testEnvironment().postgresMode === 'server' ? describe : describe.skip;

withServer('a crash between a state change and its outbox delivery', () => {
  let db: TestDatabase;
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await freshDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'engage-crash-'));
    env = {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      ADMIN_TOKEN,
      JWT_SECRET: 'crash-test-jwt-secret-0123456789abcdef',
      LOG_LEVEL: 'fatal',
    };
  });
  afterAll(async () => {
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing: after a SIGKILL and a restart the event is delivered', async () => {
    // 1. A paid order.
    let service = await startService({ ...env, JOB_INTERVAL_MS: '100' });
    let http = new HttpClient(service.url);
    const merchant = (await http.post('/v1/merchants', { token: ADMIN_TOKEN, body: { name: 'Crash' } })).body;
    const product = (
      await http.post('/v1/merchant/products', {
        token: merchant.apiKey,
        body: { sku: 'C-1', name: 'Tea', priceFen: 5000 },
      })
    ).body;
    const login = (await http.post('/v1/auth/wechat-login', { body: { code: 'sandbox:crash-shopper' } })).body;
    const order = (
      await http.post('/v1/orders', { token: login.token, body: { items: [{ productId: product.id, quantity: 1 }] } })
    ).body;
    expect(
      (await http.post(`/v1/sandbox/payments/${order.payment.outTradeNo}/pay`, { token: login.token, body: {} }))
        .status,
    ).toBe(202);
    const paid = await eventually(
      () => http.get(`/v1/orders/${order.id}`, { token: login.token }),
      (r) => r.body.status === 'paid',
    );
    expect(paid.body.status).toBe('paid');
    await service.stop('SIGKILL');

    // 2. A refund accepted (its row and outbox event committed), then the process killed before any job runs.
    service = await startService({ ...env, JOB_INTERVAL_MS: '3600000' });
    http = new HttpClient(service.url);
    const refund = await http.post(`/v1/merchant/orders/${order.id}/refunds`, {
      token: merchant.apiKey,
      body: { amountFen: 2000, reason: 'crash' },
    });
    expect(refund.status).toBe(201);
    expect(await db.query("SELECT status FROM outbox_messages WHERE topic = 'refund.requested'")).toEqual([
      { status: 'pending' },
    ]);
    expect(await service.stop('SIGKILL')).toBeNull();
    expect(await db.query('SELECT 1 FROM sandbox_refunds')).toHaveLength(0);

    // 3. Restarted: the outbox delivers the event, the refund reaches the provider once and settles.
    service = await startService({ ...env, JOB_INTERVAL_MS: '100' });
    http = new HttpClient(service.url);
    try {
      const refunded = await eventually(
        () => http.get(`/v1/orders/${order.id}`, { token: login.token }),
        (r) => r.body.refundedFen === 2000,
      );
      expect(refunded.body).toMatchObject({ status: 'partially_refunded', refundedFen: 2000 });
      expect(await db.query("SELECT status FROM outbox_messages WHERE topic = 'refund.requested'")).toEqual([
        { status: 'delivered' },
      ]);
      expect(await db.query('SELECT amount_fen FROM sandbox_refunds')).toEqual([{ amount_fen: '2000' }]);
    } finally {
      await service.stop();
    }
  });
});
