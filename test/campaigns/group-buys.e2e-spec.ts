import { Db } from '../../src/platform/database/db';
import { MODES } from '../coupons/coupon-fixtures';
import { createCampaign, expireRooms, getRoom, joined, openRoom, pay } from '../group-buy/group-buy-fixtures';
import { createMerchant, createProduct, expectError, loginShopper } from '../support/fixtures';
import { settleEverything } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import { campaignsOf } from './campaign-fixtures';

const MINUTE = 60_000;

describe.each(MODES)('group-buys: merchant operations %s', (_mode, options) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(options);
  });
  afterAll(() => app.close());

  const inFuture = (ms: number) => new Date(app.clock.now().getTime() + ms).toISOString();

  it("lists only the caller's campaigns, newest first, with stats, filtered by status and product name", async () => {
    const merchant = await createMerchant(app);
    const tea = await createProduct(app, merchant, { name: 'Oolong tea', priceFen: 10_000 });
    const cake = await createProduct(app, merchant, { name: 'Moon cake', priceFen: 10_000 });
    const other = await createMerchant(app);
    await createCampaign(app, other, { productId: (await createProduct(app, other)).id });
    const running = await createCampaign(app, merchant, { productId: tea.id });
    app.clock.advance(1000);
    const upcoming = await createCampaign(app, merchant, {
      productId: cake.id,
      startsAt: inFuture(10 * MINUTE),
      endsAt: inFuture(20 * MINUTE),
    });
    expect(upcoming).toMatchObject({ status: 'scheduled', endedAt: null });
    await openRoom(app, await loginShopper(app), running.id);
    const campaigns = campaignsOf(app, merchant, 'group-buys');
    const listed = (await campaigns.list()).body;
    expect(listed.items.map((c: any) => [c.id, c.status])).toEqual([
      [upcoming.id, 'scheduled'],
      [running.id, 'active'],
    ]);
    expect(listed.items[1].stats).toMatchObject({ rooms: 1, pending: 1 });
    const ids = async (query: string) => (await campaigns.list(query)).body.items.map((c: any) => c.id);
    expect(await ids('?status=active')).toEqual([running.id]);
    expect(await ids('?q=MOON')).toEqual([upcoming.id]);
    expect(await ids('?status=ended')).toEqual([]);
    const page = (await campaigns.list('?limit=1')).body;
    expect(page.items).toHaveLength(1);
    expect((await campaigns.list(`?limit=1&cursor=${page.nextCursor}`)).body.items[0].id).toBe(running.id);
    expectError(await campaignsOf(app, other, 'group-buys').patch(running.id, { groupSize: 4 }), 404, 'NOT_FOUND');
    expectError(await campaignsOf(app, other, 'group-buys').end(running.id), 404, 'NOT_FOUND');
  });

  it('a page of 100 costs the same few queries as a page of 1 (stats are not read row by row)', async () => {
    const merchant = await createMerchant(app);
    const product = await createProduct(app, merchant);
    for (let i = 0; i < 100; i++) await createCampaign(app, merchant, { productId: product.id });
    const query = jest.spyOn(app.app.get(Db), 'query');
    // Only the stats' own queries: the change poller queries on its own timer meanwhile.
    const statsQueries = () => query.mock.calls.filter(([sql]) => /group_room/.test(sql)).length;
    try {
      const campaigns = campaignsOf(app, merchant, 'group-buys');
      expect((await campaigns.list('?limit=1')).body.items).toHaveLength(1);
      const forOne = statsQueries();
      query.mockClear();
      expect((await campaigns.list('?limit=100')).body.items).toHaveLength(100);
      expect(statsQueries()).toBe(forOne);
      expect(forOne).toBeLessThanOrEqual(3);
    } finally {
      query.mockRestore();
    }
  });

  it('PATCH: anything before the start; after it only a later endsAt', async () => {
    const merchant = await createMerchant(app);
    const product = await createProduct(app, merchant, { priceFen: 10_000 });
    const campaigns = campaignsOf(app, merchant, 'group-buys');
    const campaign = await createCampaign(app, merchant, {
      productId: product.id,
      startsAt: inFuture(10 * MINUTE),
      endsAt: inFuture(60 * MINUTE),
    });
    const before = await campaigns.patch(campaign.id, { groupSize: 5, groupPriceFen: 7000 });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ groupSize: 5, groupPriceFen: 7000, status: 'scheduled' });
    expectError(await campaigns.patch(campaign.id, { groupPriceFen: 20_000 }), 400, 'VALIDATION_FAILED');
    app.clock.advance(10 * MINUTE);
    const locked = await campaigns.patch(campaign.id, { groupSize: 4, endsAt: inFuture(30 * MINUTE) });
    expectError(locked, 409, 'CAMPAIGN_LOCKED');
    expect(locked.body.error.details.fields.sort()).toEqual(['endsAt', 'groupSize']);
    const later = inFuture(120 * MINUTE);
    const extended = await campaigns.patch(campaign.id, { endsAt: later, groupSize: 5 });
    expect(extended.status).toBe(200);
    expect(extended.body).toMatchObject({ endsAt: later, status: 'active' });
  });

  it('ending: no new room, a held order can still be paid, the room runs on; a second end changes nothing', async () => {
    const merchant = await createMerchant(app);
    const product = await createProduct(app, merchant, { priceFen: 10_000 });
    const campaigns = campaignsOf(app, merchant, 'group-buys');
    const campaign = await createCampaign(app, merchant, { productId: product.id, groupSize: 2 });
    const leader = await loginShopper(app);
    const held = await openRoom(app, leader, campaign.id);
    const ended = await campaigns.end(campaign.id, 'end-once');
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: 'ended', stats: { rooms: 1 } });
    expectError(
      await app.http.post(`/v1/group-buys/${campaign.id}/rooms`, { token: (await loginShopper(app)).token }),
      409,
      'GROUP_BUY_NOT_ACTIVE',
    );
    await pay(app, held.order);
    expect((await getRoom(app, leader, held.room.id)).status).toBe('open');
    app.clock.advance(MINUTE);
    const again = await campaigns.end(campaign.id);
    expect(again.body.endedAt).toBe(ended.body.endedAt);
    expect((await campaigns.list('?status=ended')).body.items.map((c: any) => c.id)).toEqual([campaign.id]);
  });

  it('timeline: rooms opened, completed and failed, and what members paid, as the orders say', async () => {
    const merchant = await createMerchant(app);
    const product = await createProduct(app, merchant, { priceFen: 10_000 });
    const campaign = await createCampaign(app, merchant, {
      productId: product.id,
      groupSize: 2,
      completionWindowSeconds: 600,
    });
    const orders: string[] = [];
    const completes = await openRoom(app, await loginShopper(app), campaign.id);
    await pay(app, completes.order);
    const member = await joined(app, await loginShopper(app), completes.room.id);
    await pay(app, member.order);
    const fails = await openRoom(app, await loginShopper(app), campaign.id);
    await pay(app, fails.order);
    await openRoom(app, await loginShopper(app), campaign.id); // never paid: never opened
    orders.push(completes.order.id, member.order.id, fails.order.id);
    app.clock.advance(11 * MINUTE);
    await expireRooms(app);
    await settleEverything(app, 4);
    const response = await campaignsOf(app, merchant, 'group-buys').timeline(campaign.id, 'day');
    expect(response.status).toBe(200);
    const totals = response.body.buckets.reduce(
      (sum: Record<string, number>, bucket: any) => {
        for (const key of Object.keys(sum)) sum[key] += bucket[key];
        return sum;
      },
      { roomsOpened: 0, roomsCompleted: 0, roomsFailed: 0, revenueFen: 0, discountFen: 0 },
    );
    const [paid] = await app.db.query<{ total: string; discount: string }>(
      'SELECT sum(total_fen) AS total, sum(discount_fen) AS discount FROM orders WHERE id = ANY($1) AND paid_at IS NOT NULL',
      [orders],
    );
    expect(totals).toEqual({
      roomsOpened: 2,
      roomsCompleted: 1,
      roomsFailed: 1,
      revenueFen: Number(paid.total),
      discountFen: Number(paid.discount),
    });
    expect(totals.revenueFen).toBe(5000 + 6000 + 5000);
  });
});
