import { Client } from 'pg';
import { FlashStockGate } from '../../src/modules/flash-sale/gate/flash-stock-gate';
import { saleKeys } from '../../src/modules/flash-sale/gate/flash-keys';
import { SOLD_OUT_RECHECK_MS } from '../../src/modules/flash-sale/sale-directory';
import { RedisService } from '../../src/platform/redis/redis.service';
import { createMerchant, createProduct, expectError, TestMerchant, TestShopper } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createSale, GATE_MODES, mintShoppers, purchase } from './flash-fixtures';

/**
 * The flag runs on the real clock (Date.now, not the app's clock). Instead of sleeping out its recheck period, the
 * file moves Date.now forward, as that much wall time passing would (only ever forward; put back after the file).
 */
const realNow = Date.now;
let wallClockAhead = 0;
const letWallTimePass = (ms: number) => {
  wallClockAhead += ms;
};
beforeAll(() => {
  Date.now = () => realNow() + wallClockAhead;
});
afterAll(() => {
  Date.now = realNow;
});

/**
 * Bot resistance without a round trip: once a sale is sold out, the instance answers 409 from its in-process flag
 * (no gate call), and in Redis mode no refused attempt, from the flag or from the gate, touches Postgres.
 */
describe.each(GATE_MODES)('the in-process sold-out flag (%s gate)', (mode) => {
  let app: TestApp;
  let merchant: TestMerchant;
  let productId: string;
  let shoppers: TestShopper[];
  let gate: FlashStockGate;

  beforeAll(async () => {
    app = await startTestApp({ redis: mode === 'redis' });
    merchant = await createMerchant(app);
    productId = (await createProduct(app, merchant)).id;
    shoppers = await mintShoppers(app, 60, `flag_${mode}`);
    gate = app.app.get(FlashStockGate);
  });
  afterAll(() => app.close());
  afterEach(() => jest.restoreAllMocks());

  /** Counts calls only: the real gate still answers. */
  const countGateCalls = () => jest.spyOn(gate, 'reserve');
  /**
   * Every statement the service sends to Postgres goes through a pg Client (TypeORM's pool included); this file's
   * own checks (app.db.query) are not made while it counts.
   */
  const countPostgresQueries = () => jest.spyOn(Client.prototype, 'query');
  /** The queries a spy saw, less the background poll of campaign changes (every 250 ms on every instance). */
  const purchaseQueries = (spy: ReturnType<typeof countPostgresQueries>) =>
    spy.mock.calls.filter(([sql]) => !JSON.stringify(sql).includes('campaign_changes'));

  it('after the last unit goes, further attempts get 409 FLASH_SALE_SOLD_OUT without a gate call', async () => {
    const sale = await createSale(app, merchant, productId, { totalStock: 3, perUserLimit: 1 });
    for (const shopper of shoppers.slice(0, 3)) expect((await purchase(app, shopper, sale.id)).status).toBe(202);

    const flaggedFrom = Date.now(); // the last 202 set the flag no earlier than this
    const reserve = countGateCalls();
    const queries = countPostgresQueries();
    const refused = await Promise.all(shoppers.slice(3, 53).map((shopper) => purchase(app, shopper, sale.id)));
    const elapsed = Date.now() - flaggedFrom;
    for (const response of refused) expectError(response, 409, 'FLASH_SALE_SOLD_OUT');
    if (elapsed < SOLD_OUT_RECHECK_MS) {
      expect(reserve).not.toHaveBeenCalled();
      expect(purchaseQueries(queries)).toEqual([]);
    } else {
      // A machine this slow let the flag come due: one attempt per recheck period may go to the gate (which, on
      // the Postgres adapter, queries Postgres; the Redis gate does not).
      expect(reserve.mock.calls.length).toBeLessThanOrEqual(Math.ceil(elapsed / SOLD_OUT_RECHECK_MS));
      if (mode === 'redis') expect(purchaseQueries(queries)).toEqual([]);
    }

    // The counters are live: a read of the sale's stats does reach Postgres (and the gate's count, in Redis).
    const stats = await app.http.get(`/v1/merchant/flash-sales/${sale.id}`, { token: merchant.apiKey });
    expect(stats.body.stats).toEqual({ totalStock: 3, reserved: 3, paid: 0, remaining: 0 });
    expect(purchaseQueries(queries).length).toBeGreaterThan(0);
  });

  it('once the flag is due for a recheck, exactly one attempt of a burst goes to the gate, and it re-arms', async () => {
    const sale = await createSale(app, merchant, productId, { totalStock: 1, perUserLimit: 1 });
    expect((await purchase(app, shoppers[0], sale.id)).status).toBe(202);
    letWallTimePass(SOLD_OUT_RECHECK_MS + 100);
    const reserve = countGateCalls();
    const burst = await Promise.all(shoppers.slice(1, 31).map((shopper) => purchase(app, shopper, sale.id)));
    for (const response of burst) expectError(response, 409, 'FLASH_SALE_SOLD_OUT');
    expect(reserve).toHaveBeenCalledTimes(1);
    // The gate's sold_out answer set the flag again: the next attempts stay in process.
    expectError(await purchase(app, shoppers[31], sale.id), 409, 'FLASH_SALE_SOLD_OUT');
    expect(reserve).toHaveBeenCalledTimes(1);
  });

  /** Puts units back in the gate behind this instance's back, as another instance's release would. */
  async function restockUnannounced(saleId: string, units: number): Promise<void> {
    if (mode === 'redis') {
      const redis = app.app.get(RedisService);
      await redis.client!.incrBy(saleKeys(redis.key(), saleId).stock, units);
    } else {
      await app.db.query('UPDATE flash_sales SET remaining = remaining + $2 WHERE id = $1', [saleId, units]);
    }
  }

  // The attempt the recheck lets through either takes a unit or, from a shopper at the limit, is refused for it:
  // both show units left and end the flag.
  it.each([
    ['a new shopper, accepted', 'new', 202],
    ['a shopper at the limit, refused', 'buyer', 409],
  ] as const)(
    'units back unannounced: a recheck by %s ends the flag, and the rest sell at once',
    async (_, who, status) => {
      const sale = await createSale(app, merchant, productId, { totalStock: 12, perUserLimit: 1 });
      const buyers = shoppers.slice(0, 12);
      const newcomers = shoppers.slice(12, 24);
      for (const shopper of buyers) expect((await purchase(app, shopper, sale.id)).status).toBe(202);
      expectError(await purchase(app, newcomers[0], sale.id), 409, 'FLASH_SALE_SOLD_OUT');
      await restockUnannounced(sale.id, 10);
      letWallTimePass(SOLD_OUT_RECHECK_MS + 100);
      const recheck = await purchase(app, who === 'new' ? newcomers[0] : buyers[0], sale.id);
      expect(recheck.status).toBe(status);
      if (status === 409) expectError(recheck, 409, 'FLASH_SALE_LIMIT_REACHED');
      // Had the recheck re-armed the flag, these would be refused in process for another period.
      const rest = newcomers.slice(who === 'new' ? 1 : 0, 10); // with the recheck's, the 10 units back
      const burst = await Promise.all(rest.map((shopper) => purchase(app, shopper, sale.id)));
      expect(burst.map((response) => response.status)).toEqual(Array(rest.length).fill(202));
      expectError(await purchase(app, newcomers[11], sale.id), 409, 'FLASH_SALE_SOLD_OUT');
    },
  );

  if (mode === 'redis') {
    it('refusals that the Redis gate decides (limit, sold out, window, rate) touch no Postgres either', async () => {
      const now = app.clock.now().getTime();
      const open = await createSale(app, merchant, productId, { totalStock: 100, perUserLimit: 1 });
      const soldOut = await createSale(app, merchant, productId, { totalStock: 1, perUserLimit: 1 });
      const ending = await createSale(app, merchant, productId, { endsAt: new Date(now + 60_000) });
      const [holder, hammer, other, late] = shoppers.slice(40, 44);
      // Warm up: each sale is in the instance's directory and each token verified, as mid-stampede.
      expect((await purchase(app, holder, open.id)).status).toBe(202);
      expect((await purchase(app, holder, soldOut.id)).status).toBe(202);
      expect((await purchase(app, holder, ending.id)).status).toBe(202);
      for (const shopper of [hammer, other, late]) expect((await purchase(app, shopper, open.id)).status).toBe(202);
      app.clock.advance(61_000); // `ending` is over; `open` and `soldOut` still run for a day
      try {
        const reserve = countGateCalls();
        const queries = countPostgresQueries();

        expectError(await purchase(app, holder, open.id), 409, 'FLASH_SALE_LIMIT_REACHED');
        // An Idempotency-Key skips the in-process checks: the gate itself answers sold out and not active.
        expectError(await purchase(app, other, soldOut.id, { idempotencyKey: 'k-sold' }), 409, 'FLASH_SALE_SOLD_OUT');
        expectError(await purchase(app, late, ending.id, { idempotencyKey: 'k-late' }), 409, 'FLASH_SALE_NOT_ACTIVE');
        // 21: more than two rate windows' worth (10 each), however the burst straddles them.
        const burst = await Promise.all(Array.from({ length: 21 }, () => purchase(app, hammer, open.id)));
        const statuses = burst.map((response) => response.status);
        expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
        expect(statuses.filter((status) => status !== 429 && status !== 409)).toEqual([]);

        expect(reserve.mock.calls.length).toBe(3 + burst.length);
        expect(purchaseQueries(queries)).toEqual([]);
      } finally {
        app.clock.advance(-61_000);
      }
    });
  }
});
