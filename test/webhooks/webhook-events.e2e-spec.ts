import { WebhookDispatcher } from '../../src/modules/webhooks/delivery/webhook-dispatcher';
import { SandboxFaults } from '../../src/payments/sandbox/sandbox-faults';
import { JobRunner } from '../../src/platform/jobs/job-runner';
import { templateBody } from '../coupons/coupon-fixtures';
import { createSale, persistReservations, purchase } from '../flash-sale/flash-fixtures';
import { createCampaign as createGroupBuy, joined, openRoom, pay } from '../group-buy/group-buy-fixtures';
import { createCampaign as createLuckyDraw, draw } from '../lucky-draw/lucky-draw-fixtures';
import { createMerchant, createProduct, loginShopper, TestMerchant, TestShopper } from '../support/fixtures';
import { payAndSettle, placeOrder, runJobs, settleEverything } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import { testEnvironment } from '../support/test-env';
import { createEndpoint, ReceivedWebhook, signedBy, WebhookReceiver } from './webhook-receiver';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Every event type of API.md that exists today, caused through the API as merchants and shoppers cause it, arrives
 * once at an endpoint subscribed to everything, signed, with a body that matches the state. Postgres adapters
 * (no Redis): a flash sale's sold-out is reported by the Postgres gate's own UPDATE.
 */
describe('webhook events', () => {
  let app: TestApp;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    app = await startTestApp({ redis: false });
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await app.app.get(WebhookDispatcher).idle();
    await receiver.close();
    await app.close();
  });
  afterEach(() => app.app.get(SandboxFaults).clear());

  /** A merchant with an endpoint for every event, its secret, and a product. */
  async function subscribedMerchant(priceFen = 5000) {
    const merchant = await createMerchant(app, 'Shop');
    const endpoint = await createEndpoint(app, merchant, receiver.url, ['*']);
    const product = await createProduct(app, merchant, { priceFen });
    return { merchant, secret: endpoint.secret, product };
  }

  async function dispatch(): Promise<void> {
    await app.app.get(JobRunner).runNow('webhooks.dispatch');
    await app.app.get(WebhookDispatcher).idle();
  }

  /** The one webhook of this type for this merchant, verified; a second of its kind fails the test. */
  async function onlyHook(merchant: TestMerchant, secret: string, type: string): Promise<ReceivedWebhook> {
    await dispatch();
    const mine = (hook: ReceivedWebhook) => hook.json.merchantId === merchant.id && hook.json.type === type;
    const [hook] = await receiver.waitFor(1, mine);
    await dispatch();
    expect(receiver.received.filter(mine)).toHaveLength(1);
    expect(signedBy(secret, hook)).toBe(true);
    expect(hook.json).toEqual({
      id: hook.headers['webhook-id'],
      type,
      createdAt: expect.any(String),
      merchantId: merchant.id,
      data: expect.any(Object),
    });
    return hook;
  }

  const typesFor = (merchant: TestMerchant) =>
    receiver.received.filter((hook) => hook.json.merchantId === merchant.id).map((hook) => hook.json.type);

  async function paidOrder(shopper: TestShopper, product: { id: string }, quantity = 2) {
    const order = await placeOrder(app, shopper, [{ productId: product.id, quantity }]);
    const paid = await payAndSettle(app, shopper, order);
    expect(paid.status).toBe('paid');
    return paid;
  }

  it('order.paid carries the order: totals, items, shopper id, never the openid', async () => {
    const { merchant, secret, product } = await subscribedMerchant(2500);
    const shopper = await loginShopper(app);
    const order = await paidOrder(shopper, product, 3);
    const hook = await onlyHook(merchant, secret, 'order.paid');
    expect(hook.json.data).toEqual({
      orderId: order.id,
      kind: 'standard',
      status: 'paid',
      shopperId: shopper.id,
      couponId: null,
      subtotalFen: 7500,
      discountFen: 0,
      giftCardFen: 0,
      totalFen: 7500,
      refundedFen: 0,
      paidAt: order.paidAt,
      items: [{ productId: product.id, quantity: 3, unitPriceFen: 2500 }],
    });
    expect(hook.body).not.toContain(shopper.openid);
  });

  it('order.cancelled carries the reason and the order as cancelled', async () => {
    const { merchant, secret, product } = await subscribedMerchant();
    const shopper = await loginShopper(app);
    const order = await placeOrder(app, shopper, [{ productId: product.id, quantity: 1 }]);
    await app.http.post(`/v1/orders/${order.id}/cancel`, { token: shopper.token });
    const hook = await onlyHook(merchant, secret, 'order.cancelled');
    expect(hook.json.data).toMatchObject({ orderId: order.id, status: 'cancelled', reason: expect.any(String) });
    expect(typesFor(merchant)).toEqual(['order.cancelled']);
  });

  it('a merchant refund sends refund.succeeded and order.refunded with the amounts', async () => {
    const { merchant, secret, product } = await subscribedMerchant(4000);
    const shopper = await loginShopper(app);
    const order = await paidOrder(shopper, product, 1);
    const refund = await app.http.post(`/v1/merchant/orders/${order.id}/refunds`, {
      token: merchant.apiKey,
      idempotencyKey: `refund-${order.id}`,
      body: { amountFen: 1500, reason: 'Damaged box' },
    });
    expect(refund.status).toBe(201);
    await settleEverything(app);

    const succeeded = await onlyHook(merchant, secret, 'refund.succeeded');
    expect(succeeded.json.data).toEqual({
      refundId: refund.body.id,
      orderId: order.id,
      outRefundNo: refund.body.outRefundNo,
      amountFen: 1500,
      giftCardFen: 0,
      reason: 'Damaged box',
      cause: 'merchant',
      status: 'succeeded',
      succeededAt: expect.any(String),
    });
    const refunded = await onlyHook(merchant, secret, 'order.refunded');
    expect(refunded.json.data).toMatchObject({
      orderId: order.id,
      status: 'partially_refunded',
      totalFen: 4000,
      refundedFen: 1500,
      refundId: refund.body.id,
      amountFen: 1500,
    });
  });

  it('a refund the provider refuses sends refund.failed with its reason', async () => {
    const { merchant, secret, product } = await subscribedMerchant(4000);
    const shopper = await loginShopper(app);
    const order = await paidOrder(shopper, product, 1);
    await app.http.post('/v1/sandbox/faults', {
      token: 'test-admin-token-0123456789abcdef',
      body: { operation: 'refund', code: 'INVALID_REQUEST', times: 1 },
    });
    const refund = await app.http.post(`/v1/merchant/orders/${order.id}/refunds`, {
      token: merchant.apiKey,
      idempotencyKey: `refund-${order.id}`,
      body: { amountFen: 4000, reason: 'Changed mind' },
    });
    expect(refund.status).toBe(201);
    await settleEverything(app);
    const hook = await onlyHook(merchant, secret, 'refund.failed');
    expect(hook.json.data).toMatchObject({
      refundId: refund.body.id,
      orderId: order.id,
      amountFen: 4000,
      status: 'failed',
      failReason: expect.stringContaining('INVALID_REQUEST'),
    });
    expect(typesFor(merchant)).not.toContain('order.refunded');
  });

  it('flash_sale.sold_out once, when the last unit goes, even if stock comes back and sells again', async () => {
    const { merchant, secret, product } = await subscribedMerchant();
    const sale = await createSale(app, merchant, product.id, { totalStock: 2, perUserLimit: 1 });
    const [first, second, third] = [await loginShopper(app), await loginShopper(app), await loginShopper(app)];
    expect((await purchase(app, first, sale.id)).status).toBe(202);
    await dispatch();
    expect(typesFor(merchant)).not.toContain('flash_sale.sold_out');
    const last = await purchase(app, second, sale.id);
    expect(last.status).toBe(202);
    const hook = await onlyHook(merchant, secret, 'flash_sale.sold_out');
    expect(hook.json.data).toEqual({ saleId: sale.id, productId: product.id, soldOutAt: expect.any(String) });

    // The second buyer's order lapses, the unit comes back and sells again: no second sold-out.
    await app.http.post(`/v1/orders/${last.body.orderId}/cancel`, { token: second.token });
    expect((await purchase(app, third, sale.id)).status).toBe(202);
    await dispatch();
    expect(typesFor(merchant).filter((type) => type === 'flash_sale.sold_out')).toHaveLength(1);
  });

  it('group_room.completed when the last seat is paid, with the paid members', async () => {
    const { merchant, secret, product } = await subscribedMerchant(10_000);
    const campaign = await createGroupBuy(app, merchant, { productId: product.id, groupSize: 2 });
    const leader = await loginShopper(app);
    const member = await loginShopper(app);
    const opened = await openRoom(app, leader, campaign.id);
    await pay(app, opened.order);
    const seat = await joined(app, member, opened.room.id);
    await pay(app, seat.order);

    const hook = await onlyHook(merchant, secret, 'group_room.completed');
    expect(hook.json.data).toMatchObject({
      roomId: opened.room.id,
      campaignId: campaign.id,
      leaderShopperId: leader.id,
      status: 'completed',
      groupSize: 2,
      seatsPaid: 2,
      virtualSeats: 0,
    });
    expect(hook.json.data.paidMembers).toEqual([
      { shopperId: leader.id, orderId: opened.order.id, amountFen: 5000 },
      { shopperId: member.id, orderId: seat.order.id, amountFen: 6000 },
    ]);
    expect(hook.body).not.toContain(leader.openid);
  });

  it('group_room.failed when a room does not fill in time', async () => {
    const { merchant, secret, product } = await subscribedMerchant(10_000);
    const campaign = await createGroupBuy(app, merchant, { productId: product.id, groupSize: 3 });
    const leader = await loginShopper(app);
    const opened = await openRoom(app, leader, campaign.id);
    await pay(app, opened.order);
    app.clock.advance(HOUR + MINUTE);
    await runJobs(app, 'group-buy.expire');
    const hook = await onlyHook(merchant, secret, 'group_room.failed');
    expect(hook.json.data).toMatchObject({
      roomId: opened.room.id,
      status: 'failed',
      groupSize: 3,
      seatsPaid: 1,
      paidMembers: [{ shopperId: leader.id, orderId: opened.order.id, amountFen: 5000 }],
    });
  });

  it('lucky_draw.prize_won for a cash prize, then transfer.succeeded when the money arrives', async () => {
    const { merchant, secret } = await subscribedMerchant();
    const campaign = await createLuckyDraw(app, merchant, {
      prizes: [{ name: 'Red packet', kind: 'cash', cashFen: 888, weight: 1 }],
    });
    const shopper = await loginShopper(app);
    const drawn = await draw(app, shopper, campaign.id);
    expect(drawn.status).toBe(201);

    const won = await onlyHook(merchant, secret, 'lucky_draw.prize_won');
    expect(won.json.data).toMatchObject({
      drawId: drawn.body.drawId,
      campaignId: campaign.id,
      shopperId: shopper.id,
      prize: { name: 'Red packet', kind: 'cash', cashFen: 888 },
      couponId: null,
      transferId: expect.any(String),
    });
    await settleEverything(app);
    const paid = await onlyHook(merchant, secret, 'transfer.succeeded');
    expect(paid.json.data).toMatchObject({
      transferId: won.json.data.transferId,
      shopperId: shopper.id,
      amountFen: 888,
      reason: 'prize',
      status: 'succeeded',
    });
    expect(paid.body).not.toContain(shopper.openid);
  });

  it('transfer.failed when the provider refuses a transfer for good', async () => {
    const { merchant, secret } = await subscribedMerchant();
    const campaign = await createLuckyDraw(app, merchant, {
      prizes: [{ name: 'Red packet', kind: 'cash', cashFen: 500, weight: 1 }],
    });
    await app.http.post('/v1/sandbox/faults', {
      token: 'test-admin-token-0123456789abcdef',
      body: { operation: 'transfer', code: 'INVALID_REQUEST', times: 1 },
    });
    const shopper = await loginShopper(app);
    expect((await draw(app, shopper, campaign.id)).status).toBe(201);
    await settleEverything(app);
    const hook = await onlyHook(merchant, secret, 'transfer.failed');
    expect(hook.json.data).toMatchObject({
      shopperId: shopper.id,
      amountFen: 500,
      status: 'failed',
      failReason: expect.stringContaining('INVALID_REQUEST'),
    });
  });

  it('rebate.paid when a rebate is paid out', async () => {
    const { merchant, secret, product } = await subscribedMerchant(10_000);
    const rule = await app.http.post('/v1/merchant/rebate-rules', {
      token: merchant.apiKey,
      body: {
        name: '5 yuan back',
        kind: 'fixed',
        valueFen: 500,
        delaySeconds: 0,
        startsAt: new Date(app.clock.now().getTime() - MINUTE).toISOString(),
        endsAt: new Date(app.clock.now().getTime() + HOUR).toISOString(),
      },
    });
    expect(rule.status).toBe(201);
    const shopper = await loginShopper(app);
    const order = await paidOrder(shopper, product, 1);
    await runJobs(app, 'rebates.pay');
    const hook = await onlyHook(merchant, secret, 'rebate.paid');
    expect(hook.json.data).toMatchObject({
      ruleId: rule.body.id,
      orderId: order.id,
      shopperId: shopper.id,
      amountFen: 500,
      transferId: expect.any(String),
    });
  });

  it.each(['coupon-templates', 'flash-sales', 'group-buys', 'lucky-draws', 'rebate-rules'])(
    'campaign.ended when a merchant ends a campaign of %s, once however often it is ended',
    async (kind) => {
      const { merchant, secret, product } = await subscribedMerchant();
      const now = app.clock.now().getTime();
      const window = { startsAt: new Date(now - MINUTE).toISOString(), endsAt: new Date(now + HOUR).toISOString() };
      const bodies: Record<string, Record<string, unknown>> = {
        'coupon-templates': templateBody(app),
        'flash-sales': {
          productId: product.id,
          priceFen: 990,
          totalStock: 5,
          perUserLimit: 1,
          paymentWindowSeconds: 120,
          ...window,
        },
        'group-buys': {
          productId: product.id,
          groupPriceFen: 4000,
          groupSize: 2,
          completionWindowSeconds: 600,
          paymentWindowSeconds: 300,
          ...window,
        },
        'lucky-draws': { name: 'Draw', prizes: [{ name: 'Thanks', kind: 'none', weight: 1 }], ...window },
        'rebate-rules': { name: 'Back', kind: 'fixed', valueFen: 100, ...window },
      };
      const created = await app.http.post(`/v1/merchant/${kind}`, { token: merchant.apiKey, body: bodies[kind] });
      expect(created.status).toBe(201);
      for (let i = 0; i < 2; i++) {
        const ended = await app.http.post(`/v1/merchant/${kind}/${created.body.id}/end`, { token: merchant.apiKey });
        expect(ended.status).toBe(200);
      }
      const hook = await onlyHook(merchant, secret, 'campaign.ended');
      expect(hook.json.data).toEqual({ campaignId: created.body.id, kind, endedAt: expect.any(String) });
    },
  );
});

// With Redis the gate answers in Redis; the consumer that persists its entries reports the sale sold out.
const withRedis = testEnvironment().redisUrl !== null ? describe : describe.skip;

withRedis('flash_sale.sold_out on the Redis gate', () => {
  let app: TestApp;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    app = await startTestApp({ redis: true });
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await app.app.get(WebhookDispatcher).idle();
    await receiver.close();
    await app.close();
  });

  it('is recorded once, when the consumer persists the batch that took the last unit', async () => {
    const merchant = await createMerchant(app, 'Flash shop');
    const endpoint = await createEndpoint(app, merchant, receiver.url, ['flash_sale.sold_out']);
    const product = await createProduct(app, merchant, { priceFen: 2000 });
    const sale = await createSale(app, merchant, product.id, { totalStock: 2, perUserLimit: 1 });
    const dispatch = async () => {
      await app.app.get(JobRunner).runNow('webhooks.dispatch');
      await app.app.get(WebhookDispatcher).idle();
    };

    expect((await purchase(app, await loginShopper(app), sale.id)).status).toBe(202);
    await persistReservations(app);
    await dispatch();
    expect(receiver.received).toHaveLength(0);

    expect((await purchase(app, await loginShopper(app), sale.id)).status).toBe(202);
    await persistReservations(app);
    await persistReservations(app);
    await dispatch();
    const [hook] = await receiver.waitFor(1);
    expect(signedBy(endpoint.secret, hook)).toBe(true);
    expect(hook.json).toMatchObject({
      type: 'flash_sale.sold_out',
      merchantId: merchant.id,
      data: { saleId: sale.id, productId: product.id },
    });
    await dispatch();
    expect(receiver.received).toHaveLength(1);
  });
});
