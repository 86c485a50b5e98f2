import { parse } from 'csv-parse';
import { get as httpGet, IncomingMessage } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createMerchant, createProduct, TestMerchant } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const ORDERS = 100_000;
const MAX_GROWTH_MB = 50;

// A forced collection makes heapUsed the memory the service holds, not garbage waiting for the collector.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
/** What the process holds: the live JavaScript heap and the buffers outside it (socket writes, pg reads). */
const held = (): number => {
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
};

describe('orders.csv of 100,000 orders: what the process holds stays flat while it streams', () => {
  let app: TestApp;
  let merchant: TestMerchant;

  beforeAll(async () => {
    app = await startTestApp();
    merchant = await createMerchant(app);
    const product = await createProduct(app, merchant, { name: 'Bulk tea' });
    await app.db.query(
      `INSERT INTO orders (id, shopper_id, shopper_openid, merchant_id, kind, status, subtotal_fen, discount_fen,
                           total_fen, expires_at, refunded_fen, out_trade_no, reconcile_after, created_at, updated_at)
       SELECT md5('order' || g)::uuid, md5('shopper' || g)::uuid, 'o' || g, $1, 'standard', 'cancelled', 990, 0, 990,
              t, 0, 'MEM' || g, t, t, t
       FROM generate_series(1, $2::int) g, LATERAL (SELECT timestamptz '2026-01-01' + g * interval '5 minutes' AS t) x`,
      [merchant.id, ORDERS],
    );
    await app.db.query(
      `INSERT INTO order_items (order_id, line, product_id, quantity, unit_price_fen)
       SELECT md5('order' || g)::uuid, 0, $1::uuid, 1, 990 FROM generate_series(1, $2::int) g`,
      [product.id, ORDERS],
    );
  }, 120_000);
  afterAll(() => app.close());

  it('grows by less than 50 MB from before the request to any moment of it', async () => {
    const warm = await app.http.get('/v1/merchant/orders.csv?to=2026-01-02T00:00:00Z', { token: merchant.apiKey });
    expect(warm.status).toBe(200);
    const baseline = held();
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, held())), 1000);
    const response = await new Promise<IncomingMessage>((resolve, reject) =>
      httpGet(
        `${app.url}/v1/merchant/orders.csv`,
        { headers: { authorization: `Bearer ${merchant.apiKey}` } },
        resolve,
      ).on('error', reject),
    );
    let rows = -1;
    let short = 0;
    for await (const record of response.pipe(parse()) as AsyncIterable<string[]>) {
      if (record.length !== 13) short++;
      // Also at points of the stream, should the timer be starved on a busy machine.
      if (++rows % 25_000 === 0) peak = Math.max(peak, held());
    }
    clearInterval(sampler);
    peak = Math.max(peak, held());
    const growthMb = (peak - baseline) / 1048576;
    console.log(
      `orders.csv in-process: ${rows} orders; held (heap + external) ${(baseline / 1048576).toFixed(1)} MB -> peak ` +
        `${(peak / 1048576).toFixed(1)} MB (growth ${growthMb.toFixed(1)} MB)`,
    );
    expect({ rows, short }).toEqual({ rows: ORDERS, short: 0 });
    expect(growthMb).toBeLessThan(MAX_GROWTH_MB);
  }, 300_000);
});
