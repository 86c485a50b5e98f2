import { parse } from 'csv-parse';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { get as httpGet, IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ChildServer, startChildServer } from './lib/child-server';
import { MemoryFigures, memoryDuring } from './lib/process-memory';
import { call, postgresUrl, withPostgres } from './lib/service-calls';

const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
/** ORDERS_CSV_BENCH_ORDERS=1000000 measures a larger export (seeding it takes a couple of minutes). */
const LARGE = Number(process.env.ORDERS_CSV_BENCH_ORDERS ?? 100_000);
const SMALL = 10_000;
/** The slow reader: a client on a modest link, well below what loopback carries, so the service must wait on it. */
const SLOW_BYTES_PER_SECOND = 2_000_000;
/** The warm-up download before each measurement (code paths compiled, pools open): the first week, ~2,000 orders. */
const WARM_UP_QUERY = '?to=2026-01-08T00:00:00Z';
const TEA = 'Tea, "green"\nbox';
const CUP = '=cup()';
/** itemNames as the CSV must carry it: tea alone, or (every third order) a cup first, escaped against formulas. */
const ITEM_NAMES = new Set([TEA, `'${CUP}; ${TEA}`]);
const MB = 1024 * 1024;

interface SeededMerchant {
  apiKey: string;
  /** Order ids as orders.csv must list them: oldest first. */
  ids: string[];
}

/**
 * A merchant with `count` orders, inserted in bulk as a year of orders would have accumulated (the shape of
 * test/orders/orders-csv-stream.e2e-spec.ts): an order every 5 minutes from 2026-01-01, every third with two
 * lines (the cup first), every fifth paid, every seventh with a coupon.
 */
async function seedMerchant(server: ChildServer, databaseUrl: string, count: number): Promise<SeededMerchant> {
  const merchant = await call<{ id: string; apiKey: string }>(server.url, 'POST', '/v1/merchants', ADMIN_TOKEN, {
    name: `Bulk ${count}`,
  });
  const product = async (sku: string, name: string) =>
    (
      await call<{ id: string }>(server.url, 'POST', '/v1/merchant/products', merchant.apiKey, {
        sku,
        name,
        priceFen: 990,
      })
    ).id;
  const tea = await product('TEA-1', TEA);
  const cup = await product('CUP-1', CUP);
  return withPostgres(databaseUrl, async (client) => {
    await client.query(
      `INSERT INTO orders (id, shopper_id, shopper_openid, merchant_id, kind, status, subtotal_fen, discount_fen,
                           total_fen, coupon_id, expires_at, paid_at, refunded_fen, out_trade_no, reconcile_after,
                           created_at, updated_at)
       SELECT md5($1 || g)::uuid, md5('shopper' || (g % 977))::uuid, 'openid-' || g, $2,
              (ARRAY['standard', 'flash_sale', 'group_buy'])[1 + g % 3],
              CASE WHEN g % 5 = 0 THEN 'paid' ELSE 'cancelled' END,
              990 * (1 + (g % 3 = 0)::int), g % 7, 990 * (1 + (g % 3 = 0)::int) - g % 7,
              CASE WHEN g % 7 = 0 THEN md5('coupon' || g)::uuid END,
              t + interval '15 minutes', CASE WHEN g % 5 = 0 THEN t + interval '1 minute' END, 0,
              $1 || g, t, t, t
       FROM generate_series(1, $3::int) g, LATERAL (SELECT timestamptz '2026-01-01' + g * interval '5 minutes' AS t) x`,
      [`bench-${count}-`, merchant.id, count],
    );
    await client.query(
      `INSERT INTO order_items (order_id, line, product_id, quantity, unit_price_fen)
       SELECT md5($1 || g)::uuid, (g % 3 = 0)::int, $2::uuid, 1, 990 FROM generate_series(1, $4::int) g
       UNION ALL
       SELECT md5($1 || g)::uuid, 0, $3::uuid, 1, 990 FROM generate_series(3, $4::int, 3) g`,
      [`bench-${count}-`, tea, cup, count],
    );
    await client.query('ANALYZE orders');
    await client.query('ANALYZE order_items');
    const { rows } = await client.query<{ id: string }>(
      'SELECT id FROM orders WHERE merchant_id = $1 ORDER BY created_at, id',
      [merchant.id],
    );
    return { apiKey: merchant.apiKey, ids: rows.map((row) => row.id) };
  });
}

interface Download {
  rows: number;
  bytes: number;
  chunks: number;
  seconds: number;
  /** Sent chunked, without content-length: streamed rather than buffered first. */
  chunked: boolean;
}

const request = (url: string, token: string): Promise<IncomingMessage> =>
  new Promise((resolve, reject) =>
    httpGet(url, { headers: { authorization: `Bearer ${token}` } }, resolve).on('error', reject),
  );

/** Counts what arrives and, with a rate, holds each chunk until the rate allows it (TCP then pushes back). */
function meter(counts: { bytes: number; chunks: number }, bytesPerSecond: number | null): Transform {
  const started = Date.now();
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      counts.bytes += chunk.length;
      counts.chunks++;
      this.push(chunk);
      if (bytesPerSecond === null) return done();
      setTimeout(done, Math.max(0, started + (counts.bytes / bytesPerSecond) * 1000 - Date.now()));
    },
  });
}

/**
 * Downloads orders.csv and parses it back with csv-parse as it arrives: the header, then exactly `ids` in order,
 * each row's item names as seeded (the formula-looking one escaped). Throws on any difference.
 */
async function download(url: string, token: string, ids: string[], bytesPerSecond: number | null): Promise<Download> {
  const started = Date.now();
  const response = await request(url, token);
  if (response.statusCode !== 200) throw new Error(`orders.csv answered ${response.statusCode}`);
  const chunked = response.headers['transfer-encoding'] === 'chunked' && !response.headers['content-length'];
  const counts = { bytes: 0, chunks: 0 };
  let index = -1;
  const check = new Writable({
    objectMode: true,
    write(record: string[], _encoding, done) {
      if (index === -1 && record[0] !== 'id') return done(new Error(`header ${JSON.stringify(record)}`));
      if (index >= 0 && (record[0] !== ids[index] || !ITEM_NAMES.has(record[12]))) {
        return done(new Error(`row ${index}: ${JSON.stringify(record)}, expected id ${ids[index]}`));
      }
      index++;
      done();
    },
  });
  await pipeline(response, meter(counts, bytesPerSecond), parse(), check);
  if (index !== ids.length) throw new Error(`${index} rows, expected ${ids.length}`);
  return { rows: index, ...counts, seconds: (Date.now() - started) / 1000, chunked };
}

async function capture(url: string, token: string, file: string): Promise<void> {
  await pipeline(await request(url, token), createWriteStream(file));
}

interface Measurement {
  name: string;
  download: Download;
  before: MemoryFigures;
  peak: MemoryFigures;
}

async function measure(
  name: string,
  server: ChildServer,
  merchant: SeededMerchant,
  bytesPerSecond: number | null,
): Promise<Measurement> {
  const url = `${server.url}/v1/merchant/orders.csv`;
  const { result, before, peak } = await memoryDuring(server, () =>
    download(url, merchant.apiKey, merchant.ids, bytesPerSecond),
  );
  return { name, download: result, before, peak };
}

/** A fresh service on the seeded database, warmed up with a small export, measured on one download. */
async function measureService(
  name: string,
  env: Record<string, string>,
  merchant: SeededMerchant,
  bytesPerSecond: number | null,
): Promise<Measurement> {
  const server = await startChildServer(join(__dirname, 'servers/engage-app.js'), env);
  try {
    const warmUp = await request(`${server.url}/v1/merchant/orders.csv${WARM_UP_QUERY}`, merchant.apiKey);
    warmUp.resume();
    await new Promise((resolve) => warmUp.once('end', resolve));
    return await measure(name, server, merchant, bytesPerSecond);
  } finally {
    await server.stop();
  }
}

async function measureBare(
  name: string,
  file: string,
  merchant: SeededMerchant,
  bytesPerSecond: number | null,
): Promise<Measurement> {
  const server = await startChildServer(join(__dirname, 'servers/bare-csv.js'), { BARE_FILE: file });
  try {
    return await measure(name, server, merchant, bytesPerSecond);
  } finally {
    await server.stop();
  }
}

function printMeasurements(measurements: Measurement[]): void {
  const mb = (bytes: number) => (bytes / MB).toFixed(1);
  console.log(
    '| what | rows | MB sent | chunks read | chunked | seconds | rows/s | RSS before MB | peak RSS MB | ' +
      'RSS growth MB | heapUsed before -> peak MB | external before -> peak MB |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const { name, download: d, before, peak } of measurements) {
    console.log(
      `| ${name} | ${d.rows} | ${mb(d.bytes)} | ${d.chunks} | ${d.chunked ? 'yes' : 'NO'} | ${d.seconds.toFixed(2)} | ` +
        `${Math.round(d.rows / d.seconds)} | ${mb(before.rss)} | ${mb(peak.rss)} | ${mb(peak.rss - before.rss)} | ` +
        `${mb(before.heapUsed)} -> ${mb(peak.heapUsed)} | ${mb(before.external)} -> ${mb(peak.external)} |`,
    );
  }
}

/**
 * `npm run bench -- orders-csv`: GET /v1/merchant/orders.csv of 10,000 and of 100,000 orders (seeded in bulk in a
 * database of its own), each from a fresh service process warmed up with a small export, read by a fast reader
 * (as fast as loopback goes) and by a slow one (2 MB/s). Every download is parsed back with csv-parse and checked
 * row by row (ids in order, item names with the formula-looking one escaped). The service's RSS is read from /proc
 * every 20 ms (and its kernel peak mark), its heap and external memory asked over IPC every 100 ms. Beside it,
 * bare node:http streaming the same files from disk: the ceiling, measured the same way (Node's own stream
 * buffers wait for the garbage collector too). Target (issue 15): RSS growth under 50 MB for 100,000 orders.
 */
export async function ordersCsvBenchmark(): Promise<void> {
  const database = `engage_bench_${randomBytes(5).toString('hex')}`;
  await withPostgres(postgresUrl, (admin) => admin.query(`CREATE DATABASE ${database}`));
  const databaseUrl = new URL(postgresUrl);
  databaseUrl.pathname = `/${database}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'engage-bench-'));
  const env = {
    NODE_ENV: 'production',
    ALLOW_SANDBOX: 'true', // production mode on the sandbox adapters
    LOG_LEVEL: 'error',
    DATABASE_URL: databaseUrl.toString(),
    REDIS_URL: '',
    ADMIN_TOKEN,
    JWT_SECRET: 'bench-jwt-secret-0123456789abcdef0123456789',
    RATE_LIMIT_PER_MINUTE: '100000000',
    DATA_DIR: dataDir,
  };
  try {
    const seeder = await startChildServer(join(__dirname, 'servers/engage-app.js'), env);
    let large: SeededMerchant;
    let small: SeededMerchant;
    const largeFile = join(dataDir, 'orders-large.csv');
    const smallFile = join(dataDir, 'orders-small.csv');
    const seedStarted = Date.now();
    try {
      large = await seedMerchant(seeder, databaseUrl.toString(), LARGE);
      small = await seedMerchant(seeder, databaseUrl.toString(), SMALL);
      await capture(`${seeder.url}/v1/merchant/orders.csv`, large.apiKey, largeFile);
      await capture(`${seeder.url}/v1/merchant/orders.csv`, small.apiKey, smallFile);
    } finally {
      await seeder.stop();
    }
    console.log(`\nSeeded ${LARGE} + ${SMALL} orders in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);

    const slow = `slow reader, ${SLOW_BYTES_PER_SECOND / 1e6} MB/s`;
    const measurements = [
      await measureBare(`bare node:http, ${SMALL} orders' file, fast reader`, smallFile, small, null),
      await measureBare(`bare node:http, ${LARGE} orders' file, fast reader`, largeFile, large, null),
      await measureService(`service, ${SMALL} orders, fast reader`, env, small, null),
      await measureService(`service, ${LARGE} orders, fast reader`, env, large, null),
      await measureService(`service, ${SMALL} orders, ${slow}`, env, small, SLOW_BYTES_PER_SECOND),
      await measureService(`service, ${LARGE} orders, ${slow}`, env, large, SLOW_BYTES_PER_SECOND),
      await measureBare(`bare node:http, ${LARGE} orders' file, ${slow}`, largeFile, large, SLOW_BYTES_PER_SECOND),
    ];
    console.log(`\nGET /v1/merchant/orders.csv, each download parsed back and checked row by row, loopback`);
    printMeasurements(measurements);
    const growth = (m: Measurement) => (m.peak.rss - m.before.rss) / MB;
    const worstLarge = Math.max(...measurements.filter((m) => m.name.startsWith(`service, ${LARGE}`)).map(growth));
    console.log(
      `Target: RSS growth < 50 MB for ${LARGE} orders: ${worstLarge < 50 ? 'met' : 'MISSED'} ` +
        `(worst ${worstLarge.toFixed(1)} MB)`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await withPostgres(postgresUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  }
}
