import { connectRedis, deleteKeys } from '../support/redis';
import { TestMerchant, TestShopper } from '../support/fixtures';
import { TestApp } from '../support/test-app';
import { testEnvironment } from '../support/test-env';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The two ways the service runs: with Redis as the gate, and with the Postgres adapters alone. */
export const MODES: Array<[string, { redis: boolean }]> = testEnvironment().redisUrl
  ? [
      ['with Redis', { redis: true }],
      ['without REDIS_URL', { redis: false }],
    ]
  : [['without REDIS_URL', { redis: false }]];

/**
 * Tests that fire concurrent requests need a Postgres server: embedded PGlite is one backend behind a socket, and
 * concurrent statements from several connections interleave there (seen as "unnamed prepared statement does not
 * exist" and stalled transactions). On PGlite they are skipped, as test/platform/idempotency does.
 */
export const itConcurrently = testEnvironment().postgresMode === 'server' ? it : it.skip;

/** An instant relative to the app's clock. */
export const at = (app: TestApp, offsetMs: number): string =>
  new Date(app.clock.now().getTime() + offsetMs).toISOString();

/** A template body: public, 10 ¥ off, open now for an hour, valid 30 days from claim, unless overridden. */
export function templateBody(app: TestApp, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Test coupon',
    type: 'amount_off',
    valueFen: 1000,
    distribution: 'public',
    totalQuantity: 100,
    perUserLimit: 1,
    claimStartsAt: at(app, -MINUTE),
    claimEndsAt: at(app, 60 * MINUTE),
    validity: { type: 'relative', days: 30 },
    ...overrides,
  };
}

export async function createTemplate(
  app: TestApp,
  merchant: TestMerchant,
  overrides: Record<string, unknown> = {},
): Promise<any> {
  const response = await app.http.post('/v1/merchant/coupon-templates', {
    token: merchant.apiKey,
    body: templateBody(app, overrides),
  });
  if (response.status !== 201) throw new Error(`creating a template: ${response.status} ${response.text}`);
  return response.body;
}

export const claim = (app: TestApp, shopper: TestShopper, templateId: string, idempotencyKey?: string) =>
  app.http.post(`/v1/coupon-templates/${templateId}/claim`, { token: shopper.token, idempotencyKey });

export async function claimOk(app: TestApp, shopper: TestShopper, templateId: string): Promise<any> {
  const response = await claim(app, shopper, templateId);
  if (response.status !== 201) throw new Error(`claiming: ${response.status} ${response.text}`);
  return response.body;
}

export async function templateStats(app: TestApp, merchant: TestMerchant, templateId: string) {
  const response = await app.http.get(`/v1/merchant/coupon-templates/${templateId}`, { token: merchant.apiKey });
  return response.body.stats as { claimed: number; used: number; remaining: number };
}

/** What the database says about a template: the record's counters and the coupon rows. */
export async function recordOf(app: TestApp, templateId: string) {
  const [template] = await app.db.query<{ issued: number; used: number; total_quantity: number }>(
    'SELECT issued, used, total_quantity FROM coupon_templates WHERE id = $1',
    [templateId],
  );
  const perShopper = await app.db.query<{ shopper_id: string; coupons: number; counted: number | null }>(
    `SELECT c.shopper_id, count(*)::int AS coupons,
            (SELECT issued FROM coupon_holders h WHERE h.template_id = $1 AND h.shopper_id = c.shopper_id) AS counted
     FROM coupons c WHERE c.template_id = $1 GROUP BY c.shopper_id`,
    [templateId],
  );
  const [{ n }] = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM coupons WHERE template_id = $1', [
    templateId,
  ]);
  return { ...template, coupons: n, perShopper };
}

/** Invariant 2, read from the database: coupons = counter <= stock, and per shopper coupons = counter <= limit. */
export async function expectRecordConsistent(app: TestApp, templateId: string, perUserLimit: number) {
  const record = await recordOf(app, templateId);
  expect(record.coupons).toBe(record.issued);
  expect(record.issued).toBeLessThanOrEqual(record.total_quantity);
  for (const shopper of record.perShopper) {
    expect(shopper.coupons).toBe(shopper.counted);
    expect(shopper.coupons).toBeLessThanOrEqual(perUserLimit);
  }
  return record;
}

/** Deletes every Redis key of this app (a flush as far as this app can tell; other test files keep theirs). */
export async function flushRedis(app: TestApp): Promise<number> {
  if (!app.redisKeyPrefix || !app.redisMode) return 0;
  const client = await connectRedis(app.redisMode);
  try {
    return await deleteKeys(client, app.redisKeyPrefix);
  } finally {
    await client.close();
  }
}

export const statuses = (responses: Array<{ status: number; body: any }>) =>
  responses.reduce<Record<string, number>>((counts, response) => {
    const key = response.status === 201 ? '201' : `${response.status} ${response.body?.error?.code}`;
    counts[key] = (counts[key] ?? 0) + 1;
    return counts;
  }, {});

export { DAY, MINUTE };
