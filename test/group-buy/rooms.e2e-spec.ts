import {
  createMerchant,
  createProduct,
  expectError,
  loginShopper,
  TestMerchant,
  TestShopper,
} from '../support/fixtures';
import { getOrder, runJobs, settleEverything } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import { createCampaign, getRoom, joined, joinRoom, openRoom, pay, seatCounts, stats } from './group-buy-fixtures';

describe('group-buy rooms: open, share, join, pay, complete', () => {
  let app: TestApp;
  let merchant: TestMerchant;
  let product: { id: string; priceFen: number };

  beforeAll(async () => {
    app = await startTestApp();
    merchant = await createMerchant(app);
    product = await createProduct(app, merchant, { priceFen: 10_000 });
  });
  afterAll(() => app.close());

  it('leader opens and pays, the room opens; two friends join by the share token and pay; the room completes', async () => {
    const campaign = await createCampaign(app, merchant, { productId: product.id });
    const leader = await loginShopper(app);
    const opened = await openRoom(app, leader, campaign.id);
    expect(opened.order).toMatchObject({ kind: 'group_buy', status: 'pending_payment', totalFen: 5000 });
    expect(opened.room).toMatchObject({
      campaignId: campaign.id,
      status: 'pending',
      groupSize: 3,
      seatsTaken: 1,
      seatsPaid: 0,
      leaderUserId: leader.id,
      expiresAt: null,
      members: [{ userId: leader.id, role: 'leader', status: 'holding' }],
    });
    expect(opened.room.shareToken).toMatch(/^[A-Za-z0-9_-]{32}$/);

    await pay(app, opened.order);
    const paidOrder = await getOrder(app, leader, opened.order.id);
    const open = await getRoom(app, leader, opened.room.id);
    expect(open).toMatchObject({ status: 'open', seatsTaken: 1, seatsPaid: 1, joinable: true });
    expect(new Date(open.expiresAt).getTime()).toBe(new Date(paidOrder.paidAt).getTime() + 3600 * 1000);

    const friends = [await loginShopper(app), await loginShopper(app)];
    for (const friend of friends) {
      const shared = await app.http.get(`/v1/group-rooms/by-share/${opened.room.shareToken}`, { token: friend.token });
      expect(shared.status).toBe(200);
      expect(shared.body.id).toBe(opened.room.id);
      const seat = await joined(app, friend, opened.room.id, opened.room.shareToken);
      expect(seat.order).toMatchObject({ kind: 'group_buy', totalFen: 6000, status: 'pending_payment' });
      // A member's order can never be paid after the room's deadline.
      expect(new Date(seat.order.expiresAt).getTime()).toBeLessThanOrEqual(new Date(open.expiresAt).getTime());
      await pay(app, seat.order);
    }

    const done = await getRoom(app, leader, opened.room.id);
    expect(done).toMatchObject({ status: 'completed', seatsTaken: 3, seatsPaid: 3, virtualSeats: 0, joinable: false });
    expect(done.members.map((m: any) => [m.role, m.status])).toEqual([
      ['leader', 'paid'],
      ['member', 'paid'],
      ['member', 'paid'],
    ]);
    expect(await stats(app, merchant, campaign.id)).toMatchObject({
      rooms: 1,
      completed: 1,
      failed: 0,
      shares: 2,
      joinsFromShares: 2,
    });
    expect(await seatCounts(app, opened.room.id)).toEqual({
      status: 'completed',
      seatsTaken: 3,
      seatsPaid: 3,
      held: 0,
      paid: 3,
    });
  });

  it('joining before the leader pays is GROUP_ROOM_NOT_OPEN', async () => {
    const campaign = await createCampaign(app, merchant, { productId: product.id });
    const { room } = await openRoom(app, await loginShopper(app), campaign.id);
    expectError(await joinRoom(app, await loginShopper(app), room.id, room.shareToken), 409, 'GROUP_ROOM_NOT_OPEN');
  });

  describe('held seats', () => {
    let campaign: any;
    let leader: TestShopper;
    let room: any;
    let holders: Array<{ shopper: TestShopper; order: any }>;

    beforeAll(async () => {
      campaign = await createCampaign(app, merchant, { productId: product.id, paymentWindowSeconds: 60 });
      leader = await loginShopper(app);
      const opened = await openRoom(app, leader, campaign.id);
      room = opened.room;
      await pay(app, opened.order);
      holders = [];
      for (let i = 0; i < 2; i++) {
        const shopper = await loginShopper(app);
        holders.push({ shopper, order: (await joined(app, shopper, room.id)).order });
      }
    });

    it('a fourth shopper finds the room full while two seats are held unpaid', async () => {
      expect(await seatCounts(app, room.id)).toMatchObject({ seatsTaken: 3, seatsPaid: 1, held: 2 });
      expectError(await joinRoom(app, await loginShopper(app), room.id), 409, 'GROUP_ROOM_FULL');
      const view = await getRoom(app, leader, room.id);
      expect(view).toMatchObject({ status: 'open', seatsTaken: 3, joinable: false });
    });

    it('a shopper already holding a seat is GROUP_ALREADY_MEMBER, and so is the leader', async () => {
      expectError(await joinRoom(app, holders[0].shopper, room.id), 409, 'GROUP_ALREADY_MEMBER');
      expectError(await joinRoom(app, leader, room.id), 409, 'GROUP_ALREADY_MEMBER');
    });

    it('an unpaid held seat is freed after the payment window', async () => {
      await pay(app, holders[0].order);
      app.clock.advance(61_000);
      await runJobs(app, 'orders.expire');
      await settleEverything(app, 2);
      expect((await getOrder(app, holders[1].shopper, holders[1].order.id)).status).toBe('cancelled');
      expect(await seatCounts(app, room.id)).toEqual({ status: 'open', seatsTaken: 2, seatsPaid: 2, held: 0, paid: 2 });
      const view = await getRoom(app, leader, room.id);
      expect(view.members.map((m: any) => m.status)).toEqual(['paid', 'paid', 'released']);
      // The freed seat is there for the next shopper, who completes the room.
      const last = await loginShopper(app);
      const seat = await joined(app, last, room.id);
      await pay(app, seat.order);
      expect(await seatCounts(app, room.id)).toEqual({
        status: 'completed',
        seatsTaken: 3,
        seatsPaid: 3,
        held: 0,
        paid: 3,
      });
    });
  });

  it('a held seat past its deadline is taken over by a join even before the expiry jobs run', async () => {
    const campaign = await createCampaign(app, merchant, {
      productId: product.id,
      groupSize: 2,
      paymentWindowSeconds: 30,
    });
    const opened = await openRoom(app, await loginShopper(app), campaign.id);
    await pay(app, opened.order);
    const slow = await loginShopper(app);
    const held = await joined(app, slow, opened.room.id);
    expectError(await joinRoom(app, await loginShopper(app), opened.room.id), 409, 'GROUP_ROOM_FULL');
    app.clock.advance(31_000);
    const fast = await loginShopper(app);
    const seat = await joined(app, fast, opened.room.id);
    expect(seat.room.seatsTaken).toBe(2);
    expect(seat.room.members.map((m: any) => m.status)).toEqual(['paid', 'released', 'holding']);
    await settleEverything(app, 2); // the outbox cancels the old seat's order
    expect((await getOrder(app, slow, held.order.id)).status).toBe('cancelled');
    await pay(app, seat.order);
    expect((await seatCounts(app, opened.room.id)).status).toBe('completed');
  });

  it('room creation and joins replay with their Idempotency-Key; a join needs no body', async () => {
    const campaign = await createCampaign(app, merchant, { productId: product.id });
    const leader = await loginShopper(app);
    const open = () =>
      app.http.post(`/v1/group-buys/${campaign.id}/rooms`, { token: leader.token, idempotencyKey: 'room-1' });
    const first = await open();
    const again = await open();
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.room.id).toBe(first.body.room.id);
    expect(again.body.order.id).toBe(first.body.order.id);
    await pay(app, first.body.order);
    const shopper = await loginShopper(app);
    const bare = await app.http.post(`/v1/group-rooms/${first.body.room.id}/join`, { token: shopper.token });
    expect(bare.status).toBe(201);
    expect(bare.body.room.members[1]).toMatchObject({ userId: shopper.id, status: 'holding', isYou: true });
    expectError(
      await app.http.post(`/v1/group-rooms/${first.body.room.id}/join`, {
        token: (await loginShopper(app)).token,
        body: { shareToken: first.body.room.shareToken, extra: 1 },
      }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('money that arrives for a seat no longer there goes back in full, once (safety net)', async () => {
    const campaign = await createCampaign(app, merchant, { productId: product.id });
    const opened = await openRoom(app, await loginShopper(app), campaign.id);
    await pay(app, opened.order);
    const shopper = await loginShopper(app);
    const seat = await joined(app, shopper, opened.room.id);
    // As if the seat had been freed (its room closing) a moment before the payment was applied.
    await app.db.query(`UPDATE group_room_members SET status = 'released' WHERE order_id = $1`, [seat.order.id]);
    await app.db.query('UPDATE group_rooms SET seats_taken = seats_taken - 1 WHERE id = $1', [opened.room.id]);
    await pay(app, seat.order);
    await settleEverything(app, 4);
    expect(await getOrder(app, shopper, seat.order.id)).toMatchObject({ status: 'refunded', refundedFen: 6000 });
    const refunds = await app.db.query('SELECT business_key FROM order_refunds WHERE order_id = $1', [seat.order.id]);
    expect(refunds).toEqual([{ business_key: `group-seat-void:${opened.room.id}:${seat.order.id}` }]);
    expect(await seatCounts(app, opened.room.id)).toEqual({
      status: 'open',
      seatsTaken: 1,
      seatsPaid: 1,
      held: 0,
      paid: 1,
    });
    expect((await getRoom(app, shopper, opened.room.id)).members[1].status).toBe('refunded');
  });

  it('a shopper leads one pending or open room per campaign', async () => {
    const campaign = await createCampaign(app, merchant, { productId: product.id });
    const leader = await loginShopper(app);
    const first = await openRoom(app, leader, campaign.id);
    const again = await app.http.post(`/v1/group-buys/${campaign.id}/rooms`, { token: leader.token });
    expectError(again, 409, 'GROUP_ALREADY_MEMBER');
    expect(again.body.error.details).toEqual({ roomId: first.room.id });
    await pay(app, first.order);
    expectError(
      await app.http.post(`/v1/group-buys/${campaign.id}/rooms`, { token: leader.token }),
      409,
      'GROUP_ALREADY_MEMBER',
    );
    // Leading a room does not stop joining somebody else's.
    const other = await openRoom(app, await loginShopper(app), campaign.id);
    await pay(app, other.order);
    expect((await joinRoom(app, leader, other.room.id)).status).toBe(201);
  });

  it('a share token that is not the room’s is 404; one that is attributes the join', async () => {
    const campaign = await createCampaign(app, merchant, { productId: product.id, groupSize: 4 });
    const opened = await openRoom(app, await loginShopper(app), campaign.id);
    await pay(app, opened.order);
    const other = await openRoom(app, await loginShopper(app), campaign.id);
    const friend = await loginShopper(app);
    expectError(await joinRoom(app, friend, opened.room.id, other.room.shareToken), 404, 'NOT_FOUND');
    expectError(await joinRoom(app, friend, opened.room.id, 'x'.repeat(32)), 404, 'NOT_FOUND');
    expectError(
      await app.http.get(`/v1/group-rooms/by-share/${'x'.repeat(32)}`, { token: friend.token }),
      404,
      'NOT_FOUND',
    );
    expect((await joinRoom(app, friend, opened.room.id)).status).toBe(201); // no token: not from a share
    expect((await joinRoom(app, await loginShopper(app), opened.room.id, opened.room.shareToken)).status).toBe(201);
    expect(await stats(app, merchant, campaign.id)).toMatchObject({ rooms: 2, joinsFromShares: 1, shares: 0 });
    const sharers = await app.db.query(
      'SELECT shared_by_user_id FROM group_room_members WHERE via_share AND room_id = $1',
      [opened.room.id],
    );
    expect(sharers).toEqual([{ shared_by_user_id: opened.room.leaderUserId }]);
  });

  it('members are shown as a mini-program renders them, never with another shopper’s openid or token', async () => {
    const campaign = await createCampaign(app, merchant, { productId: product.id });
    const leader = await loginShopper(app);
    const opened = await openRoom(app, leader, campaign.id);
    await pay(app, opened.order);
    const member = await loginShopper(app);
    await joined(app, member, opened.room.id);
    const stranger = await loginShopper(app);
    const seen = await getRoom(app, stranger, opened.room.id);
    expect(seen.members).toEqual([
      {
        userId: leader.id,
        role: 'leader',
        status: 'paid',
        joinedAt: expect.any(String),
        display: `***${leader.openid.slice(-4)}`,
        isYou: false,
      },
      {
        userId: member.id,
        role: 'member',
        status: 'holding',
        joinedAt: expect.any(String),
        display: `***${member.openid.slice(-4)}`,
        isYou: false,
      },
    ]);
    const text = JSON.stringify(seen);
    for (const secret of [leader.openid, member.openid, leader.token, member.token]) expect(text).not.toContain(secret);
    expect((await getRoom(app, member, opened.room.id)).members[1].isYou).toBe(true);
  });

  it('room reads need a shopper token; unknown rooms are 404', async () => {
    const campaign = await createCampaign(app, merchant, { productId: product.id });
    const { room } = await openRoom(app, await loginShopper(app), campaign.id);
    expectError(await app.http.get(`/v1/group-rooms/${room.id}`), 401, 'UNAUTHENTICATED');
    expectError(await app.http.get(`/v1/group-rooms/${room.id}`, { token: merchant.apiKey }), 403, 'FORBIDDEN');
    const shopper = await loginShopper(app);
    expectError(await app.http.get('/v1/group-rooms/not-a-room', { token: shopper.token }), 404, 'NOT_FOUND');
    expectError(await app.http.get(`/v1/group-rooms/${campaign.id}`, { token: shopper.token }), 404, 'NOT_FOUND');
    expectError(
      await app.http.get(`/v1/group-rooms/${campaign.id}/qrcode`, { token: shopper.token }),
      404,
      'NOT_FOUND',
    );
  });

  it('a campaign outside its window is GROUP_BUY_NOT_ACTIVE; the public view lists joinable rooms only', async () => {
    const now = app.clock.now().getTime();
    const later = await createCampaign(app, merchant, {
      productId: product.id,
      startsAt: new Date(now + 3_600_000).toISOString(),
      endsAt: new Date(now + 7_200_000).toISOString(),
    });
    const shopper = await loginShopper(app);
    expectError(
      await app.http.post(`/v1/group-buys/${later.id}/rooms`, { token: shopper.token }),
      409,
      'GROUP_BUY_NOT_ACTIVE',
    );

    const campaign = await createCampaign(app, merchant, { productId: product.id, groupSize: 2 });
    const pending = await openRoom(app, await loginShopper(app), campaign.id);
    const open = await openRoom(app, await loginShopper(app), campaign.id);
    const full = await openRoom(app, await loginShopper(app), campaign.id);
    await pay(app, open.order, full.order);
    await joined(app, await loginShopper(app), full.room.id);
    const view = await app.http.get(`/v1/group-buys/${campaign.id}`, { token: shopper.token });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ id: campaign.id, phase: 'active', groupSize: 2, leaderPriceFen: 5000 });
    expect(view.body.openRooms).toEqual([
      expect.objectContaining({ id: open.room.id, seatsTaken: 1, seatsPaid: 1, seatsLeft: 1 }),
    ]);
    expect(JSON.stringify(view.body.openRooms)).not.toContain(pending.room.id);
    expect(JSON.stringify(view.body)).not.toContain(open.room.shareToken);
    expect((await app.http.get(`/v1/group-buys/${later.id}`, { token: shopper.token })).body).toMatchObject({
      phase: 'upcoming',
      openRooms: [],
    });
  });
});
