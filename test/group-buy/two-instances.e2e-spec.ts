import { JobRunner } from '../../src/platform/jobs/job-runner';
import { RoomExpiryService, SweepResult } from '../../src/modules/group-buy/room-expiry.service';
import { createMerchant, createProduct, loginShopper } from '../support/fixtures';
import { payInSandbox, settleEverything } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import { createCampaign, joined, openRoom } from './group-buy-fixtures';

const ROOMS = 20;

describe('two instances running the expiry job over the same expiring rooms', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await startTestApp();
    second = await startTestApp({ database: first.db });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  async function sweepUntilDone(app: TestApp): Promise<SweepResult> {
    const total: SweepResult = { claimed: 0, failed: 0, completed: 0, cancelled: 0, refundsRequested: 0 };
    const expiry = app.app.get(RoomExpiryService);
    for (;;) {
      const result = await expiry.sweep(2); // small batches, so the instances interleave
      if (result.claimed === 0) return total;
      for (const key of Object.keys(total) as Array<keyof SweepResult>) total[key] += result[key];
    }
  }

  it('refund each paid member exactly once', async () => {
    const merchant = await createMerchant(first);
    const product = await createProduct(first, merchant, { priceFen: 10_000 });
    const campaign = await createCampaign(first, merchant, {
      productId: product.id,
      groupSize: 3,
      completionWindowSeconds: 60,
    });
    const orders: any[] = [];
    const rooms: any[] = [];
    for (let i = 0; i < ROOMS; i++) {
      const app = i % 2 ? second : first;
      const opened = await openRoom(app, await loginShopper(app), campaign.id);
      rooms.push(opened.room);
      orders.push(opened.order);
      await payInSandbox(app, opened.order.payment.outTradeNo);
    }
    await settleEverything(first, 5);
    for (const room of rooms) {
      const seat = await joined(second, await loginShopper(second), room.id);
      orders.push(seat.order);
      await payInSandbox(second, seat.order.payment.outTradeNo);
    }
    await settleEverything(second, 5);
    const [open] = await first.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM group_rooms WHERE campaign_id = $1 AND status = 'open' AND seats_paid = 2`,
      [campaign.id],
    );
    expect(Number(open.n)).toBe(ROOMS);

    first.clock.advance(61_000);
    second.clock.advance(61_000);
    const [a, b] = await Promise.all([sweepUntilDone(first), sweepUntilDone(second)]);
    // Both instances did part of the work (batches of 2 over 20 rooms, so neither can take them all at once),
    // and between them they claimed every room exactly once.
    expect(a.claimed).toBeGreaterThan(0);
    expect(b.claimed).toBeGreaterThan(0);
    expect(a.claimed + b.claimed).toBe(ROOMS);
    expect(a.failed).toBe(a.claimed);
    expect(b.failed).toBe(b.claimed);
    // The scheduled job on either instance finds nothing left to claim.
    const afterwards = (await Promise.all([
      first.app.get(JobRunner).runNow('group-buy.expire'),
      second.app.get(JobRunner).runNow('group-buy.expire'),
    ])) as SweepResult[];
    expect(afterwards.map((run) => run.claimed)).toEqual([0, 0]);
    expect(a.failed + b.failed).toBe(ROOMS);
    expect(a.refundsRequested + b.refundsRequested).toBe(2 * ROOMS);
    await Promise.all([settleEverything(first, 6), settleEverything(second, 6)]);

    // One refund row per (room, member), each for what the member paid; the provider refunded each order once.
    const refunds = await first.db.query<{
      business_key: string;
      order_id: string;
      amount_fen: string;
      status: string;
    }>(`SELECT business_key, order_id, amount_fen, status FROM order_refunds WHERE order_id = ANY($1)`, [
      orders.map((o) => o.id),
    ]);
    expect(refunds).toHaveLength(2 * ROOMS);
    const totals = new Map(orders.map((o) => [o.id, o.totalFen]));
    const roomOf = new Map<string, string>();
    for (const [i, room] of rooms.entries()) {
      roomOf.set(orders[i].id, room.id);
      roomOf.set(orders[ROOMS + i].id, room.id);
    }
    for (const refund of refunds) {
      expect(refund.business_key).toBe(`group-room-failed:${roomOf.get(refund.order_id)}:${refund.order_id}`);
      expect(Number(refund.amount_fen)).toBe(totals.get(refund.order_id));
      expect(refund.status).toBe('succeeded');
    }
    const provider = await first.db.query<{ out_trade_no: string; n: string; total: string }>(
      `SELECT out_trade_no, count(*) AS n, sum(amount_fen) AS total FROM sandbox_refunds
       WHERE out_trade_no = ANY($1) GROUP BY out_trade_no`,
      [orders.map((o) => o.payment.outTradeNo)],
    );
    expect(provider).toHaveLength(2 * ROOMS);
    const byTrade = new Map(orders.map((o) => [o.payment.outTradeNo, o.totalFen]));
    for (const row of provider) {
      expect(Number(row.n)).toBe(1);
      expect(Number(row.total)).toBe(byTrade.get(row.out_trade_no));
    }
    const states = await first.db.query<{ status: string; refunded_fen: string; total_fen: string }>(
      'SELECT status, refunded_fen, total_fen FROM orders WHERE id = ANY($1)',
      [orders.map((o) => o.id)],
    );
    expect(states.every((o) => o.status === 'refunded' && o.refunded_fen === o.total_fen)).toBe(true);
    const members = await first.db.query<{ status: string; n: string }>(
      `SELECT status, count(*) AS n FROM group_room_members WHERE campaign_id = $1 GROUP BY status`,
      [campaign.id],
    );
    expect(members.map((m) => [m.status, Number(m.n)])).toEqual([['refunded', 2 * ROOMS]]);
  });
});
