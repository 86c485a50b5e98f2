import { parse } from 'csv-parse';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { get as httpGet, IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freshDatabase, TestDatabase } from '../support/database';
import { HttpClient } from '../support/http-client';
import { ServiceProcess, startService } from '../support/service-process';
import { testEnvironment } from '../support/test-env';
import { until } from '../support/until';

const ADMIN_TOKEN = 'orders-csv-admin-token-0123456789abcdef';
/** Five full batches of 500 and a part of one. */
const ORDERS = 2750;
const TEA = 'Tea, "green"\nbox';
const CUP = '=cup()';
const MUG = 'Mug (archived)';
const KINDS = ['standard', 'flash_sale', 'group_buy'];

const withServer = testEnvironment().postgresMode === 'server' ? describe : describe.skip;

/** md5(text)::uuid in PostgreSQL. */
const md5Uuid = (text: string): string =>
  createHash('md5')
    .update(text)
    .digest('hex')
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

withServer(
  'orders.csv of a few thousand orders from the built service: streamed, exact, stops for a client gone',
  () => {
    let db: TestDatabase;
    let dataDir: string;
    let service: ServiceProcess;
    let http: HttpClient;
    let apiKey: string;
    let products: { tea: string; cup: string; mug: string };

    beforeAll(async () => {
      db = await freshDatabase();
      dataDir = mkdtempSync(join(tmpdir(), 'engage-orders-csv-'));
      service = await startService({
        NODE_ENV: 'production',
        ALLOW_SANDBOX: 'true', // production mode on the sandbox adapters
        LOG_LEVEL: 'warn',
        DATABASE_URL: db.url,
        DATA_DIR: dataDir,
        ADMIN_TOKEN,
        JWT_SECRET: 'orders-csv-jwt-secret-0123456789abcdef012345',
      });
      http = new HttpClient(service.url);
      const merchant = await http.post('/v1/merchants', { token: ADMIN_TOKEN, body: { name: 'Bulk' } });
      apiKey = merchant.body.apiKey;
      const product = async (sku: string, name: string) =>
        (await http.post('/v1/merchant/products', { token: apiKey, body: { sku, name, priceFen: 990 } })).body
          .id as string;
      products = {
        tea: await product('TEA-1', TEA),
        cup: await product('CUP-1', CUP),
        mug: await product('MUG-1', MUG),
      };
      await http.request('PATCH', `/v1/merchant/products/${products.mug}`, {
        token: apiKey,
        body: { status: 'archived' },
      });
      // In bulk, as a year of orders would have accumulated. Three orders share each instant, which has
      // microseconds, so batches of 500 end inside a group of equal createdAt and on a value a Date cannot hold.
      await db.query(
        `INSERT INTO orders (id, shopper_id, shopper_openid, merchant_id, kind, status, subtotal_fen, discount_fen,
                           total_fen, coupon_id, expires_at, paid_at, refunded_fen, out_trade_no, reconcile_after,
                           created_at, updated_at)
       SELECT md5('order' || g)::uuid, md5('shopper' || (g % 97))::uuid, 'openid-' || g, $1,
              (ARRAY['standard', 'flash_sale', 'group_buy'])[1 + g % 3],
              CASE WHEN g % 5 = 0 THEN 'paid' ELSE 'cancelled' END,
              990 * (1 + (g % 3 = 0)::int), g % 7, 990 * (1 + (g % 3 = 0)::int) - g % 7,
              CASE WHEN g % 7 = 0 THEN md5('coupon' || g)::uuid END,
              t + interval '15 minutes', CASE WHEN g % 5 = 0 THEN t + interval '1 minute' END, 0,
              'BULK' || g, t, t, t
       FROM generate_series(1, $2::int) g,
            LATERAL (SELECT timestamptz '2026-01-01' + (g / 3) * interval '5 minutes' + interval '0.123456 s' AS t) x`,
        [merchant.body.id, ORDERS],
      );
      // Every third order: a cup, then tea; every tenth of the others: the archived mug alone; the rest: tea.
      await db.query(
        `INSERT INTO order_items (order_id, line, product_id, quantity, unit_price_fen)
       SELECT md5('order' || g)::uuid, (g % 3 = 0)::int,
              CASE WHEN g % 3 <> 0 AND g % 10 = 0 THEN $3::uuid ELSE $1::uuid END, 1, 990
       FROM generate_series(1, $4::int) g
       UNION ALL
       SELECT md5('order' || g)::uuid, 0, $2::uuid, 1, 990 FROM generate_series(3, $4::int, 3) g`,
        [products.tea, products.cup, products.mug, ORDERS],
      );
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

    /** The rows the seed describes, worked out here (not by SQL), oldest first and by id among equal instants. */
    function expectedRows(): string[][] {
      const rows: string[][] = [];
      for (let g = 1; g <= ORDERS; g++) {
        const at = Date.UTC(2026, 0, 1) + Math.floor(g / 3) * 5 * 60_000 + 123;
        const twoLines = g % 3 === 0;
        const subtotal = 990 * (twoLines ? 2 : 1);
        const lines = twoLines ? [products.cup, products.tea] : [g % 10 === 0 ? products.mug : products.tea];
        const names = twoLines ? `'${CUP}; ${TEA}` : g % 10 === 0 ? '' : TEA;
        rows.push([
          md5Uuid(`order${g}`),
          new Date(at).toISOString(),
          KINDS[g % 3],
          g % 5 === 0 ? 'paid' : 'cancelled',
          md5Uuid(`shopper${g % 97}`),
          String(subtotal),
          String(g % 7),
          String(subtotal - (g % 7)),
          '0',
          g % 5 === 0 ? new Date(at + 60_000).toISOString() : '',
          g % 7 === 0 ? md5Uuid(`coupon${g}`) : '',
          lines.map((productId) => `${productId} x 1 @ 990`).join('; '),
          names,
        ]);
      }
      return rows.sort((a, b) => (a[1] === b[1] ? (a[0] < b[0] ? -1 : 1) : a[1] < b[1] ? -1 : 1));
    }

    it('sends chunked, in several chunks, every order parsed back with csv-parse to exactly its row', async () => {
      const response = await request('/v1/merchant/orders.csv');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      // Streamed: no length known in advance, the text sent as it is read.
      expect(response.headers['transfer-encoding']).toBe('chunked');
      expect(response.headers['content-length']).toBeUndefined();
      let chunks = 0;
      response.on('data', () => chunks++);
      const records: string[][] = [];
      for await (const record of response.pipe(parse()) as AsyncIterable<string[]>) records.push(record);

      expect(chunks).toBeGreaterThan(1);
      const [header, ...rows] = records;
      expect(header[0]).toBe('id');
      expect(rows).toHaveLength(ORDERS);
      expect(rows).toEqual(expectedRows());
    });

    it('a client that goes away stops the export before its end, and no export query is left running', async () => {
      // The orders table locked, the export waits on its first batch once the header line is out: the client
      // leaves while most of the export is still to come, however fast this machine is.
      const locker = new Client({ connectionString: db.url });
      await locker.connect();
      try {
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE orders IN ACCESS EXCLUSIVE MODE');
        const response = await request('/v1/merchant/orders.csv');
        expect(response.statusCode).toBe(200);
        await new Promise((resolve) => response.once('data', resolve));
        response.destroy();
        await locker.query('COMMIT');
      } finally {
        await locker.end();
      }
      await until(
        () => /orders\.csv for merchant [0-9a-f-]+ stopped before its end/.test(service.output()),
        'the export to stop',
        10_000,
      );
      await until(
        async () =>
          (
            await db.query(
              `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND state = 'active'
             AND query ILIKE '%FROM orders o%' AND pid <> pg_backend_pid()`,
            )
          ).length === 0,
        'no export query left running',
        10_000,
      );
    });
  },
);
