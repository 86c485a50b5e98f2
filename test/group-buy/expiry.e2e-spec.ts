import {
  createMerchant,
  createProduct,
  expectError,
  loginShopper,
  TestMerchant,
  TestShopper,
} from '../support/fixtures';
import { getOrder, payInSandbox, runJobs, settleEverything } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import {
  createCampaign,
  expireRooms,
  getRoom,
  joined,
  joinRoom,
  openRoom,
  pay,
  seatCounts,
  stats,
} from './group-buy-fixtures';

describe('group-buy deadlines: failing with refunds, virtual completion, cancelled pending rooms', () => {
  let app: TestApp;
  let merchant: TestMerchant;
  let product: { id: string };

  beforeAll(async () => {
    app = await startTestApp();
    merchant = await createMerchant(app);
    product = await createProduct(app, merchant, { priceFen: 10_000 });
  });
  afterAll(() => app.close());

  /** A room of 3 with a paid leader (5000) and a paid member (6000); the third seat stays empty. */
  async function twoPaidOfThree(virtualCompletion: boolean) {
    const campaign = await createCampaign(app, merchant, {
      productId: product.id,
      completionWindowSeconds: 60,
      paymentWindowSeconds: 30,
      virtualCompletion,
    });
    const leader = await loginShopper(app);
    const opened = await openRoom(app, leader, campaign.id);
    await pay(app, opened.order);
    const member = await loginShopper(app);
    const seat = await joined(app, member, opened.room.id, opened.room.shareToken);
    await pay(app, seat.order);
    return {
      campaign,
      room: opened.room,
      paid: [
        [leader, opened.order],
        [member, seat.order],
      ] as Array<[TestShopper, any]>,
    };
  }

  const refundRows = (roomId: string) =>
    app.db.query<{ order_id: string; business_key: string; amount_fen: string; status: string }>(
      `SELECT order_id, business_key, amount_fen, status FROM order_refunds WHERE business_key LIKE $1 ORDER BY order_id`,
      [`group-room-failed:${roomId}:%`],
    );

  it('an unfilled room fails after its completion window; both paid members end refunded with what they paid, once', async () => {
    const { campaign, room, paid } = await twoPaidOfThree(false);
    const late = await loginShopper(app);
    app.clock.advance(60_000);
    // At the deadline itself the room no longer takes members, though the job has not run.
    expectError(await joinRoom(app, late, room.id), 409, 'GROUP_ROOM_NOT_OPEN');
    app.clock.advance(1000);
    await expireRooms(app);
    expect((await getRoom(app, late, room.id)).status).toBe('failed');
    await settleEverything(app, 4);
    await expireRooms(app); // again: nothing more
    await settleEverything(app, 2);

    for (const [shopper, order] of paid) {
      const now = await getOrder(app, shopper, order.id);
      expect(now).toMatchObject({ status: 'refunded', refundedFen: order.totalFen });
    }
    const view = await getRoom(app, paid[0][0], room.id);
    expect(view).toMatchObject({ status: 'failed', seatsPaid: 2, virtualSeats: 0 });
    expect(view.members.map((m: any) => m.status)).toEqual(['refunded', 'refunded']);

    const rows = await refundRows(room.id);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => [r.order_id, Number(r.amount_fen), r.status]).sort()).toEqual(
      paid.map(([, order]) => [order.id, order.totalFen, 'succeeded']).sort(),
    );
    const provider = await app.db.query<{ out_trade_no: string; refunds: string; total: string }>(
      `SELECT out_trade_no, count(*) AS refunds, sum(amount_fen) AS total FROM sandbox_refunds
       WHERE out_trade_no = ANY($1) GROUP BY out_trade_no ORDER BY out_trade_no`,
      [paid.map(([, order]) => order.payment.outTradeNo)],
    );
    expect(provider.map((p) => [p.out_trade_no, Number(p.refunds), Number(p.total)]).sort()).toEqual(
      paid.map(([, order]) => [order.payment.outTradeNo, 1, order.totalFen]).sort(),
    );
    expect(await stats(app, merchant, campaign.id)).toMatchObject({
      rooms: 1,
      completed: 0,
      failed: 1,
      joinsFromShares: 1,
    });
  });

  it('with virtualCompletion the room completes as it stands, the missing seat virtual, nobody refunded', async () => {
    const { campaign, room, paid } = await twoPaidOfThree(true);
    app.clock.advance(61_000);
    await expireRooms(app);
    await settleEverything(app, 2);
    const view = await getRoom(app, paid[0][0], room.id);
    expect(view).toMatchObject({ status: 'completed', seatsPaid: 2, virtualSeats: 1 });
    expect(view.members.map((m: any) => m.status)).toEqual(['paid', 'paid']);
    for (const [shopper, order] of paid) expect((await getOrder(app, shopper, order.id)).status).toBe('paid');
    expect(await refundRows(room.id)).toEqual([]);
    expect(await stats(app, merchant, campaign.id)).toMatchObject({ completed: 1, failed: 0 });
  });

  it('a hold still unpaid when the room expires is released and its order cancelled', async () => {
    const campaign = await createCampaign(app, merchant, {
      productId: product.id,
      completionWindowSeconds: 60,
      paymentWindowSeconds: 600,
    });
    const leader = await loginShopper(app);
    const opened = await openRoom(app, leader, campaign.id);
    await pay(app, opened.order);
    const holder = await loginShopper(app);
    const seat = await joined(app, holder, opened.room.id);
    // The seat's order is payable only as long as the room: its deadline is the room's.
    expect(seat.order.expiresAt).toBe((await getRoom(app, leader, opened.room.id)).expiresAt);
    app.clock.advance(61_000);
    await expireRooms(app);
    await settleEverything(app, 3);
    expect(await seatCounts(app, opened.room.id)).toEqual({
      status: 'failed',
      seatsTaken: 1,
      seatsPaid: 1,
      held: 0,
      paid: 0, // the leader's seat: refunded since
    });
    expect((await getOrder(app, holder, seat.order.id)).status).toBe('cancelled');
    expect((await getOrder(app, leader, opened.order.id)).status).toBe('refunded');
  });

  it('a pending room whose leader never pays is cancelled, and the leader may open another', async () => {
    const campaign = await createCampaign(app, merchant, { productId: product.id, paymentWindowSeconds: 30 });
    const leader = await loginShopper(app);
    const opened = await openRoom(app, leader, campaign.id);
    app.clock.advance(31_000);
    await expireRooms(app);
    const view = await getRoom(app, leader, opened.room.id);
    expect(view).toMatchObject({ status: 'cancelled', seatsTaken: 0, seatsPaid: 0 });
    expect(view.members.map((m: any) => m.status)).toEqual(['released']);
    await settleEverything(app, 2);
    expect((await getOrder(app, leader, opened.order.id)).status).toBe('cancelled');
    expect((await openRoom(app, leader, campaign.id)).room.status).toBe('pending');
    expect(await stats(app, merchant, campaign.id)).toMatchObject({ rooms: 2, cancelled: 1, pending: 1 });
  });

  it("a pending room is also cancelled when the orders module expires the leader's order first", async () => {
    const campaign = await createCampaign(app, merchant, { productId: product.id, paymentWindowSeconds: 30 });
    const leader = await loginShopper(app);
    const opened = await openRoom(app, leader, campaign.id);
    app.clock.advance(31_000);
    await runJobs(app, 'orders.expire');
    await settleEverything(app, 2);
    expect((await getRoom(app, leader, opened.room.id)).status).toBe('cancelled');
  });

  it('a leader past the deadline of a pending room opens a new one at once, before any job runs', async () => {
    const campaign = await createCampaign(app, merchant, { productId: product.id, paymentWindowSeconds: 30 });
    const leader = await loginShopper(app);
    const first = await openRoom(app, leader, campaign.id);
    app.clock.advance(31_000);
    const second = await openRoom(app, leader, campaign.id);
    expect(second.room.id).not.toBe(first.room.id);
    expect((await getRoom(app, leader, first.room.id)).status).toBe('cancelled');
  });

  it('a payment whose event is still in the outbox when the room expires counts: the room completes', async () => {
    const campaign = await createCampaign(app, merchant, {
      productId: product.id,
      groupSize: 2,
      completionWindowSeconds: 60,
    });
    const leader = await loginShopper(app);
    const opened = await openRoom(app, leader, campaign.id);
    await pay(app, opened.order);
    const member = await loginShopper(app);
    const seat = await joined(app, member, opened.room.id);
    await payInSandbox(app, seat.order.payment.outTradeNo);
    await runJobs(app, 'sandbox.deliver'); // the order is paid; its order.paid event not yet delivered to us
    expect((await getOrder(app, member, seat.order.id)).status).toBe('paid');
    app.clock.advance(61_000);
    await expireRooms(app);
    expect(await seatCounts(app, opened.room.id)).toEqual({
      status: 'completed',
      seatsTaken: 2,
      seatsPaid: 2,
      held: 0,
      paid: 2,
    });
    await settleEverything(app, 2);
    expect(await seatCounts(app, opened.room.id)).toEqual({
      status: 'completed',
      seatsTaken: 2,
      seatsPaid: 2,
      held: 0,
      paid: 2,
    });
    expect((await getOrder(app, member, seat.order.id)).status).toBe('paid');
  });

  it("a member's order refunded by the merchant while the room is open frees the seat", async () => {
    const campaign = await createCampaign(app, merchant, { productId: product.id });
    const leader = await loginShopper(app);
    const opened = await openRoom(app, leader, campaign.id);
    await pay(app, opened.order);
    const member = await loginShopper(app);
    const seat = await joined(app, member, opened.room.id);
    await pay(app, seat.order);
    expect(await seatCounts(app, opened.room.id)).toMatchObject({ seatsTaken: 2, seatsPaid: 2 });
    const partial = await app.http.post(`/v1/merchant/orders/${seat.order.id}/refunds`, {
      token: merchant.apiKey,
      body: { amountFen: 1000, reason: 'price adjustment' },
    });
    expect(partial.status).toBe(201);
    await settleEverything(app, 3);
    expect(await seatCounts(app, opened.room.id)).toMatchObject({ seatsTaken: 2, seatsPaid: 2 });
    const rest = await app.http.post(`/v1/merchant/orders/${seat.order.id}/refunds`, {
      token: merchant.apiKey,
      body: { amountFen: 5000, reason: 'changed mind' },
    });
    expect(rest.status).toBe(201);
    await settleEverything(app, 3);
    expect(await seatCounts(app, opened.room.id)).toEqual({
      status: 'open',
      seatsTaken: 1,
      seatsPaid: 1,
      held: 0,
      paid: 1,
    });
    expect((await getRoom(app, leader, opened.room.id)).members.map((m: any) => m.status)).toEqual([
      'paid',
      'refunded',
    ]);
  });
});
