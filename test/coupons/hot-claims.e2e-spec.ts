import { randomUUID } from 'node:crypto';
import { ClaimTakeover } from '../../src/modules/coupons/claims/claim-takeover';
import { ClaimWriter } from '../../src/modules/coupons/claims/claim-writer';
import { RedisClaimGate } from '../../src/modules/coupons/claims/redis-claim-gate';
import { CouponTemplatesRepository } from '../../src/modules/coupons/coupon-templates.repository';
import { eventually } from '../flash-sale/flash-fixtures';
import { inBatches } from '../lucky-draw/lucky-draw-fixtures';
import { createMerchant, loginShopper, TestMerchant, TestShopper } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { testEnvironment } from '../support/test-env';
import { claim, createTemplate, expectRecordConsistent, flushRedis, statuses, templateStats } from './coupon-fixtures';

// Concurrent claims need a Postgres server (coupon-fixtures.ts itConcurrently) and the path needs Redis.
const environment = testEnvironment();
const withServers = environment.postgresMode === 'server' && environment.redisUrl !== null ? describe : describe.skip;

/** Claims on public templates with REDIS_URL: the claim gate, group commits, takeover and rebuild (claims/). */
withServers('hot coupon claims (Redis gate, group commit)', () => {
  let app: TestApp;
  let merchant: TestMerchant;
  let shoppers: TestShopper[];

  beforeAll(async () => {
    app = await startTestApp({ redis: true });
    merchant = await createMerchant(app);
    shoppers = await Promise.all(Array.from({ length: 60 }, () => loginShopper(app)));
  });
  afterAll(() => app.close());

  const definition = async (templateId: string) =>
    (await app.app.get(CouponTemplatesRepository).definition(templateId))!;

  it('a 201 carries a coupon already in the wallet and counted in the record', async () => {
    const template = await createTemplate(app, merchant, { totalQuantity: 100, perUserLimit: 3 });
    const responses = await Promise.all(shoppers.slice(0, 30).map((shopper) => claim(app, shopper, template.id)));
    expect(statuses(responses)).toEqual({ '201': 30 });
    // Read right after each answer, on another request: the coupon is there (no `pending` state).
    const wallets = await Promise.all(
      shoppers.slice(0, 30).map((shopper) => app.http.get('/v1/me/coupons', { token: shopper.token })),
    );
    wallets.forEach((wallet, i) =>
      expect(wallet.body.items.map((coupon: { id: string }) => coupon.id)).toContain(responses[i].body.id),
    );
    expect((await expectRecordConsistent(app, template.id, 3)).issued).toBe(30);
  });

  it('Redis flushed twice during a stampede: nothing over-issued, every 201 written, the stock all issued', async () => {
    const template = await createTemplate(app, merchant, { totalQuantity: 100, perUserLimit: 2 });
    // 60 shoppers × 3 attempts in three waves of 60. In each of the first two a flush starts once 15 answers have
    // come, with the other claims in flight, and ends before the next wave: at most 2 × 60 < 100 coupons can go
    // before the last wave, so the keys are rebuilt after each flush whatever the timing.
    const attempts = shoppers.flatMap((shopper) => [shopper, shopper, shopper]);
    const responses: Awaited<ReturnType<typeof claim>>[] = [];
    for (let wave = 0; wave < 3; wave++) {
      let flush: Promise<number> | null = null;
      let answered = 0;
      responses.push(
        ...(await inBatches(attempts.slice(wave * 60, (wave + 1) * 60), 24, async (shopper) => {
          const response = await claim(app, shopper, template.id);
          if (wave < 2 && ++answered === 15) flush = flushRedis(app);
          return response;
        })),
      );
      if (wave < 2) expect(await flush!).toBeGreaterThan(0);
    }
    // Up to 120 coupons asked of 100: the stock runs out, and claims the lost keys accepted were tried again through
    // the rebuilt ones.
    expect(statuses(responses)).toEqual({
      '201': 100,
      '409 COUPON_SOLD_OUT': expect.any(Number),
      '409 COUPON_LIMIT_REACHED': expect.any(Number),
    });
    const record = await expectRecordConsistent(app, template.id, 2);
    expect(record.issued).toBe(100);
    const answeredIds = responses.filter((r) => r.status === 201).map((r) => r.body.id as string);
    const [{ n }] = await app.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM coupons WHERE id = ANY($1::uuid[])',
      [answeredIds],
    );
    expect(n).toBe(100);
    const [{ epoch }] = await app.db.query<{ epoch: number }>(
      'SELECT redis_epoch AS epoch FROM coupon_templates WHERE id = $1',
      [template.id],
    );
    // Loaded once, then rebuilt after a flush (once for both when the second lands before the first's rebuild).
    expect(epoch).toBeGreaterThanOrEqual(2);
    expect(epoch).toBeLessThanOrEqual(3);
  });

  it('a claim accepted under a lost generation is not written; its caller is told to try again', async () => {
    const template = await createTemplate(app, merchant, { totalQuantity: 5, perUserLimit: 1 });
    const terms = await definition(template.id);
    const gate = app.app.get(RedisClaimGate);
    const now = app.clock.now();
    const decision = await gate.decide(terms, shoppers[0].id, randomUUID(), now.getTime());
    expect(decision.kind).toBe('accepted');
    const epoch = (decision as { epoch: number }).epoch;
    expect(await flushRedis(app)).toBeGreaterThan(0);
    // The next claim rebuilds the keys under a new generation, from a record that never saw the first one.
    expect((await claim(app, shoppers[1], template.id)).status).toBe(201);
    const [written] = await app.app
      .get(ClaimWriter)
      .write(terms, [{ couponId: randomUUID(), shopperId: shoppers[0].id, epoch, acceptedAt: now, streamId: '1-0' }]);
    expect(written.kind).toBe('stale');
    expect(await templateStats(app, merchant, template.id)).toEqual({ claimed: 1, used: 0, remaining: 4 });
  });

  it('batches of one template written at once over the same shoppers and coupons never deadlock', async () => {
    const template = await createTemplate(app, merchant, { totalQuantity: 10_000, perUserLimit: 1_000 });
    expect((await claim(app, shoppers[0], template.id)).status).toBe(201);
    const terms = await definition(template.id);
    const [{ redis_epoch: epoch }] = await app.db.query<{ redis_epoch: number }>(
      'SELECT redis_epoch FROM coupon_templates WHERE id = $1',
      [template.id],
    );
    // Each batch holds shoppers the others hold too, so their holder rows are met in every order of batches.
    const batch = (round: number) =>
      shoppers
        .slice(0, 12)
        .flatMap((shopper, i) =>
          (i + round) % 3 === 0
            ? []
            : [{ couponId: randomUUID(), shopperId: shopper.id, epoch, acceptedAt: app.clock.now(), streamId: '1-0' }],
        );
    const writer = app.app.get(ClaimWriter);
    const batches = Array.from({ length: 60 }, (_, round) => batch(round));
    // And a takeover writing the same claims as their writer at the same time, met in the other order.
    const takenOver = batches.map((claims) => [...claims].reverse());
    const written = await Promise.all(
      batches.flatMap((claims, i) => [claims, takenOver[i]]).map((claims) => writer.write(terms, claims)),
    );
    expect(written.flat().every((result) => result.kind === 'written')).toBe(true);
    const record = await expectRecordConsistent(app, template.id, 1_000);
    expect(record.issued).toBe(1 + batches.flat().length);
  }, 30_000);

  it('a claim accepted and never written (its instance died) is taken over from the stream', async () => {
    const template = await createTemplate(app, merchant, { totalQuantity: 5, perUserLimit: 1 });
    expect((await claim(app, shoppers[2], template.id)).status).toBe(201);
    const couponId = randomUUID();
    const decision = await app.app
      .get(RedisClaimGate)
      .decide(await definition(template.id), shoppers[3].id, couponId, app.clock.now().getTime());
    expect(decision.kind).toBe('accepted');
    // The gate counted it: the shopper's limit is reached although nothing is written yet.
    expect(statuses([await claim(app, shoppers[3], template.id)])).toEqual({ '409 COUPON_LIMIT_REACHED': 1 });
    const takeover = app.app.get(ClaimTakeover);
    const exists = () =>
      takeover
        .takeOverAll()
        .then(() => app.db.query<{ id: string }>('SELECT id FROM coupons WHERE id = $1', [couponId]));
    expect(await eventually(exists, (rows) => rows.length === 1, 20_000)).toHaveLength(1);
    const record = await expectRecordConsistent(app, template.id, 1);
    expect(record.issued).toBe(2);
  }, 30_000);
});
