import { randomUUID } from 'node:crypto';
import { ChanceStore, DrawAttempt } from '../../src/modules/lucky-draw/chances/chance-store';
import { PostgresChanceStore } from '../../src/modules/lucky-draw/chances/postgres-chance-store';
import { RedisChanceStore } from '../../src/modules/lucky-draw/chances/redis-chance-store';
import { flushRedis } from '../coupons/coupon-fixtures';
import { createMerchant } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { testEnvironment } from '../support/test-env';
import { createCampaign } from './lucky-draw-fixtures';

const ADAPTERS: Array<[string, boolean | 'cluster']> = [
  ...(testEnvironment().redisUrl ? [['RedisChanceStore', true] as [string, boolean]] : []),
  ['PostgresChanceStore', false],
  ...(testEnvironment().redisClusterNodes
    ? [['RedisChanceStore on a Redis Cluster', 'cluster'] as [string, 'cluster']]
    : []),
];

describe.each(ADAPTERS)('ChanceStore contract: %s', (_name, redis) => {
  let app: TestApp;
  let store: ChanceStore;
  let campaignId: string;
  let prize: { id: string; stock: number };

  beforeAll(async () => {
    app = await startTestApp({ redis });
    store = redis ? app.app.get(RedisChanceStore) : app.app.get(PostgresChanceStore);
    const campaign = await createCampaign(app, await createMerchant(app), {
      prizes: [{ name: 'Jackpot', kind: 'item', weight: 1, stock: 5 }],
    });
    campaignId = campaign.id;
    prize = { id: campaign.prizes[0].id, stock: 5 };
  });
  afterAll(() => app.close());

  const attempt = (shopperId: string, overrides: Partial<DrawAttempt> = {}): DrawAttempt => ({
    campaignId,
    shopperId,
    day: '2026-11-21',
    drawsPerUserPerDay: 3,
    shareBonusDrawsPerDay: 2,
    limitedPrize: null,
    forgetAfter: new Date(app.clock.now().getTime() + 3_600_000),
    ...overrides,
  });
  const outcome = (promise: Promise<unknown>) =>
    promise.then(
      (value) => value,
      (error: { code?: string; message: string }) => error.code ?? error.message,
    );

  it('spends no more chances than the allowance under concurrency, and shares raise it up to the cap', async () => {
    const shopper = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => outcome(store.spend(attempt(shopper), async () => 'ok'))),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(3);
    expect(results.filter((r) => r === 'LUCKY_DRAW_NO_CHANCES')).toHaveLength(7);
    for (let i = 0; i < 4; i++) await store.share(attempt(shopper), 2);
    const more = await Promise.all(
      Array.from({ length: 5 }, () => outcome(store.spend(attempt(shopper), async () => 'ok'))),
    );
    expect(more.filter((r) => r === 'ok')).toHaveLength(2);
    const [row] = await app.db.query<{ used: number; shares: number }>(
      'SELECT used, shares FROM lucky_draw_chances WHERE campaign_id = $1 AND shopper_id = $2',
      [campaignId, shopper],
    );
    expect(row).toEqual({ used: 5, shares: 2 });
  });

  it('awards a limited prize no more than its stock; the rest are misses that still spend a chance', async () => {
    const limited = await Promise.all(
      Array.from({ length: 12 }, () =>
        store.spend(attempt(randomUUID(), { limitedPrize: prize }), async (inStock) => inStock),
      ),
    );
    expect(limited.filter(Boolean)).toHaveLength(5);
    const [row] = await app.db.query<{ awarded: number }>('SELECT awarded FROM lucky_draw_prizes WHERE id = $1', [
      prize.id,
    ]);
    expect(row.awarded).toBe(5);
  });

  it('a unit the work gives back is in stock again for the next draw; its chance stays spent', async () => {
    const campaign = await createCampaign(app, await createMerchant(app), {
      prizes: [{ name: 'One only', kind: 'item', weight: 1, stock: 1 }],
    });
    const only = { campaignId: campaign.id, limitedPrize: { id: campaign.prizes[0].id, stock: 1 } };
    const shopper = randomUUID();
    const givenBack = [];
    for (let i = 0; i < 3; i++) {
      givenBack.push(
        await store.spend(attempt(shopper, only), async (inStock, giveBackStock) => {
          await giveBackStock();
          return inStock;
        }),
      );
    }
    expect(givenBack).toEqual([true, true, true]);
    const kept = await Promise.all(
      Array.from({ length: 3 }, () => store.spend(attempt(randomUUID(), only), async (inStock) => inStock)),
    );
    expect(kept.filter(Boolean)).toHaveLength(1);
    const [row] = await app.db.query<{ awarded: number; used: number }>(
      `SELECT p.awarded, (SELECT used FROM lucky_draw_chances c WHERE c.campaign_id = p.campaign_id AND c.shopper_id = $2) AS used
       FROM lucky_draw_prizes p WHERE p.id = $1`,
      [only.limitedPrize.id, shopper],
    );
    expect(row).toEqual({ awarded: 1, used: 3 });
  });

  it('work that fails spends nothing', async () => {
    const shopper = randomUUID();
    const single = { drawsPerUserPerDay: 1, shareBonusDrawsPerDay: 0 };
    expect(await outcome(store.spend(attempt(shopper, single), () => Promise.reject(new Error('boom'))))).toBe('boom');
    expect(await outcome(store.spend(attempt(shopper, single), async () => 'ok'))).toBe('ok');
    expect(await outcome(store.spend(attempt(shopper, single), async () => 'ok'))).toBe('LUCKY_DRAW_NO_CHANCES');
  });

  it('keys lost mid-way change nothing: the record still decides exactly', async () => {
    const shopper = randomUUID();
    const first = await Promise.all(
      Array.from({ length: 2 }, () => outcome(store.spend(attempt(shopper), async () => 'ok'))),
    );
    await flushRedis(app);
    const second = await Promise.all(
      Array.from({ length: 6 }, () => outcome(store.spend(attempt(shopper), async () => 'ok'))),
    );
    expect([...first, ...second].filter((r) => r === 'ok')).toHaveLength(3);
  });
});
