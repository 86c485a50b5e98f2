import { Client } from 'pg';
import { itConcurrently } from '../coupons/coupon-fixtures';
import { createMerchant, createProduct, loginShopper, TestMerchant } from '../support/fixtures';
import { getOrder, settleEverything } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import { createCampaign, expireRooms, getRoom, joined, openRoom, pay } from './group-buy-fixtures';

/**
 * A refund settling on a member's order locks the order, then (its consequences) the member's room. The room sweep
 * must therefore never wait for an order while it holds a room: it claims the refunds with the room's failure and
 * asks them once that has committed. Here a test connection plays the settling refund: it holds the order, lets
 * the sweep start, then takes the room. Were the sweep holding the room while waiting for the order, Postgres
 * would find a deadlock and abort one side.
 */
describe('a failing room and a refund settling on a member’s order take their locks in one order', () => {
  let app: TestApp;
  let merchant: TestMerchant;
  let product: { id: string };

  beforeAll(async () => {
    app = await startTestApp();
    merchant = await createMerchant(app);
    product = await createProduct(app, merchant, { priceFen: 10_000 });
  });
  afterAll(() => app.close());

  itConcurrently('the sweep fails the room without holding it while the order is locked elsewhere', async () => {
    const campaign = await createCampaign(app, merchant, { productId: product.id, completionWindowSeconds: 60 });
    const leader = await loginShopper(app);
    const opened = await openRoom(app, leader, campaign.id);
    await pay(app, opened.order);
    const member = await loginShopper(app);
    const seat = await joined(app, member, opened.room.id, opened.room.shareToken);
    await pay(app, seat.order);

    const settling = new Client({ connectionString: app.db.url });
    await settling.connect();
    try {
      await settling.query(`SET lock_timeout = '10s'`);
      await settling.query('BEGIN');
      await settling.query('SELECT id FROM orders WHERE id = $1 FOR UPDATE', [seat.order.id]);

      app.clock.advance(61_000);
      const sweeping = expireRooms(app);
      // Until the sweep's work waits on the order this connection holds.
      for (let i = 0; ; i++) {
        const [{ waiting }] = await app.db.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        if (waiting > 0) break;
        if (i > 500) throw new Error('the sweep never waited on the order');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // The room is free to take: its failure has committed.
      const room = await settling.query('SELECT status FROM group_rooms WHERE id = $1 FOR UPDATE', [opened.room.id]);
      expect(room.rows).toEqual([{ status: 'failed' }]);
      await settling.query('COMMIT');
      await sweeping;
    } finally {
      await settling.end();
    }

    await settleEverything(app, 4);
    expect(await getOrder(app, member, seat.order.id)).toMatchObject({ status: 'refunded', refundedFen: 6000 });
    expect((await getRoom(app, leader, opened.room.id)).members.map((m: any) => m.status)).toEqual([
      'refunded',
      'refunded',
    ]);
  });

  itConcurrently(
    'a refund claimed but never asked (the instance died after the commit) is asked a minute later',
    async () => {
      const campaign = await createCampaign(app, merchant, { productId: product.id, completionWindowSeconds: 60 });
      const leader = await loginShopper(app);
      const opened = await openRoom(app, leader, campaign.id);
      await pay(app, opened.order);

      app.clock.advance(61_000);
      await expireRooms(app);
      // As if the instance had died between the failure's commit and asking: the refund and its message are gone.
      await app.db.query(`DELETE FROM outbox_messages WHERE payload->>'orderId' = $1`, [opened.order.id]);
      await app.db.query('DELETE FROM order_refunds WHERE order_id = $1', [opened.order.id]);

      await expireRooms(app);
      expect(await app.db.query('SELECT id FROM order_refunds WHERE order_id = $1', [opened.order.id])).toEqual([]);
      app.clock.advance(61_000);
      await expireRooms(app);
      await settleEverything(app, 4);
      expect(await getOrder(app, leader, opened.order.id)).toMatchObject({ status: 'refunded', refundedFen: 5000 });
    },
  );
});
