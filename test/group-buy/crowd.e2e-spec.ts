import { createMerchant, createProduct, loginShopper } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createCampaign, joined, joinRoom, openRoom, pay, seatCounts } from './group-buy-fixtures';

describe('parallel joins never overfill a room', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('12 shoppers racing for one free seat: exactly one gets it', async () => {
    const merchant = await createMerchant(app);
    const product = await createProduct(app, merchant);
    const campaign = await createCampaign(app, merchant, { productId: product.id, groupSize: 3 });
    const opened = await openRoom(app, await loginShopper(app), campaign.id);
    await pay(app, opened.order);
    await joined(app, await loginShopper(app), opened.room.id);
    const crowd = await Promise.all(Array.from({ length: 12 }, () => loginShopper(app)));

    const answers = await Promise.all(
      crowd.map((shopper) => joinRoom(app, shopper, opened.room.id, opened.room.shareToken)),
    );

    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.map((a) => [a.status, a.body.error.code])).toEqual(Array(11).fill([409, 'GROUP_ROOM_FULL']));
    expect(await seatCounts(app, opened.room.id)).toEqual({
      status: 'open',
      seatsTaken: 3,
      seatsPaid: 1,
      held: 2,
      paid: 1,
    });
    // One order per seat: the refused joins left no order behind.
    const [orders] = await app.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM orders WHERE kind = 'group_buy' AND shopper_id = ANY($1)`,
      [crowd.map((s) => s.id)],
    );
    expect(Number(orders.n)).toBe(1);
  });

  it('40 shoppers, one shopper sending the same join 5 times, into 10 free seats: 10 seats, each shopper at most once', async () => {
    const merchant = await createMerchant(app);
    const product = await createProduct(app, merchant);
    const campaign = await createCampaign(app, merchant, { productId: product.id, groupSize: 11 });
    const opened = await openRoom(app, await loginShopper(app), campaign.id);
    await pay(app, opened.order);
    const crowd = await Promise.all(Array.from({ length: 40 }, () => loginShopper(app)));
    const eager = crowd[0];
    const attempts = [...crowd, eager, eager, eager, eager].map((shopper) => joinRoom(app, shopper, opened.room.id));

    const answers = await Promise.all(attempts);

    expect(answers.filter((a) => a.status === 201)).toHaveLength(10);
    for (const answer of answers.filter((a) => a.status !== 201)) {
      expect(answer.status).toBe(409);
      expect(['GROUP_ROOM_FULL', 'GROUP_ALREADY_MEMBER']).toContain(answer.body.error.code);
    }
    expect(await seatCounts(app, opened.room.id)).toEqual({
      status: 'open',
      seatsTaken: 11,
      seatsPaid: 1,
      held: 10,
      paid: 1,
    });
    const seated = await app.db.query<{ user_id: string; n: string }>(
      `SELECT user_id, count(*) AS n FROM group_room_members WHERE room_id = $1 GROUP BY user_id HAVING count(*) > 1`,
      [opened.room.id],
    );
    expect(seated).toEqual([]);
  });

  it('a join repeated with its Idempotency-Key answers the same seat and order', async () => {
    const merchant = await createMerchant(app);
    const product = await createProduct(app, merchant);
    const campaign = await createCampaign(app, merchant, { productId: product.id });
    const opened = await openRoom(app, await loginShopper(app), campaign.id);
    await pay(app, opened.order);
    const shopper = await loginShopper(app);
    const send = () =>
      app.http.post(`/v1/group-rooms/${opened.room.id}/join`, {
        token: shopper.token,
        body: {},
        idempotencyKey: 'join-1',
      });
    const [first, second] = await Promise.all([send(), send()]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.order.id).toBe(first.body.order.id);
    expect((await seatCounts(app, opened.room.id)).seatsTaken).toBe(2);
  });
});
