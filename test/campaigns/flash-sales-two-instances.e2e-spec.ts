import { createMerchant, createProduct, loginShopper, TestShopper } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { testEnvironment } from '../support/test-env';
import { createSale, GATE_MODES, purchase } from '../flash-sale/flash-fixtures';
import { campaignsOf, eventually } from './campaign-fixtures';

// Two instances need two real connections to one database: embedded PGlite runs one transaction at a time.
const modes = testEnvironment().postgresMode === 'server' ? GATE_MODES : [];

/** A flash sale ended on one instance is refused on both within a second, though each holds it in its cache. */
describe.each(modes)('a flash sale ended on one of two instances (%s gate)', (mode) => {
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
});
