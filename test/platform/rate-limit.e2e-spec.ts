import { randomBytes } from 'node:crypto';
import type { HttpResponse, RequestOptions } from '../support/http-client';
import { freshDatabase, TestDatabase } from '../support/database';
import { createMerchant, expectError, loginShopper } from '../support/fixtures';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';

const LIMIT = 5;
const ATTEMPTS = 8;
const NO_PRODUCT = '/v1/products/00000000-0000-4000-8000-000000000000';

/** A 429 in the contract's words: RATE_LIMITED, a Retry-After in whole seconds, no framework class in sight. */
function expectLimited(response: HttpResponse): void {
  expectError(response, 429, 'RATE_LIMITED');
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(response.text).not.toMatch(/Throttler|Exception/);
}

/** The first `allowed` answers have `status`; every later one is a proper 429. */
function expectLimitedAfter(responses: HttpResponse[], allowed: number, status: number): void {
  expect(responses.slice(0, allowed).map((response) => response.status)).toEqual(Array(allowed).fill(status));
  for (const response of responses.slice(allowed)) expectLimited(response);
}

const login = (app: TestApp, options: RequestOptions = {}) =>
  app.http.post('/v1/auth/wechat-login', { ...options, body: { code: `sandbox:${randomBytes(6).toString('hex')}` } });

async function inTurn(count: number, call: (attempt: number) => Promise<HttpResponse>): Promise<HttpResponse[]> {
  const responses: HttpResponse[] = [];
  for (let attempt = 0; attempt < count; attempt++) responses.push(await call(attempt));
  return responses;
}

describe.each([
  ['Redis', true],
  ['in-process', false],
])('rate limits that hold, counted in %s', (_storage, redis) => {
  let app: TestApp | undefined;
  // Each test starts an app of its own (fresh counters: its own Redis prefix, or a new process's memory); the
  // counters are not kept in Postgres, so the apps share one database instead of creating and dropping one each.
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(() => database.drop());

  const start = async (env: Record<string, string> = {}): Promise<TestApp> => {
    app = await startTestApp({ redis, database, env: { RATE_LIMIT_PER_MINUTE: String(LIMIT), ...env } });
    return app;
  };

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('counts logins by the socket address without TRUST_PROXY, whatever X-Forwarded-For says', async () => {
    const app = await start();
    const responses = await inTurn(ATTEMPTS, (attempt) =>
      login(app, { headers: { 'x-forwarded-for': `198.51.100.${attempt + 1}` } }),
    );
    expectLimitedAfter(responses, LIMIT, 200);
  });

  it('counts a credential that proves nothing by address: a different junk bearer each time buys nothing', async () => {
    const app = await start();
    const junk = (attempt: number) =>
      attempt % 2 === 0 ? `junk-${attempt}` : `ek_${randomBytes(32).toString('base64url')}`;
    const responses = await inTurn(ATTEMPTS, (attempt) => login(app, { token: junk(attempt) }));
    expectLimitedAfter(responses, LIMIT, 200);
  });

  it('limits admin-token guesses per address across routes; past the limit not even the right token is compared', async () => {
    const app = await start();
    const merchant = await createMerchant(app);
    const shopper = await loginShopper(app);
    const adminRoutes = ['/v1/merchants', '/v1/sandbox/settings'];
    const guesses = await inTurn(ATTEMPTS, (attempt) =>
      app.http.get(adminRoutes[attempt % adminRoutes.length], { token: `${TEST_ADMIN_TOKEN}-guess-${attempt}` }),
    );
    // Two routes, so neither route's own budget runs out: the failures are counted across them.
    expect(guesses.slice(0, LIMIT).map((response) => response.body.error.code)).toEqual(
      Array(LIMIT).fill('UNAUTHENTICATED'),
    );
    for (const response of guesses.slice(LIMIT)) expectLimited(response);

    expectLimited(await app.http.get('/v1/sandbox/settings', { token: TEST_ADMIN_TOKEN }));
    // Shopper tokens and merchant keys cannot be guessed: their callers at this address are still served.
    expect((await app.http.get(NO_PRODUCT, { token: shopper.token })).status).toBe(404);
    expect((await app.http.get('/v1/merchant/products', { token: merchant.apiKey })).status).toBe(200);
  });

  it('limits merchant-key guesses per address across routes', async () => {
    const app = await start();
    const merchantRoutes = ['/v1/merchant/products', '/v1/merchant/flash-sales', '/v1/merchant/group-buys'];
    const guesses = await inTurn(ATTEMPTS, (attempt) =>
      app.http.get(merchantRoutes[attempt % merchantRoutes.length], {
        token: `ek_${randomBytes(32).toString('base64url')}`,
      }),
    );
    expect(guesses.slice(0, LIMIT).map((response) => response.body.error.code)).toEqual(
      Array(LIMIT).fill('UNAUTHENTICATED'),
    );
    for (const response of guesses.slice(LIMIT)) expectLimited(response);
  });

  it('gives a verified credential a budget of its own, apart from its address and from other callers', async () => {
    const app = await start();
    const shopper = await loginShopper(app);
    const other = await loginShopper(app);
    expectLimitedAfter(await inTurn(ATTEMPTS, () => app.http.get(NO_PRODUCT)), LIMIT, 401);
    expectLimitedAfter(await inTurn(ATTEMPTS, () => app.http.get(NO_PRODUCT, { token: shopper.token })), LIMIT, 404);
    expect((await app.http.get(NO_PRODUCT, { token: other.token })).status).toBe(404);
  });

  it('with TRUST_PROXY=1, gives two clients behind one proxy budgets of their own', async () => {
    const app = await start({ TRUST_PROXY: '1' });
    // What the client put in X-Forwarded-For itself comes first; the proxy appends the address it saw.
    const behindProxy = (client: string, attempt: number) =>
      login(app, { headers: { 'x-forwarded-for': `192.0.2.${attempt + 1}, ${client}` } });
    expectLimitedAfter(await inTurn(ATTEMPTS, (attempt) => behindProxy('203.0.113.1', attempt)), LIMIT, 200);
    expectLimitedAfter(await inTurn(ATTEMPTS, (attempt) => behindProxy('203.0.113.2', attempt)), LIMIT, 200);
  });

  it('with TRUST_PROXY naming proxies, believes X-Forwarded-For from those only', async () => {
    const trusting = await start({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' });
    expectLimitedAfter(
      await inTurn(LIMIT, () => login(trusting, { headers: { 'x-forwarded-for': '203.0.113.1' } })),
      LIMIT,
      200,
    );
    expect((await login(trusting, { headers: { 'x-forwarded-for': '203.0.113.2' } })).status).toBe(200);
    await trusting.close();

    const notOurProxy = await start({ TRUST_PROXY: '10.0.0.0/8' });
    const responses = await inTurn(ATTEMPTS, (attempt) =>
      login(notOurProxy, { headers: { 'x-forwarded-for': `203.0.113.${attempt + 1}` } }),
    );
    expectLimitedAfter(responses, LIMIT, 200);
  });
});

describe('failed authentications on two instances sharing Redis', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    const env = { RATE_LIMIT_PER_MINUTE: String(LIMIT) };
    first = await startTestApp({ redis: true, env });
    second = await startTestApp({ database: first.db, redisKeyPrefix: first.redisKeyPrefix!, env });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('are counted together: guesses spread over both meet 429 within the limit, and both then refuse the right token', async () => {
    const instances = [first, second];
    // Two routes, four guesses on each, so neither route's own budget runs out.
    const routes = ['/v1/merchants', '/v1/sandbox/settings'];
    const guesses = await inTurn(ATTEMPTS, (attempt) =>
      instances[attempt % 2].http.get(routes[Math.floor(attempt / 2) % 2], {
        token: `${TEST_ADMIN_TOKEN}-guess-${attempt}`,
      }),
    );
    expect(guesses.slice(0, LIMIT).map((response) => response.status)).toEqual(Array(LIMIT).fill(401));
    for (const response of guesses.slice(LIMIT)) expectLimited(response);
    for (const [index, instance] of instances.entries()) {
      expectLimited(await instance.http.get(routes[index], { token: TEST_ADMIN_TOKEN }));
    }
  });
});
