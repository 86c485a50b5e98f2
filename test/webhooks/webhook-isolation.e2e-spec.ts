import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, TestDatabase } from '../support/database';
import { createMerchant, createProduct, loginShopper, TestMerchant } from '../support/fixtures';
import { HttpClient } from '../support/http-client';
import { startService } from '../support/service-process';
import { startTestApp, TestApp } from '../support/test-app';
import { testEnvironment } from '../support/test-env';
import { createEndpoint, WebhookReceiver } from './webhook-receiver';

/** Dispatch on the job timers (every 100 ms) and on commit, as in production. */
const TIMERS = { jobs: true, env: { JOB_INTERVAL_MS: '100' } };

/** Real time, on a condition: the database says so, or the bound passes. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function cancelOrders(app: { http: HttpClient }, shopperToken: string, productId: string, count: number) {
  for (let i = 0; i < count; i++) {
    const placed = await app.http.post('/v1/orders', {
      token: shopperToken,
      body: { items: [{ productId, quantity: 1 }] },
    });
    expect(placed.status).toBe(201);
    const cancelled = await app.http.post(`/v1/orders/${placed.body.id}/cancel`, { token: shopperToken });
    expect(cancelled.status).toBe(200);
  }
}

describe('a receiver that hangs', () => {
  let app: TestApp;
  let hanging: WebhookReceiver;
  let healthy: WebhookReceiver;

  beforeAll(async () => {
    // Hanging attempts must still be open when the test looks, however slow the machine: a 60 s timeout.
    app = await startTestApp({ ...TIMERS, env: { ...TIMERS.env, WEBHOOK_TIMEOUT_MS: '60000' } });
    hanging = await WebhookReceiver.start(() => 'hang');
    healthy = await WebhookReceiver.start();
  });
  afterAll(async () => {
    // Receivers first: the hanging requests end at once instead of at their timeout.
    await hanging.close();
    await healthy.close();
    await app.close();
  });

  it('does not delay another merchant: its events arrive within 2 s while the hanging ones are still open', async () => {
    const slow = await createMerchant(app, 'Slow ERP');
    const fast = await createMerchant(app, 'Fast ERP');
    const slowGoods = await createProduct(app, slow, { priceFen: 100 });
    const fastGoods = await createProduct(app, fast, { priceFen: 100 });
    await createEndpoint(app, slow, hanging.url);
    await createEndpoint(app, fast, healthy.url);
    const shopper = await loginShopper(app);

    // More events than the hanging endpoint may have in flight: the rest wait for its slots, not anyone else's.
    await cancelOrders(app, shopper.token, slowGoods.id, 12);
    await hanging.waitFor(4);
    await cancelOrders(app, shopper.token, fastGoods.id, 5);
    await healthy.waitFor(5, () => true, 2_000);

    expect(healthy.received.every((hook) => hook.json.merchantId === fast.id)).toBe(true);
    // No attempt at the hanging receiver has ended yet (each waits out its 60 s): the fast ones did not queue behind.
    const slowAttempts = await app.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM webhook_deliveries WHERE merchant_id = $1 AND last_attempt_at IS NOT NULL',
      [slow.id],
    );
    expect(slowAttempts[0].n).toBe(0);
    // A bounded number in flight per endpoint: four of twelve.
    expect(hanging.received).toHaveLength(4);
  });
});

describe('two instances dispatching', () => {
  let first: TestApp;
  let second: TestApp;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    first = await startTestApp(TIMERS);
    second = await startTestApp({ ...TIMERS, database: first.db, redisKeyPrefix: first.redisKeyPrefix ?? undefined });
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await second.close();
    await first.close();
    await receiver.close();
  });

  it('deliver each event once at the receiver', async () => {
    const merchant: TestMerchant = await createMerchant(first, 'Two instances');
    const goods = await createProduct(first, merchant, { priceFen: 300 });
    await createEndpoint(first, merchant, receiver.url);
    const shopper = await loginShopper(first);
    await Promise.all([
      cancelOrders(first, shopper.token, goods.id, 15),
      cancelOrders(second, shopper.token, goods.id, 15),
    ]);
    const settled = await eventually(
      () =>
        first.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'succeeded'`),
      ([row]) => row.n === 30,
    );
    expect(settled[0].n).toBe(30);
    expect(receiver.received).toHaveLength(30);
    expect(new Set(receiver.received.map((hook) => hook.headers['webhook-id'])).size).toBe(30);
  });
});

// Needs a Postgres server: the killed process must not take the database down with it.
const withServer = testEnvironment().postgresMode === 'server' ? describe : describe.skip;

withServer('a crash between commit and delivery', () => {
  const ADMIN_TOKEN = 'webhook-crash-admin-token-0123456789';
  let db: TestDatabase;
  let dataDir: string;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    db = await freshDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'engage-webhook-crash-'));
    receiver = await WebhookReceiver.start(() => 'hang');
  });
  afterAll(async () => {
    await receiver.close();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing: the event in flight when the service was killed arrives after restart, same webhook-id', async () => {
    const env = {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      ADMIN_TOKEN,
      JWT_SECRET: 'webhook-crash-jwt-secret-0123456789abcdef',
      LOG_LEVEL: 'fatal',
      JOB_INTERVAL_MS: '100',
      // The lease of a claimed delivery is twice this plus 5 s: 7 s, which the test moves past after the kill.
      WEBHOOK_TIMEOUT_MS: '1000',
    };
    let service = await startService(env);
    const http = new HttpClient(service.url);
    const merchant = (await http.post('/v1/merchants', { token: ADMIN_TOKEN, body: { name: 'Crash' } })).body;
    const product = (
      await http.post('/v1/merchant/products', {
        token: merchant.apiKey,
        body: { sku: 'W-1', name: 'Tea', priceFen: 500 },
      })
    ).body;
    const endpoint = (
      await http.post('/v1/merchant/webhook-endpoints', {
        token: merchant.apiKey,
        body: { url: receiver.url, events: ['order.cancelled'] },
      })
    ).body;
    const login = (await http.post('/v1/auth/wechat-login', { body: { code: 'sandbox:webhook-crash' } })).body;
    await cancelOrders({ http }, login.token, product.id, 1);

    // The request is at the receiver, unanswered, when the service dies.
    const [first] = await receiver.waitFor(1);
    service.child.kill('SIGKILL');
    await service.exited;
    receiver.answerWith(() => 200);
    // The dead instance's lease on the delivery (2 × WEBHOOK_TIMEOUT_MS + 5 s) runs out here at once: moved back by
    // its length, as if that much time had passed, rather than waited out.
    const leased = await db.query(
      `UPDATE webhook_deliveries
       SET leased_until = leased_until - interval '7 seconds', next_attempt_at = next_attempt_at - interval '7 seconds'
       WHERE endpoint_id = $1 AND leased_until IS NOT NULL RETURNING id`,
      [endpoint.id],
    );
    expect(leased).toHaveLength(1);

    service = await startService(env);
    try {
      const [, again] = await receiver.waitFor(2);
      expect(again.headers['webhook-id']).toBe(first.headers['webhook-id']);
      expect(again.json).toMatchObject({ type: 'order.cancelled', merchantId: merchant.id });
      const restarted = new HttpClient(service.url);
      const deliveries = await eventually(
        async () =>
          (await restarted.get(`/v1/merchant/webhook-endpoints/${endpoint.id}/deliveries`, { token: merchant.apiKey }))
            .body.items,
        (items: any[]) => items[0]?.status === 'succeeded',
      );
      expect(deliveries).toEqual([expect.objectContaining({ status: 'succeeded', attempts: 2, lastStatusCode: 200 })]);
    } finally {
      await service.stop();
    }
  });
});
