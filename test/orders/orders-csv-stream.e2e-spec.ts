import { parse } from 'csv-parse';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get as httpGet, IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, TestDatabase } from '../support/database';
import { HttpClient } from '../support/http-client';
import { ServiceProcess, startService } from '../support/service-process';
import { testEnvironment } from '../support/test-env';

const ADMIN_TOKEN = 'orders-csv-admin-token-0123456789abcdef';
const ORDERS = 100_000;

const withServer = testEnvironment().postgresMode === 'server' ? describe : describe.skip;

/** The resident memory of a process, in bytes (Linux /proc). */
const rssOf = (pid: number): number =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

withServer(
  'orders.csv of 100,000 orders from the built service: streamed, bounded memory, stops for a client gone',
  () => {
    let db: TestDatabase;
    let dataDir: string;
    let service: ServiceProcess;
    let http: HttpClient;
    let apiKey: string;
    let merchantId: string;

    beforeAll(async () => {
      db = await freshDatabase();
      dataDir = mkdtempSync(join(tmpdir(), 'engage-orders-csv-'));
      service = await startService({
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        DATABASE_URL: db.url,
        DATA_DIR: dataDir,
        ADMIN_TOKEN,
        JWT_SECRET: 'orders-csv-jwt-secret-0123456789abcdef012345',
      });
      http = new HttpClient(service.url);
      const merchant = await http.post('/v1/merchants', { token: ADMIN_TOKEN, body: { name: 'Bulk' } });
      ({ id: merchantId, apiKey } = merchant.body);
      const product = async (sku: string, name: string) =>
        (await http.post('/v1/merchant/products', { token: apiKey, body: { sku, name, priceFen: 990 } })).body
          .id as string;
      const tea = await product('TEA-1', 'Tea, "green"\nbox');
      const cup = await product('CUP-1', '=cup()');
      // In bulk, as a year of orders would have accumulated: every third order has two lines, every fifth is paid.
      await db.query(
        `INSERT INTO orders (id, shopper_id, shopper_openid, merchant_id, kind, status, subtotal_fen, discount_fen,
                           total_fen, coupon_id, expires_at, paid_at, refunded_fen, out_trade_no, reconcile_after,
                           created_at, updated_at)
       SELECT md5('order' || g)::uuid, md5('shopper' || (g % 977))::uuid, 'openid-' || g, $1,
              (ARRAY['standard', 'flash_sale', 'group_buy'])[1 + g % 3],
              CASE WHEN g % 5 = 0 THEN 'paid' ELSE 'cancelled' END,
              990 * (1 + (g % 3 = 0)::int), g % 7, 990 * (1 + (g % 3 = 0)::int) - g % 7,
              CASE WHEN g % 7 = 0 THEN md5('coupon' || g)::uuid END,
              t + interval '15 minutes', CASE WHEN g % 5 = 0 THEN t + interval '1 minute' END, 0,
              'BULK' || g, t, t, t
       FROM generate_series(1, $2::int) g, LATERAL (SELECT timestamptz '2026-01-01' + g * interval '5 minutes' AS t) x`,
        [merchantId, ORDERS],
      );
      await db.query(
        `INSERT INTO order_items (order_id, line, product_id, quantity, unit_price_fen)
       SELECT md5('order' || g)::uuid, 0, $1::uuid, 1, 990 FROM generate_series(1, $3::int) g
       UNION ALL
       SELECT md5('order' || g)::uuid, 1, $2::uuid, 1, 990 FROM generate_series(3, $3::int, 3) g`,
        [tea, cup, ORDERS],
      );
      await db.query('ANALYZE orders');
      await db.query('ANALYZE order_items');
    }, 120_000);
    afterAll(async () => {
      await service?.stop();
      await db?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const request = (path: string): Promise<IncomingMessage> =>
      new Promise((resolve, reject) =>
        httpGet(service.url + path, { headers: { authorization: `Bearer ${apiKey}` } }, resolve).on('error', reject),
      );

    it('streams every order, parsed back to the rows of the tables (RSS printed)', async () => {
      const expected = await db.query<{ line: string }>(
        `SELECT concat_ws(E'\\x1f', o.id, to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                        o.kind, o.status, o.shopper_id, o.subtotal_fen, o.discount_fen, o.total_fen, o.refunded_fen,
                        coalesce(to_char(o.paid_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), ''),
                        coalesce(o.coupon_id::text, ''),
                        string_agg(i.product_id || ' x ' || i.quantity || ' @ ' || i.unit_price_fen, '; ' ORDER BY i.line),
                        (SELECT CASE WHEN n ~ '^[=+@-]' THEN '''' ELSE '' END || n
                         FROM (SELECT string_agg(p.name, '; ' ORDER BY i.line) AS n) names)) AS line
       FROM orders o JOIN order_items i ON i.order_id = o.id JOIN products p ON p.id = i.product_id
       WHERE o.merchant_id = $1 GROUP BY o.id ORDER BY o.created_at, o.id`,
        [merchantId],
      );
      expect(expected).toHaveLength(ORDERS);

      // Warm the route up (code paths, pools), then measure from a settled baseline.
      const warm = await http.get('/v1/merchant/orders.csv?to=2026-01-02T00:00:00Z', { token: apiKey });
      expect(warm.status).toBe(200);
      const pid = service.child.pid!;
      const baseline = rssOf(pid);
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 10);

      const started = Date.now();
      const response = await request('/v1/merchant/orders.csv');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      let index = -1;
      const mismatches: string[] = [];
      for await (const record of response.pipe(parse()) as AsyncIterable<string[]>) {
        if (index >= 0 && record.join('\x1f') !== expected[index]?.line && mismatches.length < 3) {
          mismatches.push(`row ${index}: ${JSON.stringify(record)} vs ${JSON.stringify(expected[index]?.line)}`);
        }
        index++;
      }
      clearInterval(sampler);
      peak = Math.max(peak, rssOf(pid));
      const growthMb = (peak - baseline) / 1024 / 1024;
      console.log(
        `orders.csv: ${index} orders in ${Date.now() - started} ms; service RSS ${(baseline / 1048576).toFixed(1)} MB ` +
          `-> peak ${(peak / 1048576).toFixed(1)} MB (growth ${growthMb.toFixed(1)} MB)`,
      );
      expect(mismatches).toEqual([]);
      expect(index).toBe(ORDERS);
    }, 120_000);

    it('a client that goes away stops the export at once: the reading ends long before the last order', async () => {
      const response = await request('/v1/merchant/orders.csv');
      expect(response.statusCode).toBe(200);
      await new Promise((resolve) => response.once('data', resolve));
      const leftAt = Date.now();
      response.destroy();
      await until(
        () => /orders\.csv for merchant [0-9a-f-]+ stopped/.test(service.output()),
        5000,
        'the export to stop',
      );
      const stoppedAfterMs = Date.now() - leftAt;
      // No keyset query of this export is still running once it said it stopped.
      await until(
        async () =>
          (
            await db.query(
              `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND state = 'active'
               AND query ILIKE '%FROM orders o%' AND pid <> pg_backend_pid()`,
            )
          ).length === 0,
        2000,
        'no export query left running',
      );
      console.log(`orders.csv: a client gone is noticed in ${stoppedAfterMs} ms`);
      expect(stoppedAfterMs).toBeLessThan(2000);
    });
  },
);
