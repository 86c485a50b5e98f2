import { WebhookDispatcher } from '../../src/modules/webhooks/delivery/webhook-dispatcher';
import { WebhookDeliveriesRepository } from '../../src/modules/webhooks/webhook-deliveries.repository';
import { JobRunner } from '../../src/platform/jobs/job-runner';
import { createMerchant, createProduct, loginShopper, TestMerchant } from '../support/fixtures';
import { placeOrder } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import { Answer, createEndpoint, deliveriesOf, WebhookReceiver } from './webhook-receiver';

/** More rows than one claim round takes (MAX_IN_FLIGHT): enough to fill the candidate window on their own. */
const MORE_THAN_A_ROUND = 300;
/** One endpoint's backlog: many rounds' worth of its per-endpoint share. */
const BACKLOG = 500;

/** Real time, on a condition: the value once `done` says so, or the last one read when the bound passes. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** An answer the test gives later: the receiver holds the request open until `answer` is called. */
function heldAnswer(): { promise: Promise<number>; answer: (status: number) => void } {
  let answer!: (status: number) => void;
  const promise = new Promise<number>((resolve) => (answer = resolve));
  return { promise, answer };
}

/**
 * Which rows the dispatcher claims, and that a result or a manual retry only acts on the claim it belongs to:
 * rows of a disabled endpoint never block others, one endpoint's backlog never fills a round, a delivery being sent
 * is not sent again by a retry, and a late result does not overwrite a newer claim. Dispatch runs on the job timers
 * (every 100 ms) and on commit, as in production; receivers get the real 10 s.
 */
describe('webhook claims', () => {
  let app: TestApp;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    app = await startTestApp({ jobs: true, env: { JOB_INTERVAL_MS: '100' } });
  });
  afterAll(async () => {
    // Receivers first: held and hanging requests end at once instead of at their timeout.
    await Promise.all(receivers.map((receiver) => receiver.close()));
    await app.app.get(WebhookDispatcher).idle();
    await app.close();
  });

  async function merchantWithEndpoint(answer?: (index: number) => Answer) {
    const owner = await createMerchant(app, 'Shop');
    const goods = await createProduct(app, owner, { priceFen: 1200 });
    const at = await WebhookReceiver.start(answer);
    receivers.push(at);
    const endpoint = await createEndpoint(app, owner, at.url);
    return { owner, goods, at, endpoint };
  }

  async function cancelAnOrder(goods: { id: string }) {
    const shopper = await loginShopper(app);
    const order = await placeOrder(app, shopper, [{ productId: goods.id, quantity: 1 }]);
    const cancelled = await app.http.post(`/v1/orders/${order.id}/cancel`, { token: shopper.token });
    expect(cancelled.status).toBe(200);
  }

  /** `count` deliveries for the endpoint, written directly (quicker than causing the events), in `status`. */
  async function insertDeliveries(owner: TestMerchant, endpointId: string, count: number, status: string) {
    const ids = await app.db.query<{ id: string }>(
      `WITH events AS (
         INSERT INTO webhook_events (id, merchant_id, type, payload, created_at)
         SELECT gen_random_uuid(), $1, 'order.paid', '{}'::jsonb, $4 FROM generate_series(1, $3)
         RETURNING id)
       INSERT INTO webhook_deliveries (id, endpoint_id, event_id, merchant_id, type, status, attempts, next_attempt_at,
                                       created_at, updated_at)
       SELECT gen_random_uuid(), $2, events.id, $1, 'order.paid', $5, 0, $4, $4, $4 FROM events
       RETURNING id`,
      [owner.id, endpointId, count, new Date(app.clock.now().getTime() - 60_000), status],
    );
    return ids.map((row) => row.id);
  }

  it('rows of a disabled endpoint, retried or due, never hold up another merchant’s event', async () => {
    const stalled = await merchantWithEndpoint();
    const other = await merchantWithEndpoint();
    const failedIds = await insertDeliveries(stalled.owner, stalled.endpoint.id, MORE_THAN_A_ROUND, 'failed');
    const disabled = await app.http.request('PATCH', `/v1/merchant/webhook-endpoints/${stalled.endpoint.id}`, {
      token: stalled.owner.apiKey,
      body: { status: 'disabled' },
    });
    expect(disabled.status).toBe(200);

    // A retry on a disabled endpoint is accepted and waits with the endpoint's other deliveries (parked).
    for (const id of failedIds) {
      const retried = await app.http.post(`/v1/merchant/webhook-deliveries/${id}/retry`, {
        token: stalled.owner.apiKey,
      });
      expect(retried.status).toBe(202);
      expect(retried.body).toMatchObject({ status: 'pending', nextAttemptAt: null });
    }
    await cancelAnOrder(other.goods);
    await other.at.waitFor(1, () => true, 5_000);

    // Due rows of a disabled endpoint (as a result recorded before a disable committed could leave them): skipped.
    await app.db.query(`UPDATE webhook_deliveries SET next_attempt_at = $2 WHERE endpoint_id = $1`, [
      stalled.endpoint.id,
      new Date(app.clock.now().getTime() - 60_000),
    ]);
    await cancelAnOrder(other.goods);
    await other.at.waitFor(2, () => true, 5_000);
    expect(stalled.at.received).toHaveLength(0);
  });

  it('one endpoint’s backlog does not fill the rounds: another merchant’s event goes out before it is worked off', async () => {
    // Fast failures: the backlogged endpoint is seldom at its in-flight bound, so its due rows are always claimable.
    const backlogged = await merchantWithEndpoint(() => 500);
    const other = await merchantWithEndpoint();
    const shopper = await loginShopper(app);
    const order = await placeOrder(app, shopper, [{ productId: other.goods.id, quantity: 1 }]);
    await insertDeliveries(backlogged.owner, backlogged.endpoint.id, BACKLOG, 'pending');
    await backlogged.at.waitFor(1);

    const cancelled = await app.http.post(`/v1/orders/${order.id}/cancel`, { token: shopper.token });
    expect(cancelled.status).toBe(200);
    const [event] = await other.at.waitFor(1);
    // Counted, not timed: the event did not wait for the backlog to shrink below one claim's worth of rows.
    const backlogTriedBefore = backlogged.at.received.filter((hook) => hook.arrivedAt <= event.arrivedAt).length;
    expect(backlogTriedBefore).toBeLessThan(BACKLOG / 2);
    // Every backlogged row gets its attempt too.
    await backlogged.at.waitFor(BACKLOG, () => true, 60_000);
  });

  it('a retry while the delivery is being sent changes nothing: one request for that attempt, then succeeded', async () => {
    const first = heldAnswer();
    const { owner, goods, at, endpoint } = await merchantWithEndpoint((index) => (index === 0 ? first.promise : 200));
    await cancelAnOrder(goods);
    await at.waitFor(1);

    const [sending] = await deliveriesOf(app, owner, endpoint.id);
    const retried = await app.http.post(`/v1/merchant/webhook-deliveries/${sending.id}/retry`, {
      token: owner.apiKey,
    });
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 1 });
    // A dispatch run after the retry: the delivery is leased, not due, so it is not claimed again.
    await app.app.get(JobRunner).runNow('webhooks.dispatch');
    const [during] = await deliveriesOf(app, owner, endpoint.id);
    expect(during).toMatchObject({ status: 'pending', attempts: 1 });

    first.answer(200);
    const [done] = await eventually(
      () => deliveriesOf(app, owner, endpoint.id),
      ([delivery]) => delivery.status !== 'pending',
    );
    expect(done).toMatchObject({ status: 'succeeded', attempts: 1, lastStatusCode: 200 });
    expect(at.received).toHaveLength(1);
  });

  it('a failed attempt of an endpoint disabled while it was being sent is parked, not rescheduled', async () => {
    const first = heldAnswer();
    const { owner, goods, at, endpoint } = await merchantWithEndpoint(() => first.promise);
    await cancelAnOrder(goods);
    await at.waitFor(1);
    const disabled = await app.http.request('PATCH', `/v1/merchant/webhook-endpoints/${endpoint.id}`, {
      token: owner.apiKey,
      body: { status: 'disabled' },
    });
    expect(disabled.status).toBe(200);

    first.answer(500);
    const [recorded] = await eventually(
      () => deliveriesOf(app, owner, endpoint.id),
      ([delivery]) => delivery.lastStatusCode !== null,
    );
    expect(recorded).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, nextAttemptAt: null });
  });
});

/** The repository's claim and results on their own, with rows due a day ahead that only these claims take. */
describe('claims and results, one statement at a time', () => {
  let app: TestApp;
  let deliveries: WebhookDeliveriesRepository;
  const DAY = 24 * 60 * 60 * 1000;

  beforeAll(async () => {
    app = await startTestApp();
    deliveries = app.app.get(WebhookDeliveriesRepository);
  });
  afterAll(async () => {
    await app.close();
  });

  /** `count` pending deliveries for a new endpoint of a new merchant, due at `dueAt`. */
  async function endpointWithDue(count: number, dueAt: Date) {
    const owner = await createMerchant(app, 'Claims');
    const endpoint = await createEndpoint(app, owner, 'http://127.0.0.1:9/hooks');
    const rows = await app.db.query<{ id: string }>(
      `WITH events AS (
         INSERT INTO webhook_events (id, merchant_id, type, payload, created_at)
         SELECT gen_random_uuid(), $1, 'order.paid', '{}'::jsonb, $4 FROM generate_series(1, $3) RETURNING id)
       INSERT INTO webhook_deliveries (id, endpoint_id, event_id, merchant_id, type, status, attempts, next_attempt_at,
                                       created_at, updated_at)
       SELECT gen_random_uuid(), $2, events.id, $1, 'order.paid', 'pending', 0, $4, $4, $4 FROM events RETURNING id`,
      [owner.id, endpoint.id, count, dueAt],
    );
    return { owner, endpoint, ids: rows.map((row) => row.id) };
  }

  it('one claim takes every endpoint’s share, however many rows one of them has waiting', async () => {
    const now = new Date(app.clock.now().getTime() + 2 * DAY);
    const backlogged = await endpointWithDue(BACKLOG, new Date(now.getTime() - 60_000));
    const other = await endpointWithDue(1, now);
    const claimed = await deliveries.claim({
      now,
      leaseUntil: new Date(now.getTime() + 25_000),
      limit: 256,
      perEndpoint: 4,
      busy: new Map(),
    });
    const perEndpoint = (endpointId: string) => claimed.filter((row) => row.endpointId === endpointId).length;
    expect(perEndpoint(backlogged.endpoint.id)).toBe(4);
    expect(perEndpoint(other.endpoint.id)).toBe(1);
    await app.db.query(`UPDATE webhook_deliveries SET status = 'succeeded' WHERE endpoint_id = ANY($1)`, [
      [backlogged.endpoint.id, other.endpoint.id],
    ]);
  });

  it('a result that comes after its claim was taken over is dropped: it neither ends nor reschedules the newer attempt', async () => {
    const start = app.clock.now().getTime() + DAY;
    const at = (seconds: number) => new Date(start + seconds * 1000);
    const {
      owner,
      endpoint,
      ids: [id],
    } = await endpointWithDue(1, at(0));
    const claim = (seconds: number) =>
      deliveries.claim({
        now: at(seconds),
        leaseUntil: at(seconds + 25),
        limit: 10,
        perEndpoint: 4,
        busy: new Map(),
      });

    expect(await claim(1)).toMatchObject([{ id, attempts: 1 }]);
    // Attempt 1's sender went quiet past its lease: attempt 2 is claimed, leased until 55 s.
    expect(await claim(30)).toMatchObject([{ id, attempts: 2 }]);
    await deliveries.attemptFailed(id, 1, { statusCode: 500, error: 'HTTP 500', at: at(31) }, at(36));
    await deliveries.succeeded(id, 1, { statusCode: 200, error: null, at: at(31) });
    const [row] = await app.db.query<any>(
      'SELECT status, attempts, next_attempt_at, last_status_code FROM webhook_deliveries WHERE id = $1',
      [id],
    );
    expect(row).toMatchObject({ status: 'pending', attempts: 2, next_attempt_at: at(55), last_status_code: null });
    expect(await claim(40)).toEqual([]);

    await deliveries.succeeded(id, 2, { statusCode: 204, error: null, at: at(41) });
    const [delivery] = await deliveriesOf(app, owner, endpoint.id);
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 2, lastStatusCode: 204 });
  });
});
