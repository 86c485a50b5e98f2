import { Db } from '../../src/platform/database/db';
import { createSale, GATE_MODES, persistReservations, purchase } from '../flash-sale/flash-fixtures';
import { createMerchant, createProduct, expectError, loginShopper } from '../support/fixtures';
import { getOrder, payAndSettle } from '../support/payments';
import type { TestMerchant, TestShopper } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { campaignsOf } from './campaign-fixtures';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe.each(GATE_MODES)('flash sales: merchant operations (%s gate)', (mode) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ redis: mode === 'redis' });
  });
  afterAll(() => app.close());

  const inFuture = (ms: number) => new Date(app.clock.now().getTime() + ms);

  it("lists only the caller's sales, newest first, with stats, filtered by status and product name", async () => {
    const merchant = await createMerchant(app);
    const tea = await createProduct(app, merchant, { name: 'Oolong tea', priceFen: 10_000 });
    const cake = await createProduct(app, merchant, { name: 'Moon cake', priceFen: 10_000 });
    const other = await createMerchant(app);
    await createSale(app, other, (await createProduct(app, other)).id);
    const running = await createSale(app, merchant, tea.id, { totalStock: 5 });
    app.clock.advance(1000);
    const upcoming = await createSale(app, merchant, cake.id, {
      startsAt: inFuture(10 * MINUTE),
      endsAt: inFuture(20 * MINUTE),
    });
    expect(upcoming).toMatchObject({ status: 'scheduled', saleStatus: 'upcoming', endedAt: null });
    expect(running).toMatchObject({ status: 'active', endedAt: null, productName: 'Oolong tea' });
    expect((await purchase(app, await loginShopper(app), running.id)).status).toBe(202);
    await persistReservations(app);

    const sales = campaignsOf(app, merchant, 'flash-sales');
    const listed = (await sales.list()).body;
    expect(listed.items.map((s: any) => [s.id, s.status])).toEqual([
      [upcoming.id, 'scheduled'],
      [running.id, 'active'],
    ]);
    expect(listed.items[1].stats).toEqual({ totalStock: 5, reserved: 1, paid: 0, remaining: 4 });
    expect(listed.items[0].stats).toEqual({ totalStock: 50, reserved: 0, paid: 0, remaining: 50 });
    expect(listed.items[1]).toEqual((await sales.get(running.id)).body);
    const ids = async (query: string) => (await sales.list(query)).body.items.map((s: any) => s.id);
    expect(await ids('?status=active')).toEqual([running.id]);
    expect(await ids('?status=scheduled')).toEqual([upcoming.id]);
    expect(await ids('?q=MOON')).toEqual([upcoming.id]);
    expect(await ids('?q=tea&status=active')).toEqual([running.id]);
    expect(await ids('?status=ended')).toEqual([]);
    app.clock.advance(25 * 3600 * 1000);
    expect(await ids('?status=ended')).toEqual([upcoming.id, running.id]);
    expect((await sales.get(running.id)).body).toMatchObject({ status: 'ended', saleStatus: 'ended' });

    const page = (await sales.list('?limit=1')).body;
    expect(page.items.map((s: any) => s.id)).toEqual([upcoming.id]);
    const next = (await sales.list(`?limit=1&cursor=${page.nextCursor}`)).body;
    expect(next.items.map((s: any) => s.id)).toEqual([running.id]);
    expect(next.nextCursor).toBeNull();
    expect((await sales.list('?status=later')).status).toBe(400);
  });

  it('pages lose and repeat no sale while sales are being added', async () => {
    const merchant = await createMerchant(app);
    const product = await createProduct(app, merchant);
    const before: string[] = [];
    for (let i = 0; i < 7; i++) {
      before.push((await createSale(app, merchant, product.id)).id);
      app.clock.advance(10);
    }
    const sales = campaignsOf(app, merchant, 'flash-sales');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const body: any = (await sales.list(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).body;
      seen.push(...body.items.map((s: any) => s.id));
      cursor = body.nextCursor;
      await createSale(app, merchant, product.id); // newer than every page: never in this walk
      app.clock.advance(10);
    } while (cursor);
    expect(seen).toEqual([...before].reverse());
  });

  it('a page of 100 costs the same few queries as a page of 1 (stats are not read sale by sale)', async () => {
    const merchant = await createMerchant(app);
    const product = await createProduct(app, merchant);
    for (let i = 0; i < 100; i++) await createSale(app, merchant, product.id);
    const query = jest.spyOn(app.app.get(Db), 'query');
    // Only the stats' own queries: pollers query on their own timers meanwhile.
    const statsQueries = () =>
      query.mock.calls.filter(([sql]) => /flash_reservations|SELECT id, remaining/.test(sql)).length;
    try {
      const sales = campaignsOf(app, merchant, 'flash-sales');
      expect((await sales.list('?limit=1')).body.items).toHaveLength(1);
      const forOne = statsQueries();
      query.mockClear();
      expect((await sales.list('?limit=100')).body.items).toHaveLength(100);
      expect(statsQueries()).toBe(forOne);
      expect(forOne).toBeLessThanOrEqual(3);
    } finally {
      query.mockRestore();
    }
  });

  it('end: the next purchase is refused, a held order can still be paid, ending twice changes nothing', async () => {
    const merchant = await createMerchant(app);
    const product = await createProduct(app, merchant);
    const sale = await createSale(app, merchant, product.id, { totalStock: 5 });
    const holder = await loginShopper(app);
    const held = await purchase(app, holder, sale.id);
    expect(held.status).toBe(202);
    await persistReservations(app);
    const sales = campaignsOf(app, merchant, 'flash-sales');
    expectError(await campaignsOf(app, await createMerchant(app), 'flash-sales').end(sale.id), 404, 'NOT_FOUND');

    const ended = await sales.end(sale.id, `end-${sale.id}`);
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: 'ended', saleStatus: 'ended', endedAt: expect.any(String) });
    expectError(await purchase(app, await loginShopper(app), sale.id), 409, 'FLASH_SALE_NOT_ACTIVE');
    expect((await app.http.get(`/v1/flash-sales/${sale.id}`, { token: holder.token })).body.status).toBe('ended');

    const { body: reservation } = await app.http.get(`/v1/flash-sales/reservations/${held.body.reservationId}`, {
      token: holder.token,
    });
    const order = await getOrder(app, holder, reservation.orderId);
    expect((await payAndSettle(app, holder, order)).status).toBe('paid');
    expect((await sales.get(sale.id)).body.stats).toMatchObject({ paid: 1 });

    app.clock.advance(1000);
    const again = await sales.end(sale.id);
    expect(again.status).toBe(200);
    expect(again.body.endedAt).toBe(ended.body.endedAt);
    const repeated = await sales.end(sale.id, `end-${sale.id}`);
    expect(repeated.status).toBe(200);
    expect(repeated.body.endedAt).toBe(ended.body.endedAt);
  });
  /** The order of an accepted purchase, once the consumer wrote it (at once on the Postgres adapter). */
  const orderOf = async (shopper: TestShopper, accepted: { body: { reservationId: string } }) => {
    await persistReservations(app);
    const { body } = await app.http.get(`/v1/flash-sales/reservations/${accepted.body.reservationId}`, {
      token: shopper.token,
    });
    return getOrder(app, shopper, body.orderId);
  };
  const buy = async (shopper: TestShopper, saleId: string, quantity = 1) => {
    const response = await purchase(app, shopper, saleId, { quantity });
    expect(response.status).toBe(202);
    return response;
  };

  it('PATCH before the start changes any field, and the next purchase is made on the new terms', async () => {
    const merchant = await createMerchant(app);
    const tea = await createProduct(app, merchant, { name: 'Oolong tea' });
    const cake = await createProduct(app, merchant, { name: 'Moon cake' });
    const sales = campaignsOf(app, merchant, 'flash-sales');
    const sale = await createSale(app, merchant, tea.id, {
      priceFen: 990,
      totalStock: 10,
      perUserLimit: 1,
      paymentWindowSeconds: 120,
      startsAt: inFuture(10 * MINUTE),
      endsAt: inFuture(60 * MINUTE),
    });
    const changes = {
      productId: cake.id,
      priceFen: 1500,
      totalStock: 8,
      perUserLimit: 2,
      paymentWindowSeconds: 300,
      startsAt: inFuture(5 * MINUTE).toISOString(),
      endsAt: inFuture(90 * MINUTE).toISOString(),
    };
    const edited = await sales.patch(sale.id, changes);
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      ...changes,
      productName: 'Moon cake',
      status: 'scheduled',
      stats: { totalStock: 8, reserved: 0, paid: 0, remaining: 8 },
    });
    expect((await sales.get(sale.id)).body).toEqual(edited.body);

    // The instance held the sale as created (start in 10 minutes): it sells from the new start, on the new terms.
    app.clock.advance(5 * MINUTE);
    const shopper = await loginShopper(app);
    const order = await orderOf(shopper, await buy(shopper, sale.id, 2));
    expect(order.items).toEqual([{ productId: cake.id, quantity: 2, unitPriceFen: 1500 }]);
    expect(order.totalFen).toBe(3000);
    expect(new Date(order.expiresAt).getTime() - new Date(order.createdAt).getTime()).toBe(300_000);
    expect((await sales.get(sale.id)).body.stats).toEqual({ totalStock: 8, reserved: 2, paid: 0, remaining: 6 });
  });

  it('a bad body is 400 VALIDATION_FAILED and changes nothing; another merchant is 404', async () => {
    const merchant = await createMerchant(app);
    const product = await createProduct(app, merchant);
    const sales = campaignsOf(app, merchant, 'flash-sales');
    const sale = await createSale(app, merchant, product.id, {
      totalStock: 8,
      startsAt: inFuture(10 * MINUTE),
      endsAt: inFuture(60 * MINUTE),
    });
    const before = (await sales.get(sale.id)).body;
    for (const body of [
      {},
      { bogus: 1 },
      { totalStock: null },
      { totalStock: 0 },
      { perUserLimit: 9 }, // above totalStock
      { endsAt: 'tomorrow' },
      { startsAt: inFuture(2 * HOUR).toISOString() }, // after endsAt
      { endsAt: inFuture(-MINUTE).toISOString() },
      { priceFen: 1.5 },
    ]) {
      expectError(await sales.patch(sale.id, body), 400, 'VALIDATION_FAILED');
    }
    const stranger = await createMerchant(app);
    const foreignProduct = await createProduct(app, stranger);
    expectError(await sales.patch(sale.id, { productId: foreignProduct.id }), 404, 'NOT_FOUND');
    expectError(await campaignsOf(app, stranger, 'flash-sales').patch(sale.id, { totalStock: 9 }), 404, 'NOT_FOUND');
    expectError(await campaignsOf(app, stranger, 'flash-sales').timeline(sale.id, 'day'), 404, 'NOT_FOUND');
    expectError(await sales.patch('not-an-id', { totalStock: 9 }), 404, 'NOT_FOUND');
    expect((await sales.get(sale.id)).body).toEqual(before);
  });

  it('once started: a locked field is 409 CAMPAIGN_LOCKED and changes nothing; a later end and more stock change', async () => {
    const merchant = await createMerchant(app);
    const product = await createProduct(app, merchant);
    const sales = campaignsOf(app, merchant, 'flash-sales');
    const sale = await createSale(app, merchant, product.id, { totalStock: 10, perUserLimit: 1 });
    await buy(await loginShopper(app), sale.id);
    const before = (await sales.get(sale.id)).body;

    const locked = await sales.patch(sale.id, { priceFen: 1000, perUserLimit: 2, paymentWindowSeconds: 300 });
    expectError(locked, 409, 'CAMPAIGN_LOCKED');
    expect(locked.body.error.details.fields.sort()).toEqual(['paymentWindowSeconds', 'perUserLimit', 'priceFen']);
    for (const body of [
      { endsAt: inFuture(HOUR).toISOString() }, // earlier than the end
      { startsAt: inFuture(-HOUR).toISOString() },
      { totalStock: 9 }, // less, though not below what is taken
      { productId: (await createProduct(app, merchant)).id },
    ]) {
      expectError(await sales.patch(sale.id, body), 409, 'CAMPAIGN_LOCKED');
    }
    expect((await sales.get(sale.id)).body).toEqual(before);

    // A field repeated at its current value is no change.
    const laterEnd = inFuture(48 * HOUR).toISOString();
    const allowed = await sales.patch(sale.id, { endsAt: laterEnd, totalStock: 15, priceFen: sale.priceFen });
    expect(allowed.status).toBe(200);
    expect(allowed.body).toMatchObject({
      endsAt: laterEnd,
      totalStock: 15,
      stats: { totalStock: 15, reserved: 1, paid: 0, remaining: 14 },
    });
  });

  it('stock below what is taken is 409 CAMPAIGN_STOCK_BELOW_TAKEN and changes nothing', async () => {
    const merchant = await createMerchant(app);
    const product = await createProduct(app, merchant);
    const sales = campaignsOf(app, merchant, 'flash-sales');
    const sale = await createSale(app, merchant, product.id, { totalStock: 10, perUserLimit: 2 });
    await buy(await loginShopper(app), sale.id, 2);
    const queued = await buy(await loginShopper(app), sale.id); // not persisted yet on Redis: taken all the same
    const before = (await sales.get(sale.id)).body;
    const refused = await sales.patch(sale.id, { totalStock: 2 });
    expectError(refused, 409, 'CAMPAIGN_STOCK_BELOW_TAKEN');
    expect(refused.body.error.details).toEqual({ field: 'totalStock', taken: 3 });
    expect((await sales.get(sale.id)).body).toEqual(before);
    expect(queued.status).toBe(202);
  });

  it('a sale past its end keeps its end through an edit; a later end opens it again', async () => {
    const merchant = await createMerchant(app);
    const product = await createProduct(app, merchant);
    const sales = campaignsOf(app, merchant, 'flash-sales');
    const sale = await createSale(app, merchant, product.id, { totalStock: 5, endsAt: inFuture(HOUR) });
    app.clock.advance(2 * HOUR);
    expectError(await purchase(app, await loginShopper(app), sale.id), 409, 'FLASH_SALE_NOT_ACTIVE');
    const more = await sales.patch(sale.id, { totalStock: 6 });
    expect(more.body).toMatchObject({ status: 'ended', totalStock: 6 });
    const reopened = await sales.patch(sale.id, { endsAt: inFuture(HOUR).toISOString() });
    expect(reopened.body).toMatchObject({ status: 'active', saleStatus: 'active' });
    await buy(await loginShopper(app), sale.id);
  });

  it('timeline: purchases by placing, paid orders and revenue by payment, per bucket, as the orders table says', async () => {
    const merchant = await createMerchant(app);
    const product = await createProduct(app, merchant);
    const sales = campaignsOf(app, merchant, 'flash-sales');
    // Buckets start on the hour: begin at one, so the two hours below are two buckets.
    app.clock.advance(HOUR - (app.clock.now().getTime() % HOUR));
    // The bucket's start, not the clock's reading: the test clock goes on ticking in real time.
    const firstHour = new Date(Math.floor(app.clock.now().getTime() / HOUR) * HOUR).toISOString();
    const sale = await createSale(app, merchant, product.id, {
      priceFen: 990,
      totalStock: 20,
      perUserLimit: 2,
      paymentWindowSeconds: 3600,
    });
    const shoppers = await Promise.all(Array.from({ length: 6 }, () => loginShopper(app)));
    const [a, b, c, d, e, f] = shoppers;
    const placed = async (shopper: TestShopper, quantity = 1) =>
      orderOf(shopper, await buy(shopper, sale.id, quantity));
    const orderA = await placed(a, 2);
    const orderB = await placed(b);
    await payAndSettle(app, a, orderA);
    await payAndSettle(app, b, orderB);
    app.clock.advance(40 * MINUTE);
    const orderC = await placed(c);
    app.clock.advance(30 * MINUTE); // the second hour
    const orderD = await placed(d);
    const orderE = await placed(e);
    await placed(f); // left awaiting payment
    await payAndSettle(app, c, orderC); // placed in the first hour, paid in the second
    await payAndSettle(app, d, orderD);
    expect((await app.http.post(`/v1/orders/${orderE.id}/cancel`, { token: e.token })).status).toBe(200);

    const hourly = (await sales.timeline(sale.id, 'hour')).body.buckets;
    const secondHour = new Date(new Date(firstHour).getTime() + HOUR).toISOString();
    expect(hourly).toEqual([
      { at: firstHour, purchases: 3, paid: 2, revenueFen: 3 * 990, discountFen: 0 },
      { at: secondHour, purchases: 3, paid: 2, revenueFen: 2 * 990, discountFen: 0 },
    ]);
    for (const bucket of ['hour', 'day']) {
      expect((await sales.timeline(sale.id, bucket)).body.buckets).toEqual(await timelineFromOrders(sale.id, bucket));
    }
    expectError(await sales.timeline(sale.id, 'week'), 400, 'VALIDATION_FAILED');
    expectError(await merchantTimelineWithoutBucket(merchant, sale.id), 400, 'VALIDATION_FAILED');
  });

  /** The sale's timeline as the orders table has it (orders joined to the sale through their reservations). */
  async function timelineFromOrders(saleId: string, bucket: string) {
    const rows = await app.db.query<Record<string, string>>(
      `SELECT at, sum(purchases)::int AS purchases, sum(paid)::int AS paid, sum(revenue)::int AS revenue,
              sum(discount)::int AS discount
       FROM (
         SELECT date_trunc($2, o.created_at, 'UTC') AS at, 1 AS purchases, 0 AS paid, 0 AS revenue, 0 AS discount
         FROM orders o JOIN flash_reservations r ON r.order_id = o.id WHERE r.sale_id = $1
         UNION ALL
         SELECT date_trunc($2, o.paid_at, 'UTC'), 0, 1, o.total_fen, o.discount_fen
         FROM orders o JOIN flash_reservations r ON r.order_id = o.id WHERE r.sale_id = $1 AND o.paid_at IS NOT NULL
       ) events GROUP BY at ORDER BY at`,
      [saleId, bucket],
    );
    return rows.map((row: any) => ({
      at: new Date(row.at).toISOString(),
      purchases: row.purchases,
      paid: row.paid,
      revenueFen: row.revenue,
      discountFen: row.discount,
    }));
  }

  const merchantTimelineWithoutBucket = (merchant: TestMerchant, saleId: string) =>
    app.http.get(`/v1/merchant/flash-sales/${saleId}/timeline`, { token: merchant.apiKey });
});
