import { Db } from '../../src/platform/database/db';
import { createSale, GATE_MODES, persistReservations, purchase } from '../flash-sale/flash-fixtures';
import { createMerchant, createProduct, expectError, loginShopper } from '../support/fixtures';
import { getOrder, payAndSettle } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import { campaignsOf } from './campaign-fixtures';

const MINUTE = 60_000;

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
});
