import { randomUUID } from 'node:crypto';
import { RedisDrawGate } from '../../src/modules/lucky-draw/draws/redis-draw-gate';
import { DrawTakeover } from '../../src/modules/lucky-draw/draws/draw-takeover';
import { dayIn } from '../../src/modules/lucky-draw/domain/draw-day';
import { LuckyDrawsRepository } from '../../src/modules/lucky-draw/lucky-draws.repository';
import { flushRedis } from '../coupons/coupon-fixtures';
import { eventually } from '../flash-sale/flash-fixtures';
import { createMerchant, loginShopper, TestMerchant, TestShopper } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createEndpoint, WebhookReceiver } from '../webhooks/webhook-receiver';
import { testEnvironment } from '../support/test-env';
import { createCampaign, draw, inBatches, mine } from './lucky-draw-fixtures';

// Concurrent draws need a Postgres server (coupon-fixtures.ts itConcurrently) and the path needs Redis.
const environment = testEnvironment();
const withServers = environment.postgresMode === 'server' && environment.redisUrl !== null ? describe : describe.skip;

/** Draws with REDIS_URL: the draw gate, group commits, takeover and rebuild (draws/). */
withServers('hot lucky draws (Redis gate, group commit)', () => {
  let app: TestApp;
  let merchant: TestMerchant;
  let shoppers: TestShopper[];

  beforeAll(async () => {
    app = await startTestApp({ redis: true });
    merchant = await createMerchant(app);
    shoppers = await Promise.all(Array.from({ length: 30 }, () => loginShopper(app)));
  });
  afterAll(() => app.close());

  /** The database's word on a campaign: each shopper-day's chances used against its draws, each prize's units. */
  async function record(campaignId: string) {
    const days = await app.db.query<{ used: number; draws: number }>(
      `SELECT c.used, (SELECT count(*)::int FROM lucky_draw_entries e
                       WHERE e.campaign_id = c.campaign_id AND e.shopper_id = c.shopper_id AND e.day = c.day) AS draws
       FROM lucky_draw_chances c WHERE c.campaign_id = $1`,
      [campaignId],
    );
    const prizes = await app.db.query<{ stock: number | null; awarded: number; won: number }>(
      `SELECT p.stock, p.awarded, (SELECT count(*)::int FROM lucky_draw_entries e WHERE e.prize_id = p.id) AS won
       FROM lucky_draw_prizes p WHERE p.campaign_id = $1`,
      [campaignId],
    );
    return { days, prizes };
  }

  it('Redis flushed twice during a stampede: chances and stock hold in the database, every 201 is written', async () => {
    const campaign = await createCampaign(app, merchant, {
      drawsPerUserPerDay: 3,
      prizes: [
        { name: 'Jackpot', kind: 'item', weight: 1, stock: 20 },
        { name: 'Thanks', kind: 'none', weight: 1 },
      ],
    });
    const FLUSH_AT = new Set([20, 50]);
    const flushes: Array<Promise<number>> = [];
    let answered = 0;
    const attempts = shoppers.flatMap((shopper) => [shopper, shopper, shopper, shopper]);
    const responses = await inBatches(attempts, 16, async (shopper) => {
      const response = await draw(app, shopper, campaign.id);
      if (FLUSH_AT.has(++answered)) flushes.push(flushRedis(app));
      return { shopper, response };
    });
    expect((await Promise.all(flushes)).every((deleted) => deleted > 0)).toBe(true);
    const codes = responses.map(({ response }) => (response.status === 201 ? '201' : response.body.error.code));
    // 30 shoppers × 4 attempts with 3 chances a day: 90 draws, 30 refusals, whatever the flushes did.
    expect(codes.filter((code) => code === '201')).toHaveLength(90);
    expect(codes.filter((code) => code === 'LUCKY_DRAW_NO_CHANCES')).toHaveLength(30);

    const { days, prizes } = await record(campaign.id);
    expect(days).toHaveLength(30);
    for (const day of days) expect(day).toEqual({ used: 3, draws: 3 });
    for (const prize of prizes) {
      expect(prize.awarded).toBe(prize.stock === null ? 0 : prize.won);
      if (prize.stock !== null) expect(prize.won).toBeLessThanOrEqual(prize.stock);
    }
    // Each answer is readable at once in the shopper's own list.
    const won = responses.filter(({ response }) => response.status === 201);
    const lists = await Promise.all(shoppers.map((shopper) => mine(app, shopper, campaign.id)));
    const listed = new Set(lists.flatMap((list) => list.draws.map((d: { drawId: string }) => d.drawId)));
    for (const { response } of won) expect(listed.has(response.body.drawId)).toBe(true);
    expect(lists.every((list) => list.chancesLeftToday === 0)).toBe(true);
    const [{ epoch }] = await app.db.query<{ epoch: number }>(
      'SELECT redis_epoch AS epoch FROM lucky_draws WHERE id = $1',
      [campaign.id],
    );
    // Loaded once, then rebuilt after a flush (once for both when the second lands before the first's rebuild).
    expect(epoch).toBeGreaterThanOrEqual(2);
    expect(epoch).toBeLessThanOrEqual(3);
  });

  it('an item won while the merchant takes lucky_draw.prize_won: its event is written with the draw', async () => {
    const listening = await createMerchant(app);
    const receiver = await WebhookReceiver.start();
    try {
      await createEndpoint(app, listening, receiver.url, ['lucky_draw.prize_won']);
      const campaign = await createCampaign(app, listening, {
        prizes: [{ name: 'Tea cup', kind: 'item', weight: 1, stock: 10 }],
      });
      const drawn = await draw(app, shoppers[2], campaign.id);
      expect(drawn.status).toBe(201);
      const events = await app.db.query<{ type: string; draw_id: string }>(
        `SELECT type, payload->'data'->>'drawId' AS draw_id FROM webhook_events WHERE merchant_id = $1`,
        [listening.id],
      );
      expect(events).toEqual([{ type: 'lucky_draw.prize_won', draw_id: drawn.body.drawId }]);
      // Nobody listens to the other merchant's campaigns: its draws wrote no event.
      const unheard = await createCampaign(app, merchant, { prizes: [{ name: 'Tea cup', kind: 'item', weight: 1 }] });
      expect((await draw(app, shoppers[2], unheard.id)).status).toBe(201);
      const others = await app.db.query('SELECT 1 FROM webhook_events WHERE merchant_id = $1', [merchant.id]);
      expect(others).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it('a share heard by another instance counts in the gate the draws go through', async () => {
    const campaign = await createCampaign(app, merchant, { drawsPerUserPerDay: 1, shareBonusDrawsPerDay: 1 });
    const other = await startTestApp({ redis: true, database: app.db, redisKeyPrefix: app.redisKeyPrefix! });
    try {
      const shopper = shoppers[1];
      expect((await draw(app, shopper, campaign.id)).status).toBe(201);
      expect((await draw(app, shopper, campaign.id)).body.error.code).toBe('LUCKY_DRAW_NO_CHANCES');
      // The other instance never drew on this campaign; its share still reaches the loaded day.
      const shared = await other.http.post(`/v1/lucky-draws/${campaign.id}/shares`, { token: shopper.token });
      expect(shared.body).toEqual({ chancesLeftToday: 1 });
      expect((await draw(app, shopper, campaign.id)).status).toBe(201);
      expect((await draw(app, shopper, campaign.id)).body.error.code).toBe('LUCKY_DRAW_NO_CHANCES');
    } finally {
      await other.close();
    }
  });

  it('a draw accepted and never written (its instance died) is taken over from the stream', async () => {
    const campaign = await createCampaign(app, merchant, { drawsPerUserPerDay: 1 });
    const definition = (await app.app.get(LuckyDrawsRepository).definition(campaign.id))!;
    const shopper = shoppers[0];
    const now = app.clock.now();
    const drawId = randomUUID();
    const decision = await app.app.get(RedisDrawGate).decide(definition.campaign, definition.prizes[1], {
      drawId,
      shopper: { userId: shopper.id, openid: shopper.openid },
      day: dayIn(definition.campaign.timezone, now),
      random: Buffer.alloc(32),
      pickedIndex: 1,
      at: now,
    });
    expect(decision.kind).toBe('accepted');
    // The gate spent the chance although nothing is written yet.
    expect((await draw(app, shopper, campaign.id)).body.error.code).toBe('LUCKY_DRAW_NO_CHANCES');
    const takeover = app.app.get(DrawTakeover);
    const written = () =>
      takeover
        .takeOverAll()
        .then(() => app.db.query<{ id: string }>('SELECT id FROM lucky_draw_entries WHERE id = $1', [drawId]));
    expect(await eventually(written, (rows) => rows.length === 1, 20_000)).toHaveLength(1);
    expect((await record(campaign.id)).days).toEqual([{ used: 1, draws: 1 }]);
    expect((await mine(app, shopper, campaign.id)).draws.map((d: { drawId: string }) => d.drawId)).toEqual([drawId]);
  }, 30_000);
});
