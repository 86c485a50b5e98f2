import { createCampaign, expireRooms, getRoom, joined, openRoom, pay } from '../group-buy/group-buy-fixtures';
import { createMerchant, createProduct, loginShopper, TestMerchant } from '../support/fixtures';
import { getOrder, runJobs, settleEverything } from '../support/payments';
import { TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';
import { GATEWAYS, startAppWith } from './support/gateway-under-test';

const SETTLE_DELAY_MS = 10 * 60_000;

describe.each(GATEWAYS)(
  'refunds ask back only what is still refundable (paid less refunds succeeded or in flight) (%s gateway)',
  (gatewayUnderTest) => {
    let app: TestApp;
    let merchant: TestMerchant;
    let product: { id: string };

    beforeAll(async () => {
      app = await startAppWith(gatewayUnderTest);
      merchant = await createMerchant(app);
      product = await createProduct(app, merchant, { priceFen: 10_000 });
    });
    afterEach(async () => {
      await app.http.request('PUT', '/v1/sandbox/settings', { token: TEST_ADMIN_TOKEN, body: { settleDelayMs: 0 } });
      await app.http.request('DELETE', '/v1/sandbox/faults', { token: TEST_ADMIN_TOKEN });
    });
    afterAll(() => app.close());

    const refundsOf = (orderId: string) =>
      app.db.query<{ amount_fen: string; cause: string; status: string; fail_reason: string | null }>(
        'SELECT amount_fen, cause, status, fail_reason FROM order_refunds WHERE order_id = $1 ORDER BY created_at',
        [orderId],
      );

    it('a room that fails while a merchant refund of a member is still processing refunds that member in full', async () => {
      const campaign = await createCampaign(app, merchant, {
        productId: product.id,
        completionWindowSeconds: 60,
        paymentWindowSeconds: 30,
      });
      const leader = await loginShopper(app);
      const opened = await openRoom(app, leader, campaign.id);
      await pay(app, opened.order);
      const member = await loginShopper(app);
      const seat = await joined(app, member, opened.room.id, opened.room.shareToken);
      await pay(app, seat.order);
      expect(seat.order.totalFen).toBe(6000);

      // The provider settles refunds slowly: the merchant's partial refund stays in flight.
      const slowed = await app.http.request('PUT', '/v1/sandbox/settings', {
        token: TEST_ADMIN_TOKEN,
        body: { settleDelayMs: SETTLE_DELAY_MS },
      });
      expect(slowed.status).toBe(200);
      const partial = await app.http.post(`/v1/merchant/orders/${seat.order.id}/refunds`, {
        token: merchant.apiKey,
        body: { amountFen: 1000, reason: 'Damaged box' },
      });
      expect(partial.status).toBe(201);
      await settleEverything(app, 2);
      expect(await refundsOf(seat.order.id)).toEqual([
        { amount_fen: '1000', cause: 'merchant', status: 'processing', fail_reason: null },
      ]);

      // The room fails with that refund still processing: the member is owed the other 5,000, not 6,000.
      app.clock.advance(61_000);
      await expireRooms(app);
      expect((await getRoom(app, leader, opened.room.id)).status).toBe('failed');
      await settleEverything(app, 2);
      expect((await refundsOf(seat.order.id)).map((r) => [r.amount_fen, r.cause, r.status])).toEqual([
        ['1000', 'merchant', 'processing'],
        ['5000', 'system', 'processing'],
      ]);

      // Once the provider settles both, the member has every fen back.
      app.clock.advance(SETTLE_DELAY_MS + 1000);
      await settleEverything(app, 4);
      await runJobs(app, 'outbox.dispatch');
      expect(await getOrder(app, member, seat.order.id)).toMatchObject({ status: 'refunded', refundedFen: 6000 });
      expect(await getOrder(app, leader, opened.order.id)).toMatchObject({ status: 'refunded', refundedFen: 5000 });
      expect((await refundsOf(seat.order.id)).map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
      const room = await getRoom(app, leader, opened.room.id);
      expect(room.members.map((m: any) => m.status)).toEqual(['refunded', 'refunded']);
    });

    it('a merchant refund that fails after the room asked for the rest: what it held is asked back too', async () => {
      const campaign = await createCampaign(app, merchant, {
        productId: product.id,
        completionWindowSeconds: 60,
        paymentWindowSeconds: 30,
      });
      const leader = await loginShopper(app);
      const opened = await openRoom(app, leader, campaign.id);
      await pay(app, opened.order);
      const member = await loginShopper(app);
      const seat = await joined(app, member, opened.room.id, opened.room.shareToken);
      await pay(app, seat.order);

      // The merchant's refund is asked for but not yet submitted when the room fails: the rest is 5,000.
      const partial = await app.http.post(`/v1/merchant/orders/${seat.order.id}/refunds`, {
        token: merchant.apiKey,
        body: { amountFen: 1000, reason: 'Damaged box' },
      });
      expect(partial.status).toBe(201);
      app.clock.advance(61_000);
      await expireRooms(app);
      // The merchant's refund reaches the provider first (reconciliation finds it due, the room's are not yet),
      // and the provider refuses it.
      const fault = await app.http.post('/v1/sandbox/faults', {
        token: TEST_ADMIN_TOKEN,
        body: { operation: 'refund', code: 'NOT_ENOUGH', times: 1 },
      });
      expect(fault.status).toBe(201);
      await runJobs(app, 'payments.reconcile');
      await settleEverything(app, 4);

      const rows = await refundsOf(seat.order.id);
      expect(rows.map((r) => [r.amount_fen, r.cause, r.status])).toEqual([
        ['1000', 'merchant', 'failed'],
        ['5000', 'system', 'succeeded'],
        ['1000', 'system', 'succeeded'],
      ]);
      expect(rows[0].fail_reason).toMatch(/NOT_ENOUGH/);
      expect(await getOrder(app, member, seat.order.id)).toMatchObject({ status: 'refunded', refundedFen: 6000 });
      const room = await getRoom(app, leader, opened.room.id);
      expect(room.members.map((m: any) => m.status)).toEqual(['refunded', 'refunded']);
    });

    it('a refund the system owes that the provider refuses is asked again, a bounded number of times', async () => {
      const campaign = await createCampaign(app, merchant, { productId: product.id, completionWindowSeconds: 60 });
      const leader = await loginShopper(app);
      const opened = await openRoom(app, leader, campaign.id);
      await pay(app, opened.order);

      // The provider refuses the room's refund once: it is asked again under a derived key and succeeds.
      const once = await app.http.post('/v1/sandbox/faults', {
        token: TEST_ADMIN_TOKEN,
        body: { operation: 'refund', code: 'NOT_ENOUGH', times: 1 },
      });
      expect(once.status).toBe(201);
      app.clock.advance(61_000);
      await expireRooms(app);
      await settleEverything(app, 4);
      expect((await refundsOf(opened.order.id)).map((r) => [r.amount_fen, r.status])).toEqual([
        ['5000', 'failed'],
        ['5000', 'succeeded'],
      ]);
      expect(await getOrder(app, leader, opened.order.id)).toMatchObject({ status: 'refunded', refundedFen: 5000 });

      // A provider that refuses every time: three attempts in all, then it is left failed for an operator.
      const other = await loginShopper(app);
      const second = await openRoom(app, other, campaign.id);
      await pay(app, second.order);
      const always = await app.http.post('/v1/sandbox/faults', {
        token: TEST_ADMIN_TOKEN,
        body: { operation: 'refund', code: 'NOT_ENOUGH', times: 10 },
      });
      expect(always.status).toBe(201);
      app.clock.advance(61_000);
      await expireRooms(app);
      await settleEverything(app, 6);
      expect((await refundsOf(second.order.id)).map((r) => r.status)).toEqual(['failed', 'failed', 'failed']);
      expect(await getOrder(app, other, second.order.id)).toMatchObject({ status: 'paid', refundedFen: 0 });
    });

    it('a merchant refund beyond the rest, counting refunds in flight, is refused with what is left', async () => {
      const campaign = await createCampaign(app, merchant, { productId: product.id });
      const leader = await loginShopper(app);
      const opened = await openRoom(app, leader, campaign.id);
      await pay(app, opened.order);
      await app.http.request('PUT', '/v1/sandbox/settings', {
        token: TEST_ADMIN_TOKEN,
        body: { settleDelayMs: SETTLE_DELAY_MS },
      });
      const refund = (amountFen: number) =>
        app.http.post(`/v1/merchant/orders/${opened.order.id}/refunds`, {
          token: merchant.apiKey,
          body: { amountFen, reason: 'Partial' },
        });
      expect((await refund(3000)).status).toBe(201);
      await settleEverything(app, 1);
      const over = await refund(2001);
      expect(over.status).toBe(409);
      expect(over.body.error).toMatchObject({ code: 'REFUND_EXCEEDS_PAID', details: { refundableFen: 2000 } });
      expect((await refund(2000)).status).toBe(201);
    });
  },
);
