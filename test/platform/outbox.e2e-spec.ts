import { Db } from '../../src/platform/database/db';
import { MAX_ATTEMPTS, OutboxEvent, OutboxService } from '../../src/platform/outbox/outbox.service';
import { runJobs } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';

interface Row {
  id: string;
  subscriber: string;
  status: string;
  attempts: number;
  available_at: Date;
  last_error: string | null;
  delivered_at: Date | null;
}

/** The back-off the dispatcher promises after the nth failed attempt: 1 s doubling, capped at 5 minutes. */
const EXPECTED_DELAYS_MS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300].map((seconds) => seconds * 1000);

describe('the outbox: retries with back-off, dead letters, exactly-once effects for idempotent subscribers', () => {
  let app: TestApp;
  let outbox: OutboxService;
  let db: Db;
  let topicCounter = 0;

  beforeAll(async () => {
    app = await startTestApp();
    outbox = app.app.get(OutboxService);
    db = app.app.get(Db);
  });
  afterAll(() => app.close());

  /** A topic of this test's own, so no module's subscriber sees it. */
  const newTopic = () => `test.outbox-${topicCounter++}`;

  const publish = (topic: string, payload: Record<string, unknown>) =>
    db.transaction(() => outbox.publish(topic, payload));

  const rowsOf = (topic: string) =>
    app.db.query<Row>(
      `SELECT id, subscriber, status, attempts, available_at, last_error, delivered_at
       FROM outbox_messages WHERE topic = $1 ORDER BY subscriber`,
      [topic],
    );

  const rowOf = async (topic: string, subscriber: string) =>
    (await rowsOf(topic)).find((row) => row.subscriber === subscriber)!;

  it('a failing subscriber is retried with growing back-off, then parked as dead; its neighbour is delivered once', async () => {
    expect(EXPECTED_DELAYS_MS).toHaveLength(MAX_ATTEMPTS - 1);
    const topic = newTopic();
    const broken: Array<OutboxEvent<{ n: number }>> = [];
    const healthy: Array<OutboxEvent<{ n: number }>> = [];
    outbox.subscribe<{ n: number }>(topic, 'test.broken', async (event) => {
      broken.push(event);
      throw new Error(`broken on attempt ${event.attempts}`);
    });
    outbox.subscribe<{ n: number }>(topic, 'test.healthy', async (event) => {
      healthy.push(event);
    });

    const publishedAt = app.clock.now().getTime();
    await publish(topic, { n: 7 });
    const fresh = await rowOf(topic, 'test.broken');
    expect(fresh).toMatchObject({ status: 'pending', attempts: 0, last_error: null });
    expect(fresh.available_at.getTime()).toBeGreaterThanOrEqual(publishedAt);

    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const before = app.clock.now().getTime();
      await runJobs(app, 'outbox.dispatch');
      const after = app.clock.now().getTime();

      expect(broken).toHaveLength(attempt);
      expect(broken[attempt - 1]).toMatchObject({ id: fresh.id, topic, payload: { n: 7 }, attempts: attempt });
      const row = await rowOf(topic, 'test.broken');
      expect(row.attempts).toBe(attempt);
      expect(row.last_error).toBe(`broken on attempt ${attempt}`);
      expect(row.delivered_at).toBeNull();

      if (attempt === MAX_ATTEMPTS) {
        expect(row.status).toBe('dead');
        break;
      }
      expect(row.status).toBe('pending');
      const delay = EXPECTED_DELAYS_MS[attempt - 1];
      expect(row.available_at.getTime()).toBeGreaterThanOrEqual(before + delay);
      expect(row.available_at.getTime()).toBeLessThanOrEqual(after + delay);

      // Not due yet: dispatching again at once leaves it alone.
      await runJobs(app, 'outbox.dispatch');
      expect(broken).toHaveLength(attempt);
      expect((await rowOf(topic, 'test.broken')).attempts).toBe(attempt);

      app.clock.advance(delay);
    }

    // Dead is final: however long we wait, it is not tried again.
    app.clock.advance(24 * 60 * 60 * 1000);
    await runJobs(app, 'outbox.dispatch');
    expect(broken).toHaveLength(MAX_ATTEMPTS);
    expect(await rowOf(topic, 'test.broken')).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS });

    // The other subscriber of the same event got it once, on the first run, and never again.
    expect(healthy).toHaveLength(1);
    expect(healthy[0]).toMatchObject({ topic, payload: { n: 7 }, attempts: 1 });
    expect(await rowOf(topic, 'test.healthy')).toMatchObject({ status: 'delivered', attempts: 1, last_error: null });
  });

  it('a subscriber that fails once is retried after the back-off and then delivered exactly once', async () => {
    const topic = newTopic();
    const calls: Array<OutboxEvent<{ orderId: string }>> = [];
    const applied = new Set<string>();
    outbox.subscribe<{ orderId: string }>(topic, 'test.flaky', async (event) => {
      calls.push(event);
      if (calls.length === 1) throw new Error('flaky: first attempt fails');
      applied.add(event.id);
    });
    await publish(topic, { orderId: 'o-1' });

    await runJobs(app, 'outbox.dispatch');
    expect(calls).toHaveLength(1);
    const failed = await rowOf(topic, 'test.flaky');
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, last_error: 'flaky: first attempt fails' });

    await runJobs(app, 'outbox.dispatch'); // still backing off
    expect(calls).toHaveLength(1);

    app.clock.advance(EXPECTED_DELAYS_MS[0]);
    const before = app.clock.now().getTime();
    await runJobs(app, 'outbox.dispatch');
    expect(calls).toHaveLength(2);
    expect(calls[1]).toMatchObject({ id: calls[0].id, attempts: 2, payload: { orderId: 'o-1' } });
    const delivered = await rowOf(topic, 'test.flaky');
    expect(delivered).toMatchObject({ status: 'delivered', attempts: 2, last_error: null });
    expect(delivered.delivered_at!.getTime()).toBeGreaterThanOrEqual(before);

    // Later runs, well past any lease or back-off, do not deliver it again.
    for (const wait of [60_000, 10 * 60_000, 24 * 60 * 60_000]) {
      app.clock.advance(wait);
      await runJobs(app, 'outbox.dispatch');
    }
    expect(calls).toHaveLength(2);
    expect([...applied]).toEqual([delivered.id]);
    expect(await rowsOf(topic)).toHaveLength(1);
  });

  it('an event published in a transaction that rolls back never exists, and publishing needs a transaction', async () => {
    const topic = newTopic();
    const calls: unknown[] = [];
    outbox.subscribe(topic, 'test.rollback', async (event) => {
      calls.push(event);
    });
    await expect(
      db.transaction(async () => {
        await outbox.publish(topic, { n: 1 });
        throw new Error('the state change fails');
      }),
    ).rejects.toThrow('the state change fails');
    await expect(outbox.publish(topic, { n: 2 })).rejects.toThrow(/outside a transaction/);
    await runJobs(app, 'outbox.dispatch');
    expect(await rowsOf(topic)).toEqual([]);
    expect(calls).toEqual([]);
  });
});
