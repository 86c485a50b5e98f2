import { createMerchant, createProduct, loginShopper, TestShopper } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { testEnvironment } from '../support/test-env';
import { createSale, GATE_MODES, persistReservations, purchase } from '../flash-sale/flash-fixtures';
import { campaignsOf, eventually } from './campaign-fixtures';

// Two instances need two real connections to one database: embedded PGlite runs one transaction at a time.
const modes = testEnvironment().postgresMode === 'server' ? GATE_MODES : [];

/**
 * A flash sale ended on one instance is refused on both within a second, though each holds it in its cache; one
 * whose stock is raised on one instance sells again on both within a second, though each had it flagged sold out.
 */
describe.each(modes)('a flash sale ended or restocked on one of two instances (%s gate)', (mode) => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await startTestApp({ redis: mode === 'redis' });
    second = await startTestApp({
      redis: mode === 'redis',
      database: first.db,
      redisKeyPrefix: first.redisKeyPrefix ?? undefined,
    });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  const shoppers = (app: TestApp, n: number) => Promise.all(Array.from({ length: n }, () => loginShopper(app)));

  it('refuses the next purchase with FLASH_SALE_NOT_ACTIVE on both within a second', async () => {
    const merchant = await createMerchant(first);
    const product = await createProduct(first, merchant);
    const sale = await createSale(first, merchant, product.id, { totalStock: 500 });
    // Both instances now hold the sale in their caches.
    expect((await purchase(first, await loginShopper(first), sale.id)).status).toBe(202);
    expect((await purchase(second, await loginShopper(second), sale.id)).status).toBe(202);
    const pools = { first: await shoppers(first, 60), second: await shoppers(second, 60) };

    expect((await campaignsOf(first, merchant, 'flash-sales').end(sale.id)).status).toBe(200);
    const refusedWithin = (app: TestApp, pool: TestShopper[]) =>
      eventually(async () => {
        const response = await purchase(app, pool.pop()!, sale.id);
        return response.status === 409 && response.body.error.code === 'FLASH_SALE_NOT_ACTIVE';
      }, 1000);
    const [onFirst, onSecond] = await Promise.all([
      refusedWithin(first, pools.first),
      refusedWithin(second, pools.second),
    ]);
    expect(onFirst).toBeLessThan(1000);
    expect(onSecond).toBeLessThan(1000);
    // And it stays refused.
    expect((await purchase(second, pools.second.pop()!, sale.id)).body.error.code).toBe('FLASH_SALE_NOT_ACTIVE');
  });

  it('raised while sold out on both: each sells again within a second', async () => {
    const merchant = await createMerchant(first);
    const product = await createProduct(first, merchant);
    const sale = await createSale(first, merchant, product.id, { totalStock: 2 });
    expect((await purchase(first, await loginShopper(first), sale.id)).status).toBe(202);
    expect((await purchase(second, await loginShopper(second), sale.id)).status).toBe(202);
    // Both instances now answer sold out from their own flag.
    const pools = { first: await shoppers(first, 30), second: await shoppers(second, 30) };
    expect((await purchase(first, pools.first.pop()!, sale.id)).body.error.code).toBe('FLASH_SALE_SOLD_OUT');
    expect((await purchase(second, pools.second.pop()!, sale.id)).body.error.code).toBe('FLASH_SALE_SOLD_OUT');

    expect((await campaignsOf(first, merchant, 'flash-sales').patch(sale.id, { totalStock: 12 })).status).toBe(200);
    const soldWithin = (app: TestApp, pool: TestShopper[]) =>
      eventually(async () => (await purchase(app, pool.pop()!, sale.id)).status === 202, 1000);
    const [onFirst, onSecond] = await Promise.all([soldWithin(first, pools.first), soldWithin(second, pools.second)]);
    expect(onFirst).toBeLessThan(1000);
    expect(onSecond).toBeLessThan(1000);
    await Promise.all([persistReservations(first), persistReservations(second)]);
    const [{ units }] = await first.db.query<{ units: number }>(
      `SELECT sum(quantity)::int AS units FROM flash_reservations WHERE sale_id = $1 AND status = 'confirmed'`,
      [sale.id],
    );
    expect(units).toBe(4);
  });
});
