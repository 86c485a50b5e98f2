import { Client } from 'pg';
import { createMerchant, expectError, TestMerchant } from '../support/fixtures';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';
import { testEnvironment } from '../support/test-env';

// Embedded PGlite runs one transaction at a time: a second connection holding the key would block everything.
const withConcurrentTransactions = testEnvironment().postgresMode === 'server' ? it : it.skip;

describe('Idempotency-Key', () => {
  let app: TestApp;
  let merchant: TestMerchant;

  beforeAll(async () => {
    app = await startTestApp({ env: { IDEMPOTENCY_WAIT_MS: '1000' } });
    merchant = await createMerchant(app);
  });
  afterAll(() => app.close());

  const create = (key: string, body: unknown, token = merchant.apiKey) =>
    app.http.post('/v1/merchant/products', { token, body, idempotencyKey: key });
  const countSku = async (sku: string) =>
    Number((await app.db.query<{ n: string }>('SELECT count(*) AS n FROM products WHERE sku = $1', [sku]))[0].n);

  it('replays the first response (same status, same body) and changes nothing', async () => {
    const body = { sku: 'IDEM-1', name: 'Tea', priceFen: 100 };
    const first = await create('key-1', body);
    const second = await create('key-1', { priceFen: 100, name: 'Tea', sku: 'IDEM-1' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(await countSku('IDEM-1')).toBe(1);
  });

  it('refuses the same key with another body: 409 IDEMPOTENCY_KEY_REUSED', async () => {
    await create('key-2', { sku: 'IDEM-2', name: 'Tea', priceFen: 100 });
    expectError(await create('key-2', { sku: 'IDEM-2', name: 'Tea', priceFen: 101 }), 409, 'IDEMPOTENCY_KEY_REUSED');
    expect(await countSku('IDEM-2')).toBe(1);
  });

  it('scopes keys per caller', async () => {
    const other = await createMerchant(app);
    const body = { sku: 'IDEM-3', name: 'Tea', priceFen: 100 };
    const mine = await create('shared-key', body);
    const theirs = await create('shared-key', body, other.apiKey);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('two concurrent requests with one key create one product and answer alike', async () => {
    const body = { sku: 'IDEM-4', name: 'Tea', priceFen: 100 };
    const responses = await Promise.all(Array.from({ length: 6 }, () => create('key-4', body)));
    expect(responses.map((response) => response.status)).toEqual(Array(6).fill(201));
    expect(new Set(responses.map((response) => response.body.id)).size).toBe(1);
    expect(await countSku('IDEM-4')).toBe(1);
  });

  it('does not store a failure: a retry after a refused request runs again', async () => {
    expectError(await create('key-5', { sku: 'IDEM 5', name: 'Tea', priceFen: 100 }), 400, 'VALIDATION_FAILED');
    const rows = await app.db.query("SELECT 1 FROM idempotency_keys WHERE key = 'key-5'");
    expect(rows).toHaveLength(0);
  });

  withConcurrentTransactions(
    '409 IDEMPOTENCY_KEY_IN_USE when the first request holds the key past the wait',
    async () => {
      const holder = new Client({ connectionString: app.db.url });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query(
          "INSERT INTO idempotency_keys (caller_scope, key, fingerprint, created_at) VALUES ($1, 'key-6', $2, now())",
          [`merchant:${merchant.id}`, 'f'.repeat(64)],
        );
        expectError(
          await create('key-6', { sku: 'IDEM-6', name: 'Tea', priceFen: 100 }),
          409,
          'IDEMPOTENCY_KEY_IN_USE',
        );
        await holder.query('ROLLBACK');
      } finally {
        await holder.end();
      }
      expect((await create('key-6', { sku: 'IDEM-6', name: 'Tea', priceFen: 100 })).status).toBe(201);
    },
  );

  it.each([
    ['an empty key', ''],
    ['a 256-character key', 'k'.repeat(256)],
  ])('refuses %s', async (_case, key) => {
    expectError(await create(key, { sku: 'IDEM-7', name: 'Tea', priceFen: 100 }), 400, 'VALIDATION_FAILED');
  });
});

describe('Idempotency-Key on merchant creation', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('replays the API key to a retry while the table never holds it readable', async () => {
    const create = () =>
      app.http.post('/v1/merchants', { token: TEST_ADMIN_TOKEN, body: { name: 'Once' }, idempotencyKey: 'm-1' });
    const first = await create();
    const again = await create();
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const stored = await app.db.query<{ response_body: unknown }>(
      "SELECT response_body FROM idempotency_keys WHERE key = 'm-1'",
    );
    expect(JSON.stringify(stored)).not.toContain(first.body.apiKey);
    expect((await app.db.query("SELECT 1 FROM merchants WHERE name = 'Once'")).length).toBe(1);
    expect((await app.http.get('/v1/merchant/products', { token: again.body.apiKey })).status).toBe(200);
  });
});
