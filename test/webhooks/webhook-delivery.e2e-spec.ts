import { ORDER_CANCELLED } from '../../src/modules/orders/order-transitions';
import { WebhookDispatcher } from '../../src/modules/webhooks/delivery/webhook-dispatcher';
import { TransactionEvents } from '../../src/platform/events/transaction-events';
import { JobRunner } from '../../src/platform/jobs/job-runner';
import { createMerchant, createProduct, loginShopper, TestMerchant, TestShopper } from '../support/fixtures';
import { placeOrder } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import { Answer, createEndpoint, deliveriesOf, signedBy, verify, WebhookReceiver } from './webhook-receiver';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Delivery of signed webhooks to real receivers on loopback: signatures (verified with the standardwebhooks
 * package), rotation, retries on the schedule (the clock is moved, the dispatcher run by hand), failure and manual
 * retry, and that a rolled-back change sends nothing. Receivers here get 500 ms to answer (WEBHOOK_TIMEOUT_MS).
 */
describe('webhook delivery', () => {
  let app: TestApp;
  let merchant: TestMerchant;
  let shopper: TestShopper;
  let product: { id: string };
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    app = await startTestApp({ env: { WEBHOOK_TIMEOUT_MS: '500' } });
    merchant = await createMerchant(app, 'Tea shop');
    shopper = await loginShopper(app);
    product = await createProduct(app, merchant, { priceFen: 2500 });
  });
  afterAll(async () => {
    await app.app.get(WebhookDispatcher).idle();
    await Promise.all(receivers.map((receiver) => receiver.close()));
    await app.close();
  });

  async function receiver(answer?: (index: number) => Answer) {
    const started = await WebhookReceiver.start(answer);
    receivers.push(started);
    return started;
  }

  /** One run of the dispatcher, waiting for the requests it started. */
  async function dispatch(): Promise<void> {
    await app.app.get(JobRunner).runNow('webhooks.dispatch');
    await app.app.get(WebhookDispatcher).idle();
  }

  /** A new merchant with one endpoint at a new receiver (merchants keep tests apart: fan-out is per merchant). */
  async function merchantWithEndpoint(answer?: (index: number) => Answer, events = ['*']) {
    const owner = await createMerchant(app, 'Shop');
    const goods = await createProduct(app, owner, { priceFen: 1200 });
    const at = await receiver(answer);
    const endpoint = await createEndpoint(app, owner, at.url, events);
    return { owner, goods, at, endpoint };
  }

  /** order.cancelled for a new order of `goods`: the cheapest event to cause. */
  async function cancelAnOrder(goods: { id: string }, quantity = 2) {
    // A fresh login each time: tests move the clock past any token's lifetime.
    shopper = await loginShopper(app);
    const order = await placeOrder(app, shopper, [{ productId: goods.id, quantity }]);
    const cancelled = await app.http.post(`/v1/orders/${order.id}/cancel`, { token: shopper.token });
    expect(cancelled.status).toBe(200);
    return order;
  }

  it('signs with Standard Webhooks: verifies with the secret, fails for a tampered body or another secret', async () => {
    const { goods, at, endpoint } = await merchantWithEndpoint();
    const order = await cancelAnOrder(goods, 3);
    await dispatch();
    const [hook] = await at.waitFor(1);

    expect(verify(endpoint.secret, hook)).toMatchObject({ type: 'order.cancelled', data: { orderId: order.id } });
    expect(hook.headers['webhook-id']).toBe(hook.json.id);
    expect(hook.headers['content-type']).toBe('application/json');
    expect(() =>
      verify(endpoint.secret, { ...hook, body: hook.body.replace('"totalFen":3600', '"totalFen":1') }),
    ).toThrow();
    const another = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    expect(() => verify(another, hook)).toThrow();
    // Ids and facts, never the shopper's openid.
    expect(hook.json.data).toMatchObject({ status: 'cancelled', shopperId: shopper.id, totalFen: 3600 });
    expect(hook.body).not.toContain(shopper.openid);
  });

  it('signs with both secrets for 24 h after a rotation, then with the new one only', async () => {
    const { owner, goods, at, endpoint } = await merchantWithEndpoint();
    const rotated = await app.http.post(`/v1/merchant/webhook-endpoints/${endpoint.id}/rotate-secret`, {
      token: owner.apiKey,
    });
    expect(rotated.status).toBe(201);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(endpoint.secret);

    await cancelAnOrder(goods);
    await dispatch();
    const [during] = await at.waitFor(1);
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verify(endpoint.secret, during)).toBeTruthy();
    expect(verify(rotated.body.secret, during)).toBeTruthy();

    app.clock.advance(24 * HOUR + MINUTE);
    await cancelAnOrder(goods);
    await dispatch();
    const [, after] = await at.waitFor(2);
    // The service clock moved a day ahead, so the library's freshness check would refuse: compare signatures.
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(signedBy(rotated.body.secret, after)).toBe(true);
    expect(signedBy(endpoint.secret, after)).toBe(false);
  });

  it('a receiver answering 500 three times then 200 gets the event four times, on the schedule, same webhook-id', async () => {
    const { owner, goods, at, endpoint } = await merchantWithEndpoint((index) => (index < 3 ? 500 : 200));
    await cancelAnOrder(goods);
    await dispatch();
    await at.waitFor(1);

    const attemptAfter = async (waitMs: number, expected: number) => {
      app.clock.advance(waitMs - SECOND);
      await dispatch();
      expect(at.received).toHaveLength(expected - 1); // not before its time
      app.clock.advance(SECOND);
      await dispatch();
      await at.waitFor(expected);
    };
    await attemptAfter(5 * SECOND, 2);
    await attemptAfter(5 * MINUTE, 3);
    await attemptAfter(30 * MINUTE, 4);

    expect(new Set(at.received.map((hook) => hook.headers['webhook-id'])).size).toBe(1);
    const [delivery] = await deliveriesOf(app, owner, endpoint.id);
    expect(delivery).toMatchObject({
      eventId: at.received[0].json.id,
      type: 'order.cancelled',
      status: 'succeeded',
      attempts: 4,
      lastStatusCode: 200,
      lastError: null,
      nextAttemptAt: null,
    });
    app.clock.advance(10 * HOUR);
    await dispatch();
    expect(at.received).toHaveLength(4);
  });

  it('a receiver that never answers ends failed after eight attempts, and a manual retry delivers it', async () => {
    const { owner, goods, at, endpoint } = await merchantWithEndpoint(() => 'hang');
    await cancelAnOrder(goods);
    await dispatch();
    for (const waitMs of [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR]) {
      const [pending] = await deliveriesOf(app, owner, endpoint.id);
      expect(pending).toMatchObject({ status: 'pending', lastStatusCode: null });
      expect(pending.lastError).toMatch(/no answer within 500 ms/);
      app.clock.advance(waitMs);
      await dispatch();
    }
    expect(at.received).toHaveLength(8);
    const [failed] = await deliveriesOf(app, owner, endpoint.id, '?status=failed');
    expect(failed).toMatchObject({ status: 'failed', attempts: 8, nextAttemptAt: null });
    app.clock.advance(24 * HOUR);
    await dispatch();
    expect(at.received).toHaveLength(8);

    at.answerWith(() => 204);
    const retried = await app.http.post(`/v1/merchant/webhook-deliveries/${failed.id}/retry`, { token: owner.apiKey });
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ id: failed.id, status: 'pending' });
    await dispatch();
    await at.waitFor(9);
    expect(new Set(at.received.map((hook) => hook.headers['webhook-id'])).size).toBe(1);
    const [done] = await deliveriesOf(app, owner, endpoint.id);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 9, lastStatusCode: 204 });
    // Acknowledged is for good: a retry of it answers it as it is and sends nothing.
    const again = await app.http.post(`/v1/merchant/webhook-deliveries/${failed.id}/retry`, { token: owner.apiKey });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ status: 'succeeded', attempts: 9 });
    await dispatch();
    expect(at.received).toHaveLength(9);

    const stranger = await createMerchant(app, 'Other shop');
    const foreign = await app.http.post(`/v1/merchant/webhook-deliveries/${failed.id}/retry`, {
      token: stranger.apiKey,
    });
    expect(foreign.status).toBe(404);
  });

  it('a redirect is an answer, not followed: the attempt failed with its status, nothing reaches its target', async () => {
    const target = await receiver();
    const { owner, goods, endpoint } = await merchantWithEndpoint(() => ({ status: 302, location: target.url }));
    await cancelAnOrder(goods);
    await dispatch();
    const [delivery] = await deliveriesOf(app, owner, endpoint.id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 302, lastError: 'HTTP 302' });
    expect(target.received).toHaveLength(0);
  });

  it('a secret that cannot be opened (JWT_SECRET changed) is a failed attempt that says so, nothing sent', async () => {
    const { owner, goods, at, endpoint } = await merchantWithEndpoint();
    const foreignSeal = Buffer.alloc(60, 1).toString('base64');
    await app.db.query('UPDATE webhook_endpoints SET secret_sealed = $2 WHERE id = $1', [endpoint.id, foreignSeal]);
    await cancelAnOrder(goods);
    await dispatch();
    const [delivery] = await deliveriesOf(app, owner, endpoint.id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
    expect(delivery.lastError).toMatch(/cannot sign.*rotate it/);
    expect(at.received).toHaveLength(0);
  });

  it('delivers to each subscribed endpoint once, to none that is disabled or not subscribed', async () => {
    const { owner, goods, at: all } = await merchantWithEndpoint();
    const paidOnly = await receiver();
    await createEndpoint(app, owner, paidOnly.url, ['order.paid']);
    const cancelledToo = await receiver();
    await createEndpoint(app, owner, cancelledToo.url, ['order.paid', 'order.cancelled']);
    const disabled = await receiver();
    const off = await createEndpoint(app, owner, disabled.url);
    const patched = await app.http.request('PATCH', `/v1/merchant/webhook-endpoints/${off.id}`, {
      token: owner.apiKey,
      body: { status: 'disabled' },
    });
    expect(patched.body.status).toBe('disabled');

    await cancelAnOrder(goods);
    await dispatch();
    await all.waitFor(1);
    await cancelledToo.waitFor(1);
    await dispatch();
    expect(all.received).toHaveLength(1);
    expect(cancelledToo.received).toHaveLength(1);
    expect(paidOnly.received).toHaveLength(0);
    expect(disabled.received).toHaveLength(0);
    expect(all.received[0].headers['webhook-id']).toBe(cancelledToo.received[0].headers['webhook-id']);
  });

  it('a disabled endpoint’s deliveries wait, and go out once it is enabled again', async () => {
    const { owner, goods, at, endpoint } = await merchantWithEndpoint();
    const setStatus = (status: string) =>
      app.http.request('PATCH', `/v1/merchant/webhook-endpoints/${endpoint.id}`, {
        token: owner.apiKey,
        body: { status },
      });
    await cancelAnOrder(goods);
    expect((await setStatus('disabled')).status).toBe(200);
    await dispatch();
    expect(at.received).toHaveLength(0);
    const [waiting] = await deliveriesOf(app, owner, endpoint.id);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: null });

    expect((await setStatus('enabled')).status).toBe(200);
    await dispatch();
    await at.waitFor(1);
    const [sent] = await deliveriesOf(app, owner, endpoint.id);
    expect(sent).toMatchObject({ status: 'succeeded', attempts: 1 });
  });

  it('a change that rolls back sends nothing and leaves no event behind', async () => {
    const { goods, at } = await merchantWithEndpoint();
    shopper = await loginShopper(app);
    let failNext = true;
    app.app.get(TransactionEvents).on(ORDER_CANCELLED, 'test.fail-once', async () => {
      if (failNext) {
        failNext = false;
        throw new Error('a consequence failed: the cancel rolls back');
      }
    });
    const order = await placeOrder(app, shopper, [{ productId: goods.id, quantity: 1 }]);
    const refused = await app.http.post(`/v1/orders/${order.id}/cancel`, { token: shopper.token });
    expect(refused.status).toBe(500);
    await dispatch();
    expect(at.received).toHaveLength(0);
    const events = await app.db.query(`SELECT id FROM webhook_events WHERE payload->'data'->>'orderId' = $1`, [
      order.id,
    ]);
    expect(events).toHaveLength(0);

    const cancelled = await app.http.post(`/v1/orders/${order.id}/cancel`, { token: shopper.token });
    expect(cancelled.status).toBe(200);
    await dispatch();
    const [hook] = await at.waitFor(1);
    expect(hook.json).toMatchObject({ type: 'order.cancelled', data: { orderId: order.id } });
  });

  it('nothing is written for a merchant without endpoints', async () => {
    await cancelAnOrder(product);
    const events = await app.db.query('SELECT id FROM webhook_events WHERE merchant_id = $1', [merchant.id]);
    expect(events).toHaveLength(0);
  });
});
