import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChildServer } from './lib/child-server';
import { measureBareHttp } from './reference';
import { call, postgresUrl, withPostgres, withScratchDatabase } from './lib/service-calls';

const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
/** Deliveries made due at once for the throughput run. */
const BACKLOG = 20_000;
/** Endpoints of one merchant the backlog is spread over (each may have 4 requests in flight per instance). */
const ENDPOINTS = 16;
/** Events caused through the API, one at a time per worker, for the commit-to-delivery delay. */
const DELAY_EVENTS = 2_000;
const DELAY_WORKERS = 8;

/** The fastest receiver there is: node:http answering 204 at once; notes when each webhook-id arrived. */
class FastReceiver {
  readonly arrivals = new Map<string, { at: number; createdAt: string }>();
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        const id = String(request.headers['webhook-id']);
        if (!this.arrivals.has(id)) {
          this.arrivals.set(id, { at: Date.now(), createdAt: (JSON.parse(body) as { createdAt: string }).createdAt });
        }
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  async waitFor(count: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.arrivals.size < count) {
      if (Date.now() > deadline) throw new Error(`${this.arrivals.size} of ${count} webhooks arrived`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * BACKLOG deliveries over ENDPOINTS endpoints, written straight into the tables as not yet due, then made due in
 * one UPDATE: deliveries per second from then until the receiver has them all.
 */
async function measureThroughput(
  databaseUrl: string,
  merchantId: string,
  endpointIds: string[],
  receiver: FastReceiver,
) {
  return withPostgres(databaseUrl, async (db) => {
    await db.query(
      `WITH events AS (
         INSERT INTO webhook_events (id, merchant_id, type, payload, created_at)
         SELECT gen_random_uuid(), $1, 'order.paid', '{}'::jsonb, now() FROM generate_series(1, $2)
         RETURNING id),
       numbered AS (SELECT id, row_number() OVER () AS n FROM events)
       INSERT INTO webhook_deliveries (id, endpoint_id, event_id, merchant_id, type, status, attempts, next_attempt_at,
                                       created_at, updated_at)
       SELECT gen_random_uuid(), ($3::uuid[])[1 + (n % $4)], numbered.id, $1, 'order.paid', 'pending', 0,
              now() + interval '1 day', now(), now()
       FROM numbered`,
      [merchantId, BACKLOG, endpointIds, endpointIds.length],
    );
    // The body the receiver reads: the event as the fan-out writes it.
    await db.query(
      `UPDATE webhook_events SET payload = jsonb_build_object('id', id, 'type', type,
         'createdAt', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
         'merchantId', merchant_id, 'data', jsonb_build_object('orderId', gen_random_uuid(), 'totalFen', 990))
       WHERE merchant_id = $1`,
      [merchantId],
    );
    const before = receiver.arrivals.size;
    const started = Date.now();
    await db.query(
      `UPDATE webhook_deliveries SET next_attempt_at = now() WHERE merchant_id = $1 AND status = 'pending'`,
      [merchantId],
    );
    await receiver.waitFor(before + BACKLOG, 300_000);
    const seconds = (Date.now() - started) / 1000;
    return Math.round(BACKLOG / seconds);
  });
}

/** Events caused through the API (an order placed and cancelled), from the event's createdAt to its arrival. */
async function measureDelay(base: string, productId: string, receiver: FastReceiver) {
  const shopper = await call<{ token: string }>(base, 'POST', '/v1/auth/wechat-login', undefined, {
    code: 'sandbox:webhook-bench',
  });
  const before = new Set(receiver.arrivals.keys());
  let next = 0;
  const worker = async () => {
    while (next++ < DELAY_EVENTS) {
      const order = await call<{ id: string }>(base, 'POST', '/v1/orders', shopper.token, {
        items: [{ productId, quantity: 1 }],
      });
      await call(base, 'POST', `/v1/orders/${order.id}/cancel`, shopper.token);
    }
  };
  await Promise.all(Array.from({ length: DELAY_WORKERS }, worker));
  await receiver.waitFor(before.size + DELAY_EVENTS, 120_000);
  const delays = [...receiver.arrivals]
    .filter(([id]) => !before.has(id))
    .map(([, arrival]) => arrival.at - Date.parse(arrival.createdAt))
    .sort((a, b) => a - b);
  return { p50: percentile(delays, 50), p99: percentile(delays, 99), count: delays.length };
}

/** `npm run bench -- webhooks`: delivery throughput and commit-to-delivery delay beside the bare node:http ceiling. */
export async function webhooksBenchmark(): Promise<void> {
  const bare = await measureBareHttp();
  await withScratchDatabase(postgresUrl, async (databaseUrl) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'engage-bench-'));
    const receiver = new FastReceiver();
    await receiver.start();
    const server = await startChildServer(join(__dirname, 'servers/engage-app.js'), {
      NODE_ENV: 'production',
      ALLOW_SANDBOX: 'true', // production mode on the sandbox adapters
      LOG_LEVEL: 'error',
      DATABASE_URL: databaseUrl,
      REDIS_URL: '',
      ADMIN_TOKEN,
      JWT_SECRET: 'bench-jwt-secret-0123456789abcdef0123456789',
      RATE_LIMIT_PER_MINUTE: '100000000',
      JOB_INTERVAL_MS: '100',
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
      DATA_DIR: dataDir,
    });
    try {
      const base = server.url;
      const merchant = await call<{ id: string; apiKey: string }>(base, 'POST', '/v1/merchants', ADMIN_TOKEN, {
        name: 'Bench',
      });
      const endpointIds: string[] = [];
      for (let i = 0; i < ENDPOINTS; i++) {
        const endpoint = await call<{ id: string }>(base, 'POST', '/v1/merchant/webhook-endpoints', merchant.apiKey, {
          url: `${receiver.url}/${i}`,
          events: ['*'],
        });
        endpointIds.push(endpoint.id);
      }
      const product = await call<{ id: string }>(base, 'POST', '/v1/merchant/products', merchant.apiKey, {
        sku: 'BENCH-WEBHOOK',
        name: 'Bench product',
        priceFen: 990,
      });
      const perSecond = await measureThroughput(databaseUrl, merchant.id, endpointIds, receiver);
      const delay = await measureDelay(base, product.id, receiver);
      console.log(`\nWebhooks: ${BACKLOG} deliveries over ${ENDPOINTS} endpoints; ${delay.count} events via the API`);
      console.log('| what | per second | p50 ms | p99 ms | share of bare |');
      console.log('|---|---|---|---|---|');
      console.log(
        `| bare node:http (autocannon, 64 connections) | ${bare.requestsPerSecond} | ${bare.p50Ms} | ${bare.p99Ms} | 1.00 |`,
      );
      console.log(
        `| deliveries to a fast loopback receiver | ${perSecond} | - | - | ${(perSecond / bare.requestsPerSecond).toFixed(3)} |`,
      );
      console.log(
        `| commit to delivery (order cancelled, ${DELAY_WORKERS} at a time) | - | ${delay.p50} | ${delay.p99} | - |`,
      );
    } finally {
      await server.stop();
      await receiver.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}
