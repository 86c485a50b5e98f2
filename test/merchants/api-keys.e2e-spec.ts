import { createMerchant, expectError, TestMerchant } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const HOUR = 60 * 60 * 1000;

describe('merchant account and API key rotation', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const me = (apiKey: string) => app.http.get('/v1/merchant/me', { token: apiKey });
  const rotate = (apiKey: string, idempotencyKey?: string) =>
    app.http.post('/v1/merchant/api-keys/rotate', { token: apiKey, idempotencyKey });

  it('GET /v1/merchant/me answers who the key belongs to, and nothing secret', async () => {
    const merchant = await createMerchant(app, 'Lotus Tea House');
    const response = await me(merchant.apiKey);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ id: merchant.id, name: 'Lotus Tea House', createdAt: expect.any(String) });
    expectError(await me('ek_' + 'x'.repeat(43)), 401, 'UNAUTHENTICATED');
  });

  it('rotation: the new key works, the old one until its expiry 24 h later, then 401 at once', async () => {
    const merchant = await createMerchant(app);
    // Warm the verified-key cache with the old key: its cache entry must not carry it past its expiry.
    expect((await me(merchant.apiKey)).status).toBe(200);
    const rotated = await rotate(merchant.apiKey);
    expect(rotated.status).toBe(201);
    expect(rotated.body).toEqual({ apiKey: expect.stringMatching(/^ek_/), previousKeyExpiresAt: expect.any(String) });
    const expiresAt = new Date(rotated.body.previousKeyExpiresAt).getTime();
    expect(Math.abs(expiresAt - (app.clock.now().getTime() + 24 * HOUR))).toBeLessThan(60_000);
    expect(rotated.body.apiKey).not.toBe(merchant.apiKey);

    expect((await me(rotated.body.apiKey)).body.id).toBe(merchant.id);
    expect((await me(merchant.apiKey)).body.id).toBe(merchant.id);

    app.clock.advance(expiresAt - app.clock.now().getTime() - 1000);
    expect((await me(merchant.apiKey)).status).toBe(200);
    app.clock.advance(1001);
    expectError(await me(merchant.apiKey), 401, 'UNAUTHENTICATED');
    expect((await me(rotated.body.apiKey)).status).toBe(200);
  });

  it('rotating again within the 24 h stops the older key at once: never more than two keys', async () => {
    const merchant: TestMerchant = await createMerchant(app);
    const first = await rotate(merchant.apiKey);
    expect((await me(merchant.apiKey)).status).toBe(200);
    const second = await rotate(first.body.apiKey);
    expect(second.status).toBe(201);
    expectError(await me(merchant.apiKey), 401, 'UNAUTHENTICATED');
    expect((await me(first.body.apiKey)).status).toBe(200);
    expect((await me(second.body.apiKey)).status).toBe(200);
    // The second rotation's overlap runs from the second rotation.
    app.clock.advance(24 * HOUR + 1000);
    expectError(await me(first.body.apiKey), 401, 'UNAUTHENTICATED');
    expect((await me(second.body.apiKey)).status).toBe(200);
  });

  it('only the current key may rotate: the previous one is 403 and cannot take the account back', async () => {
    const merchant = await createMerchant(app);
    const rotated = await rotate(merchant.apiKey);
    expectError(await rotate(merchant.apiKey), 403, 'FORBIDDEN');
    expect((await me(rotated.body.apiKey)).status).toBe(200);
    expect((await me(merchant.apiKey)).status).toBe(200);
  });

  it('of concurrent rotations with one key exactly one wins', async () => {
    const merchant = await createMerchant(app);
    const answers = await Promise.all(Array.from({ length: 5 }, () => rotate(merchant.apiKey)));
    const winners = answers.filter((answer) => answer.status === 201);
    expect(winners).toHaveLength(1);
    for (const answer of answers.filter((a) => a.status !== 201)) expectError(answer, 403, 'FORBIDDEN');
    expect((await me(winners[0].body.apiKey)).status).toBe(200);
  });

  it('a repeat with the same Idempotency-Key returns the same new key and rotates nothing', async () => {
    const merchant = await createMerchant(app);
    const first = await rotate(merchant.apiKey, 'rotate-1');
    const again = await rotate(merchant.apiKey, 'rotate-1');
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    // Had it rotated twice, the original key would have been displaced at once.
    expect((await me(merchant.apiKey)).status).toBe(200);
    expect((await me(first.body.apiKey)).status).toBe(200);
    const stored = JSON.stringify(await app.db.query('SELECT * FROM idempotency_keys'));
    expect(stored).not.toContain(first.body.apiKey);
  });

  it('keys stay apart: each merchant sees only itself', async () => {
    const a = await createMerchant(app, 'A');
    const b = await createMerchant(app, 'B');
    await rotate(a.apiKey);
    expect((await me(b.apiKey)).body.name).toBe('B');
  });
});

describe('API key rotation across two instances of the service', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ database: a.db });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('a key replaced by a second rotation on one instance is refused at once on the other', async () => {
    const merchant = await createMerchant(a);
    const first = await a.http.post('/v1/merchant/api-keys/rotate', { token: merchant.apiKey });
    // B verifies the original key as a previous key: were that remembered, B would keep accepting it below.
    expect((await b.http.get('/v1/merchant/me', { token: merchant.apiKey })).status).toBe(200);
    expect((await a.http.post('/v1/merchant/api-keys/rotate', { token: first.body.apiKey })).status).toBe(201);
    expectError(await b.http.get('/v1/merchant/me', { token: merchant.apiKey }), 401, 'UNAUTHENTICATED');
  });
});
