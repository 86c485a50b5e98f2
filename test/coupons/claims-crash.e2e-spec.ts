import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createClient } from 'redis';
import { parseClaimEntry } from '../../src/modules/coupons/claims/claim-entry';
import { eventually } from '../flash-sale/flash-fixtures';
import { inBatches } from '../lucky-draw/lucky-draw-fixtures';
import { freshDatabase, TestDatabase } from '../support/database';
import { HttpClient, HttpResponse } from '../support/http-client';
import { ServiceProcess, startService } from '../support/service-process';
import { testEnvironment } from '../support/test-env';

type Redis = ReturnType<typeof createClient>;

const ADMIN_TOKEN = 'claim-crash-admin-token-0123456789';
const STOCK = 150;
const LIMIT = 2;
const SHOPPERS = 120;

// Needs a Postgres server (the killed process must not take the database with it) and Redis.
const environment = testEnvironment();
const withServers = environment.postgresMode === 'server' && environment.redisUrl !== null ? describe : describe.skip;

interface Shopper {
  id: string;
  token: string;
}

/** The coupon ids of the claims in a template's stream (accepted by the gate, not yet written and deleted). */
async function streamedCoupons(redis: Redis, stream: string): Promise<string[]> {
  const entries = (await redis.sendCommand(['XRANGE', stream, '-', '+'])) as Array<[string, string[]]>;
  return entries.flatMap(([id, fields]) => parseClaimEntry(id, fields[1])?.couponId ?? []);
}

withServers('SIGKILL of an instance holding accepted coupon claims it has not written', () => {
  let db: TestDatabase;
  const dataDirs: string[] = [];
  const services: ServiceProcess[] = [];
  let prefix: string;
  let redis: Redis;

  beforeAll(async () => {
    db = await freshDatabase();
    prefix = `test:${randomBytes(6).toString('hex')}:`;
    redis = createClient({ url: environment.redisUrl! });
    await redis.connect();
  });
  afterAll(async () => {
    for (const service of services) await service.stop('SIGKILL');
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}*` })) if (keys.length) await redis.del(keys);
    await redis.close();
    await db.drop();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  const start = async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'engage-claim-crash-'));
    dataDirs.push(dataDir);
    const service = await startService({
      DATABASE_URL: db.url,
      REDIS_URL: environment.redisUrl!,
      REDIS_KEY_PREFIX: prefix,
      DATA_DIR: dataDir,
      ADMIN_TOKEN,
      JWT_SECRET: 'claim-crash-jwt-secret-0123456789abcdef',
      // Errors only: should a claim be answered 5xx, the survivor's log says why (below).
      LOG_LEVEL: 'error',
      JOB_INTERVAL_MS: '200',
    });
    services.push(service);
    return service;
  };

  it('every 201 is in the database, the claims it held are written by another instance, nothing over-issued', async () => {
    const [victim, survivor] = await Promise.all([start(), start()]);
    const httpA = new HttpClient(victim.url);
    const httpB = new HttpClient(survivor.url);
    const merchant = (await httpB.post('/v1/merchants', { token: ADMIN_TOKEN, body: { name: 'Crash coupons' } })).body;
    const now = Date.now();
    const template = (
      await httpB.post('/v1/merchant/coupon-templates', {
        token: merchant.apiKey,
        body: {
          name: 'Hot coupon',
          type: 'amount_off',
          valueFen: 500,
          distribution: 'public',
          totalQuantity: STOCK,
          perUserLimit: LIMIT,
          claimStartsAt: new Date(now - 60_000).toISOString(),
          claimEndsAt: new Date(now + 3_600_000).toISOString(),
          validity: { type: 'relative', days: 7 },
        },
      })
    ).body;
    const shoppers = await inBatches(
      Array.from({ length: SHOPPERS }, (_, i) => i),
      25,
      async (i): Promise<Shopper> => {
        const login = (await httpB.post('/v1/auth/wechat-login', { body: { code: `sandbox:claim_crash_${i}` } })).body;
        return { id: login.user.id, token: login.token };
      },
    );
    const claim = (http: HttpClient, shopper: Shopper) =>
      http.post(`/v1/coupon-templates/${template.id}/claim`, { token: shopper.token }).catch(() => null);
    const stream = `${prefix}{cp:${template.id}}:claims`;
    // One claim first, so the gate is loaded (a rebuild would wait for the row the test is about to hold).
    const first = await claim(httpB, shoppers[SHOPPERS - 1]);
    expect(first?.status).toBe(201);

    // The test holds the template row: the victim's group commits wait for it, so it dies holding claims the gate
    // accepted (in the stream) and nobody wrote.
    const blocker = new Client({ connectionString: db.url });
    await blocker.connect();
    let held: string[];
    let victimAnswers: Array<HttpResponse | null>;
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM coupon_templates WHERE id = $1 FOR UPDATE', [template.id]);
      const victimWave = Promise.all(shoppers.slice(0, 40).map((shopper) => claim(httpA, shopper)));
      await eventually(
        () => streamedCoupons(redis, stream),
        (ids) => ids.length >= 30,
        15_000,
      );
      victim.child.kill('SIGKILL');
      await victim.exited;
      victimAnswers = await victimWave;
      held = await streamedCoupons(redis, stream);
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      await blocker.end();
    }
    expect(held.length).toBeGreaterThanOrEqual(30);
    // Nothing was answered 201 by the victim: its claims waited for a commit that never came.
    expect(victimAnswers.filter((response) => response?.status === 201)).toEqual([]);

    // The rest of the rush goes to the survivor: two attempts each for everyone.
    const survivorAnswers = await inBatches(
      shoppers.flatMap((shopper) => [shopper, shopper]),
      32,
      (shopper) => claim(httpB, shopper),
    );
    const failed = survivorAnswers.filter((response) => response === null || response.status >= 500);
    if (failed.length > 0) {
      throw new Error(
        `the survivor answered ${failed.length} claims 5xx or not at all; its log:\n${survivor.output()}`,
      );
    }
    const answered = [first!, ...survivorAnswers]
      .filter((response) => response!.status === 201)
      .map((r) => r!.body.id as string);
    expect(answered.length).toBeGreaterThan(0);
    const written = await db.query<{ id: string }>('SELECT id FROM coupons WHERE id = ANY($1::uuid[])', [answered]);
    expect(written).toHaveLength(answered.length);

    // The survivor's takeover writes what the victim held once it has been idle 5 s; the stream empties and the
    // gate's count meets the record's.
    const settled = await eventually(
      async () => ({
        stream: await redis.xLen(stream),
        gate: Number(await redis.get(`${prefix}{cp:${template.id}}:issued`)),
        record: (
          await db.query<{ issued: number }>('SELECT issued FROM coupon_templates WHERE id = $1', [template.id])
        )[0].issued,
      }),
      (state) => state.stream === 0 && state.gate === state.record,
      30_000,
    );
    expect(settled.stream).toBe(0);
    expect(settled.record).toBe(settled.gate);
    expect(settled.record).toBe(STOCK); // more was asked for than the stock: all of it issued, once
    const takenOver = await db.query<{ id: string }>('SELECT id FROM coupons WHERE id = ANY($1::uuid[])', [held]);
    expect(takenOver).toHaveLength(held.length);

    // Invariant 2 in the database.
    const [row] = await db.query<{ issued: number; coupons: number; total: number }>(
      `SELECT t.issued, t.total_quantity AS total, (SELECT count(*)::int FROM coupons c WHERE c.template_id = t.id) AS coupons
       FROM coupon_templates t WHERE t.id = $1`,
      [template.id],
    );
    expect(row.coupons).toBe(row.issued);
    expect(row.issued).toBeLessThanOrEqual(row.total);
    const perShopper = await db.query<{ coupons: number; counted: number }>(
      `SELECT count(*)::int AS coupons, h.issued AS counted FROM coupons c
       JOIN coupon_holders h ON h.template_id = c.template_id AND h.shopper_id = c.shopper_id
       WHERE c.template_id = $1 GROUP BY c.shopper_id, h.issued`,
      [template.id],
    );
    for (const shopper of perShopper) {
      expect(shopper.coupons).toBe(shopper.counted);
      expect(shopper.coupons).toBeLessThanOrEqual(LIMIT);
    }
  }, 90_000);
});
