import { randomUUID } from 'node:crypto';
import { FlashOrderEvents } from '../../src/modules/flash-sale/flash-order-events';
import {
  FlashStockGate,
  RATE_LIMIT_ATTEMPTS,
  ReserveOutcome,
  SaleView,
} from '../../src/modules/flash-sale/gate/flash-stock-gate';
import { SaleDirectory } from '../../src/modules/flash-sale/sale-directory';
import { parseReservationId } from '../../src/modules/flash-sale/domain/reservation-id';
import { Db } from '../../src/platform/database/db';
import { createMerchant, createProduct, TestMerchant } from '../support/fixtures';
import { runJobs } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import { createSale, GATE_MODES_AND_CLUSTER, persistReservations, redisOf } from './flash-fixtures';

/**
 * The FlashStockGate contract, run against both adapters (Redis also on a Redis Cluster): the same decisions for the same attempts, units and
 * quotas that add up under concurrency, and a release that gives back exactly once.
 */
describe.each(GATE_MODES_AND_CLUSTER)('FlashStockGate contract (%s adapter)', (mode) => {
  let app: TestApp;
  let gate: FlashStockGate;
  let db: Db;
  let merchant: TestMerchant;
  let productId: string;

  beforeAll(async () => {
    app = await startTestApp({ redis: redisOf(mode) });
    gate = app.app.get(FlashStockGate);
    db = app.app.get(Db);
    merchant = await createMerchant(app);
    productId = (await createProduct(app, merchant)).id;
  });
  afterAll(() => app.close());

  const saleOf = async (fields: Parameters<typeof createSale>[3] = {}): Promise<SaleView> => {
    const created = await createSale(app, merchant, productId, fields);
    return (await app.app.get(SaleDirectory).find(created.id))!;
  };
  const shopper = () => ({ userId: randomUUID(), openid: `o_${randomUUID().slice(0, 8)}` });
  const attempt = (sale: SaleView, who = shopper(), quantity = 1, idempotencyKey: string | null = null) =>
    gate.reserve(sale, { shopper: who, quantity, idempotencyKey, nowMs: app.clock.now().getTime() });
  const kinds = (outcomes: ReserveOutcome[]) => outcomes.map((outcome) => outcome.kind);

  it('takes units and quota, and says what is left', async () => {
    const sale = await saleOf({ totalStock: 5, perUserLimit: 3 });
    const who = shopper();
    const first = await attempt(sale, who, 2);
    expect(first).toMatchObject({
      kind: 'accepted',
      status: mode === 'postgres' ? 'confirmed' : 'queued',
      remaining: 3,
    });
    expect(parseReservationId((first as { reservationId: string }).reservationId)?.saleId).toBe(sale.id);
    expect(await gate.remaining(sale)).toBe(3);
    expect(await attempt(sale, who, 2)).toEqual({ kind: 'limit_reached', remaining: 3 });
    expect(await attempt(sale, who, 1)).toMatchObject({ kind: 'accepted', remaining: 2 });
    expect(await attempt(sale, who, 1)).toEqual({ kind: 'limit_reached', remaining: 2 });
  });

  it('refuses what the stock cannot cover, and sold out wins over the limit', async () => {
    const sale = await saleOf({ totalStock: 3, perUserLimit: 3 });
    const who = shopper();
    expect(await attempt(sale, who, 3)).toMatchObject({ kind: 'accepted', remaining: 0 });
    expect(await attempt(sale, shopper(), 1)).toEqual({ kind: 'sold_out', remaining: 0 });
    expect(await attempt(sale, who, 1)).toEqual({ kind: 'sold_out', remaining: 0 });
  });

  it('refuses outside the window', async () => {
    const now = app.clock.now().getTime();
    const later = await saleOf({ startsAt: new Date(now + 60_000), endsAt: new Date(now + 120_000) });
    expect(kinds([await attempt(later)])).toEqual(['not_active']);
  });

  it('refuses from the end on (exclusive end), with stock and quota left', async () => {
    const now = app.clock.now().getTime();
    const sale = await saleOf({ totalStock: 5, perUserLimit: 2, endsAt: new Date(now + 60_000) });
    const who = shopper();
    const at = (nowMs: number) => gate.reserve(sale, { shopper: who, quantity: 1, idempotencyKey: null, nowMs });
    expect(await at(sale.endsAtMs - 1)).toMatchObject({ kind: 'accepted', remaining: 4 });
    expect(kinds([await at(sale.endsAtMs)])).toEqual(['not_active']);
    expect(kinds([await at(sale.endsAtMs + 3_600_000)])).toEqual(['not_active']);
    // Refusing took nothing.
    expect(await gate.remaining(sale)).toBe(4);
  });

  it('answers a repeated Idempotency-Key with the first reservation and takes nothing more', async () => {
    const sale = await saleOf({ totalStock: 10, perUserLimit: 5 });
    const who = shopper();
    const first = await attempt(sale, who, 2, 'key-1');
    const again = await attempt(sale, who, 2, 'key-1');
    expect(first.kind).toBe('accepted');
    expect(again).toMatchObject({
      kind: 'repeat',
      quantity: 2,
      reservationId: (first as { reservationId: string }).reservationId,
    });
    expect(await gate.remaining(sale)).toBe(8);
    // The key is the shopper's: another shopper's same key is another attempt.
    expect((await attempt(sale, shopper(), 1, 'key-1')).kind).toBe('accepted');
  });

  it(`rate limits a shopper past ${RATE_LIMIT_ATTEMPTS} attempts in a window, whatever they ask`, async () => {
    const sale = await saleOf({ totalStock: 100, perUserLimit: 1 });
    const who = shopper();
    const outcomes = await Promise.all(Array.from({ length: RATE_LIMIT_ATTEMPTS + 2 }, () => attempt(sale, who)));
    const count = (kind: string) => outcomes.filter((outcome) => outcome.kind === kind).length;
    expect([count('accepted'), count('limit_reached'), count('rate_limited')]).toEqual([1, RATE_LIMIT_ATTEMPTS - 1, 2]);
    const limited = outcomes.find((outcome) => outcome.kind === 'rate_limited') as { retryAfterMs: number };
    expect(limited.retryAfterMs).toBeGreaterThan(0);
    expect(kinds([await attempt(sale)])).toEqual(['accepted']);
  });

  it('never takes more than the stock or a shopper more than the limit, under concurrency', async () => {
    const sale = await saleOf({ totalStock: 25, perUserLimit: 2 });
    const shoppers = Array.from({ length: 30 }, shopper);
    const tries = shoppers.flatMap((who) => [who, who, who]);
    const outcomes = await Promise.all(tries.map((who) => attempt(sale, who)));
    const accepted = outcomes.filter((outcome) => outcome.kind === 'accepted');
    expect(accepted).toHaveLength(25);
    expect(await gate.remaining(sale)).toBe(0);
    expect(new Set(kinds(outcomes))).toEqual(new Set(['accepted', 'sold_out', 'limit_reached']));
    // Units taken per shopper: none above perUserLimit, and a limit_reached only for one who holds the limit.
    const held = new Map<string, number>();
    outcomes.forEach((outcome, i) => {
      if (outcome.kind === 'accepted') held.set(tries[i].userId, (held.get(tries[i].userId) ?? 0) + 1);
    });
    expect([...held.values()].filter((units) => units > 2)).toEqual([]);
    expect([...held.values()].reduce((sum, units) => sum + units, 0)).toBe(25);
    outcomes.forEach((outcome, i) => {
      if (outcome.kind === 'limit_reached') expect(held.get(tries[i].userId)).toBe(2);
    });
    await persistReservations(app);
    const rows = await app.db.query<{ shopper_id: string; units: string }>(
      `SELECT shopper_id, SUM(quantity) AS units FROM flash_reservations
       WHERE sale_id = $1 AND status IN ('confirmed', 'paid') GROUP BY shopper_id`,
      [sale.id],
    );
    expect(new Map(rows.map((row) => [row.shopper_id, Number(row.units)]))).toEqual(held);
  });

  it('gives a released reservation back once, units and quota', async () => {
    const sale = await saleOf({ totalStock: 2, perUserLimit: 1 });
    const who = shopper();
    const taken = (await attempt(sale, who)) as { reservationId: string };
    await attempt(sale);
    expect(await gate.remaining(sale)).toBe(0);
    await persistReservations(app);
    const orderId = parseReservationId(taken.reservationId)!.rowId;
    const events = app.app.get(FlashOrderEvents);
    const event = {
      orderId,
      kind: 'flash_sale',
      shopperId: who.userId,
      merchantId: merchant.id,
      totalFen: 990,
      giftCardFen: 0,
      couponId: null,
    };
    // In the cancelling order's transaction, as OrderTransitions emits it.
    expect(await db.transaction(() => events.released(event))).toBe(true);
    expect(await db.transaction(() => events.released(event))).toBe(false);
    expect(await gate.remaining(sale)).toBe(1);
    // The outbox's durable copy of a Redis give-back finds it done.
    await runJobs(app, 'outbox.dispatch');
    expect(await gate.remaining(sale)).toBe(1);
    // The quota came back too: the same shopper may take the unit again, and nobody gets a third.
    expect(await attempt(sale, who)).toMatchObject({ kind: 'accepted', remaining: 0 });
    expect(kinds([await attempt(sale)])).toEqual(['sold_out']);
  });

  it('never releases a paid reservation', async () => {
    const sale = await saleOf({ totalStock: 1, perUserLimit: 1 });
    const who = shopper();
    const taken = (await attempt(sale, who)) as { reservationId: string };
    await persistReservations(app);
    const orderId = parseReservationId(taken.reservationId)!.rowId;
    const events = app.app.get(FlashOrderEvents);
    const event = {
      orderId,
      kind: 'flash_sale',
      shopperId: who.userId,
      merchantId: merchant.id,
      totalFen: 990,
      giftCardFen: 0,
      couponId: null,
    };
    expect(await db.transaction(() => events.paid(event))).toBe(true);
    expect(await db.transaction(() => events.released(event))).toBe(false);
    expect(await gate.remaining(sale)).toBe(0);
  });
});
