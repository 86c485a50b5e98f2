import { randomUUID } from 'node:crypto';
import { ShopperPostDoor } from '../../src/platform/http/shopper-post-door';
import { createTemplate, MODES } from '../coupons/coupon-fixtures';
import { createCampaign } from '../lucky-draw/lucky-draw-fixtures';
import { createMerchant, expectError, loginShopper, TestMerchant } from '../support/fixtures';
import { HttpResponse } from '../support/http-client';
import { Scrape } from '../support/metrics-scrape';
import type { RedisMode } from '../support/redis';
import { startTestApp, TestApp } from '../support/test-app';
import { testEnvironment } from '../support/test-env';

const LIMIT = 4;

/** The parts of an answer that must not depend on which entrance served it. */
const shape = (response: HttpResponse) => ({
  status: response.status,
  type: response.headers.get('content-type'),
  limit: response.headers.get('x-ratelimit-limit'),
  retryAfter: response.headers.get('retry-after'),
  keys: Object.keys(response.body ?? {}).sort(),
  code: response.body?.error?.code ?? null,
});

/** With Redis (the gate counts the budget in its own call), without, and on a cluster (counted just before). */
const DOOR_MODES: Array<[string, { redis: boolean | RedisMode }]> = [
  ...MODES,
  ...(testEnvironment().redisClusterNodes
    ? [['on a Redis Cluster', { redis: 'cluster' as RedisMode }] as [string, { redis: RedisMode }]]
    : []),
];

/**
 * The claim and the draw are answered before Fastify in their common case (ShopperPostDoor) and by their Nest
 * controllers otherwise (an Idempotency-Key sends a request there): both entrances answer alike and share one
 * rate-limit budget.
 */
describe.each(DOOR_MODES)('shopper POSTs answered in front of Fastify %s', (_mode, options) => {
  let app: TestApp;
  let merchant: TestMerchant;
  let taken: jest.SpyInstance;

  beforeAll(async () => {
    app = await startTestApp({ ...options, env: { RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
    merchant = await createMerchant(app);
    // The door's own answering step: called only for the requests it took.
    taken = jest.spyOn(app.app.get(ShopperPostDoor) as unknown as { answer: () => Promise<void> }, 'answer');
  });
  afterAll(() => app.close());
  beforeEach(() => taken.mockClear());

  it('a claim: the door and the controller answer alike, and count against one budget', async () => {
    const template = await createTemplate(app, merchant, { totalQuantity: 100, perUserLimit: 2 });
    const shopper = await loginShopper(app);
    const path = `/v1/coupon-templates/${template.id}/claim`;
    const door = await app.http.post(path, { token: shopper.token });
    expect(taken).toHaveBeenCalledTimes(1);
    const nest = await app.http.post(path, { token: shopper.token, idempotencyKey: 'through-nest' });
    expect(taken).toHaveBeenCalledTimes(1);
    expect(shape(door)).toEqual(shape(nest));
    expect(shape(door)).toMatchObject({ status: 201, limit: String(LIMIT) });
    expect(door.headers.get('x-ratelimit-remaining')).toBe(String(LIMIT - 1));
    expect(nest.headers.get('x-ratelimit-remaining')).toBe(String(LIMIT - 2));

    // A refusal, each way.
    const refusedByDoor = await app.http.post(path, { token: shopper.token, body: {} });
    const refusedByNest = await app.http.post(path, { token: shopper.token, idempotencyKey: 'again' });
    expect(taken).toHaveBeenCalledTimes(2);
    expect(shape(refusedByDoor)).toEqual(shape(refusedByNest));
    expect(refusedByDoor.body.error.code).toBe('COUPON_LIMIT_REACHED');

    // Malformed JSON: the same 400 from the application's parser.
    const badByDoor = await app.http.post(path, { token: shopper.token, rawBody: '{"a":' });
    const badByNest = await app.http.post(path, { token: shopper.token, rawBody: '{"a":', idempotencyKey: 'bad' });
    expect(shape(badByDoor)).toEqual(shape(badByNest));
    expect(badByDoor.status).toBe(400);

    // Four counted (a body refused before the count, on either entrance): the budget (LIMIT a minute) is spent
    // across both entrances, and the next is 429 with Retry-After, either way.
    const overByDoor = await app.http.post(path, { token: shopper.token });
    const overByNest = await app.http.post(path, { token: shopper.token, idempotencyKey: 'over' });
    expect(shape(overByDoor)).toEqual(shape(overByNest));
    expect(overByDoor.status).toBe(429);
    expect(Number(overByDoor.headers.get('retry-after'))).toBeGreaterThan(0);
    // With Redis the door's 429 came from the gate's own call, and is counted as its answer there.
    const gateRefusals = (await Scrape.of(app)).value('engage_gate_attempts_total', {
      gate: 'coupon_claim',
      outcome: 'rate_limited',
    });
    expect(gateRefusals).toBe(options.redis === false ? 0 : 1);
    // Spent, the budget answers before anything else, also for a claim refused before any gate would count it.
    const unknown = await app.http.post(`/v1/coupon-templates/${randomUUID()}/claim`, { token: shopper.token });
    expect(taken).toHaveBeenCalledTimes(4);
    expect(shape(unknown)).toEqual(shape(overByNest));
    // And nothing was taken past it.
    const [row] = await app.db.query<{ issued: number }>('SELECT issued FROM coupon_templates WHERE id = $1', [
      template.id,
    ]);
    expect(row.issued).toBe(2);
  });

  it('a draw: the door and the controller answer alike; unknown ids and other callers are refused alike', async () => {
    const campaign = await createCampaign(app, merchant, { drawsPerUserPerDay: 2 });
    const shopper = await loginShopper(app);
    const path = `/v1/lucky-draws/${campaign.id}/draws`;
    const door = await app.http.post(path, { token: shopper.token });
    const nest = await app.http.post(path, { token: shopper.token, idempotencyKey: 'through-nest' });
    expect(taken).toHaveBeenCalledTimes(1);
    expect(shape(door)).toEqual(shape(nest));
    expect(door.status).toBe(201);

    const other = await loginShopper(app);
    const unknownByDoor = await app.http.post('/v1/lucky-draws/nope/draws', { token: other.token });
    const unknownByNest = await app.http.post('/v1/lucky-draws/nope/draws', {
      token: other.token,
      idempotencyKey: 'x',
    });
    expect(shape(unknownByDoor)).toEqual(shape(unknownByNest));
    expect(unknownByDoor.status).toBe(404);

    // Not a shopper token: left to the controller's guard, as before.
    const merchantCall = await app.http.post(path, { token: merchant.apiKey });
    expect(merchantCall.status).toBe(403);
    expect(taken).toHaveBeenCalledTimes(2);
  });
});

describe.each(testEnvironment().redisUrl ? [['with Redis unreachable']] : [])('the shopper POST door %s', () => {
  it('answers a claim and a draw 503 SERVICE_UNAVAILABLE without waiting on Redis, and writes nothing', async () => {
    const up = await startTestApp();
    // The same database, its Redis a port nothing listens on.
    const down = await startTestApp({ redis: false, database: up.db, env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      const merchant = await createMerchant(up);
      const template = await createTemplate(up, merchant, { totalQuantity: 10, perUserLimit: 1 });
      const campaign = await createCampaign(up, merchant);
      const shopper = await loginShopper(up);
      const started = Date.now();
      const claim = await down.http.post(`/v1/coupon-templates/${template.id}/claim`, { token: shopper.token });
      expectError(claim, 503, 'SERVICE_UNAVAILABLE');
      const draw = await down.http.post(`/v1/lucky-draws/${campaign.id}/draws`, { token: shopper.token });
      expectError(draw, 503, 'SERVICE_UNAVAILABLE');
      // Not held until the connection's stall watchdog (5 s) gives up on the calls: refused as soon as they came.
      expect(Date.now() - started).toBeLessThan(5000);
      const [written] = await up.db.query<{ coupons: number; draws: number }>(
        `SELECT (SELECT count(*) FROM coupons WHERE template_id = $1)::int AS coupons,
                (SELECT count(*) FROM lucky_draw_entries WHERE campaign_id = $2)::int AS draws`,
        [template.id, campaign.id],
      );
      expect(written).toEqual({ coupons: 0, draws: 0 });
    } finally {
      await down.close();
      await up.close();
    }
  });
});
