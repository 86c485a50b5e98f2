import { Client } from 'pg';
import { RedisClient, sendKeyed } from '../../src/platform/redis/redis-client';
import { CLAIM_IDLE_MS } from '../../src/modules/flash-sale/persist/stalled-entries-takeover';
import { createMerchant, createProduct, TestMerchant, TestShopper } from '../support/fixtures';
import { runJobs } from '../support/payments';
import { campaignsOnTwoMasters, connectRedis, deleteMatching, RedisMode, redisModes } from '../support/redis';
import { startTestApp, TestApp } from '../support/test-app';
import { testEnvironment } from '../support/test-env';
import {
  accepted,
  Attempt,
  createSale,
  eventually,
  mintShoppers,
  persistReservations,
  purchase,
  saleKey,
} from './flash-fixtures';

/**
 * Invariant 7: Redis holds nothing that cannot be rebuilt; losing it never sells a unit twice. On the single Redis
 * and on the Redis Cluster, where the first two sales are made to live on different masters.
 */
describe.each(redisModes())('the Redis gate lost mid-sale (%s Redis)', (mode: RedisMode) => {
  let app: TestApp;
  let merchant: TestMerchant;
  let product: { id: string };
  let shoppers: TestShopper[];
  let redis: RedisClient;
  /** The sales of the first two tests (stock 100, then 50): on two different masters of a cluster. */
  let firstSales: any[];

  beforeAll(async () => {
    app = await startTestApp({ redis: mode });
    merchant = await createMerchant(app);
    product = await createProduct(app, merchant);
    shoppers = await mintShoppers(app, 260, `loss_${mode}`);
    redis = await connectRedis(mode);
    const create = (stock: number) => createSale(app, merchant, product.id, { totalStock: stock, perUserLimit: 1 });
    if (mode === 'cluster') {
      const sales = await campaignsOnTwoMasters(
        (index) => create(index === 0 ? 100 : 50),
        (sale) => saleKey(app, sale.id),
      );
      expect(new Set(sales.map((one) => one.master)).size).toBe(2);
      firstSales = sales.map((one) => one.campaign);
    } else {
      firstSales = [await create(100), await create(50)];
    }
  });
  afterAll(async () => {
    await redis.close();
    await app.close();
  });

  /** Deletes one sale's keys under this app's own prefix (other files share this Redis). */
  function loseKeys(saleId: string, only?: string): Promise<number> {
    return deleteMatching(redis, `${app.redisKeyPrefix}{fs:${saleId}}:${only ?? '*'}`);
  }
  const attemptAll = (group: TestShopper[], saleId: string) =>
    Promise.all(
      group.map(async (shopper): Promise<Attempt> => ({ shopper, response: await purchase(app, shopper, saleId) })),
    );
  const statusOf = async (attempt: Attempt) =>
    (
      await app.http.get(`/v1/flash-sales/reservations/${attempt.response.body.reservationId}`, {
        token: attempt.shopper.token,
      })
    ).body.status;
  const liveUnits = async (saleId: string) =>
    Number(
      (
        await app.db.query<{ units: string | null }>(
          `SELECT COALESCE(SUM(quantity), 0) AS units FROM flash_reservations
           WHERE sale_id = $1 AND status IN ('confirmed', 'paid')`,
          [saleId],
        )
      )[0].units,
    );

  it('rebuilds from Postgres: persisted sales count, unpersisted ones are released, the stock is never exceeded', async () => {
    const sale = firstSales[0];
    const persisted = accepted(await attemptAll(shoppers.slice(0, 60), sale.id));
    expect(persisted).toHaveLength(60);
    await persistReservations(app);
    const queued = accepted(await attemptAll(shoppers.slice(60, 80), sale.id));
    expect(queued).toHaveLength(20);

    expect(await loseKeys(sale.id)).toBeGreaterThan(0);
    // Queued ones are reported released at once: neither store knows them any more.
    expect(await statusOf(queued[0])).toBe('released');

    const after = accepted(await attemptAll(shoppers.slice(80, 260), sale.id));
    expect(after).toHaveLength(40); // 100 - the 60 Postgres knew
    await persistReservations(app);

    for (const attempt of persisted) expect(await statusOf(attempt)).toBe('confirmed');
    for (const attempt of queued) expect(await statusOf(attempt)).toBe('released');
    for (const attempt of after) expect(await statusOf(attempt)).toBe('confirmed');
    expect(await liveUnits(sale.id)).toBe(100);
    const [row] = await app.db.query<{ redis_epoch: number }>('SELECT redis_epoch FROM flash_sales WHERE id = $1', [
      sale.id,
    ]);
    expect(row.redis_epoch).toBe(2); // loaded at creation, rebuilt once
    const stats = (await app.http.get(`/v1/merchant/flash-sales/${sale.id}`, { token: merchant.apiKey })).body.stats;
    expect(stats).toEqual({ totalStock: 100, reserved: 100, paid: 0, remaining: 0 });
  });

  it('keys deleted while a stampede is in flight: every 202 ends confirmed or released, never beyond the stock', async () => {
    const sale = firstSales[1];
    const group = shoppers.slice(0, 150);
    const queue = group.flatMap((shopper) => [shopper, shopper]);
    // 16 workers send the attempts; when the DELETE_AFTER-th answer arrives the keys are deleted, and no new attempt
    // is sent until the deletion is done (those already sent are in flight while it runs).
    const DELETE_AFTER = 24;
    type Timed = Attempt & { sentAfterLoss: boolean; answeredBeforeLoss: boolean };
    const results: Timed[] = [];
    let answered = 0;
    let lossStarted = false;
    let lossDone = false;
    let loss: Promise<number> | null = null;
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < queue.length) {
          if (loss && !lossDone) await loss;
          const shopper = queue[next++];
          const sentAfterLoss = lossDone;
          const response = await purchase(app, shopper, sale.id);
          results.push({ shopper, response, sentAfterLoss, answeredBeforeLoss: !lossStarted });
          if (++answered === DELETE_AFTER) {
            lossStarted = true;
            loss = loseKeys(sale.id).finally(() => (lossDone = true));
          }
        }
      }),
    );
    expect(await loss).toBeGreaterThan(0); // the deletion removed the sale's keys
    expect(results.filter((a) => a.response.status !== 202 && a.response.status !== 409)).toEqual([]);
    const earlier = accepted(results.filter((a) => a.answeredBeforeLoss));
    const later = accepted(results.filter((a) => a.sentAfterLoss));
    expect(earlier.length).toBeGreaterThan(0);
    expect(later.length).toBeGreaterThan(0);

    await persistReservations(app);
    const winners = accepted(results);
    const statuses = await Promise.all(winners.map(statusOf));
    expect(statuses.filter((s) => s !== 'confirmed' && s !== 'released')).toEqual([]);
    // Accepted before the loss and never written: Redis lost them, their shoppers are told released.
    expect(await Promise.all(earlier.map(statusOf))).toEqual(earlier.map(() => 'released'));
    // Accepted by the rebuilt gate: all kept.
    expect(await Promise.all(later.map(statusOf))).toEqual(later.map(() => 'confirmed'));
    const confirmed = statuses.filter((s) => s === 'confirmed').length;
    expect(confirmed).toBeLessThanOrEqual(50);
    expect(await liveUnits(sale.id)).toBe(confirmed);
    // The shoppers whose reservations Redis lost can try again, and the rest of the stock is still for sale.
    const again = accepted(await attemptAll(shoppers.slice(150, 260), sale.id));
    await persistReservations(app);
    expect(confirmed + again.length).toBe(50);
    expect(await liveUnits(sale.id)).toBe(50);
  });

  /** Reads the sale's new stream entries as a consumer of the `persist` group that then dies (or stalls). */
  async function readAsDeadConsumer(saleId: string): Promise<number> {
    const stream = `${app.redisKeyPrefix}{fs:${saleId}}:res`;
    const reply = (await sendKeyed(redis, stream, [
      'XREADGROUP',
      'GROUP',
      'persist',
      'dead-consumer',
      'COUNT',
      '500',
      'STREAMS',
      stream,
      '>',
    ])) as Record<string, unknown[]> | Array<[string, unknown[]]> | null;
    if (reply === null) return 0;
    // RESP2 answers [[stream, entries]], RESP3 a map of stream to entries.
    return (Array.isArray(reply) ? reply[0][1] : Object.values(reply)[0]).length;
  }
  /**
   * Ages the dead consumer's pending entries by `ms` (XCLAIM to itself with IDLE): as if it had held them that long
   * without acknowledging, which Redis otherwise only reports once that much time has passed.
   */
  async function ageDeadConsumerEntries(saleId: string, ms: number): Promise<void> {
    const stream = `${app.redisKeyPrefix}{fs:${saleId}}:res`;
    const pending = (await sendKeyed(redis, stream, [
      'XPENDING',
      stream,
      'persist',
      '-',
      '+',
      '500',
      'dead-consumer',
    ])) as Array<[string, ...unknown[]]> | null;
    const ids = (pending ?? []).map(([id]) => id);
    if (ids.length === 0) return;
    await sendKeyed(redis, stream, [
      'XCLAIM',
      stream,
      'persist',
      'dead-consumer',
      '0',
      ...ids,
      'IDLE',
      String(ms),
      'JUSTID',
    ]);
  }
  /** Backends of this test's database waiting for a lock. */
  const lockWaiters = async () =>
    Number(
      (
        await app.db.query<{ n: string }>(
          `SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        )
      )[0].n,
    );

  // Holding a row lock from a second connection needs a Postgres server (the embedded one runs one at a time).
  const withServer = testEnvironment().postgresMode === 'server' ? it : it.skip;

  withServer(
    'entries read before a rebuild and written after it are released, never sold (stale generation)',
    async () => {
      const sale = await createSale(app, merchant, product.id, { totalStock: 10, perUserLimit: 1 });
      const early = accepted(await attemptAll(shoppers.slice(0, 3), sale.id));
      expect(early).toHaveLength(3);
      // The sale row held: the persist job reads the 3 entries and waits to write them, behind a rebuild (the
      // marker lost) that waits too; the rebuild goes first and counts none of the 3.
      const blocker = new Client({ connectionString: app.db.url });
      await blocker.connect();
      let late: Promise<Attempt[]>;
      let persisting: Promise<void>;
      try {
        await blocker.query('BEGIN');
        await blocker.query('SELECT 1 FROM flash_sales WHERE id = $1 FOR UPDATE', [sale.id]);
        expect(await loseKeys(sale.id, 'ready')).toBe(1);
        late = attemptAll(shoppers.slice(3, 13), sale.id);
        await eventually(lockWaiters, (n) => n >= 1);
        persisting = persistReservations(app);
        await eventually(lockWaiters, (n) => n >= 2);
      } finally {
        await blocker.query('ROLLBACK');
        await blocker.end();
      }
      await persisting;
      expect(accepted(await late)).toHaveLength(10);
      await persistReservations(app);
      for (const attempt of early) expect(await statusOf(attempt)).toBe('released');
      expect(await liveUnits(sale.id)).toBe(10);
      const rows = await app.db.query<{ status: string; order_id: string | null }>(
        `SELECT status, order_id FROM flash_reservations WHERE sale_id = $1 AND status = 'released'`,
        [sale.id],
      );
      expect(rows).toEqual(Array(3).fill({ status: 'released', order_id: null }));
    },
  );

  it('entries held by a consumer that died are taken over once idle, and written once', async () => {
    const sale = await createSale(app, merchant, product.id, { totalStock: 10, perUserLimit: 1 });
    const taken = accepted(await attemptAll(shoppers.slice(20, 25), sale.id));
    expect(await readAsDeadConsumer(sale.id)).toBe(5);
    // Nothing new to read: only the takeover of idle entries finds them.
    await persistReservations(app);
    expect(await statusOf(taken[0])).toBe('queued');
    await ageDeadConsumerEntries(sale.id, CLAIM_IDLE_MS);
    const statuses = await eventually(
      async () => {
        await runJobs(app, 'flash-sale.take-over');
        return Promise.all(taken.map(statusOf));
      },
      (all) => all.every((status) => status === 'confirmed'),
    );
    expect(statuses).toEqual(taken.map(() => 'confirmed'));
    await runJobs(app, 'flash-sale.take-over', 'flash-sale.persist');
    const [row] = await app.db.query<{ reservations: string; orders: string }>(
      `SELECT COUNT(*) AS reservations, COUNT(DISTINCT o.id) AS orders
       FROM flash_reservations r JOIN orders o ON o.id = r.order_id WHERE r.sale_id = $1`,
      [sale.id],
    );
    expect(row).toEqual({ reservations: '5', orders: '5' });
  });
});
