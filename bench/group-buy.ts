import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureExpirySweep } from './group-buy-expiry';
import { startChildServer } from './lib/child-server';
import { load, LoadResult } from './lib/load';
import { printTable } from './lib/report';
import { measureBareHttp } from './reference';
import { call, postgresUrl, withPostgres, withScratchDatabase } from './lib/service-calls';

const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const ROOMS = 120;
const GROUP_SIZE = 50;
const SHOPPERS = 1000;
const JOIN_SECONDS = 10;
const ORDER_SECONDS = 5;
const CONNECTIONS = 64;

async function logins(base: string, prefix: string, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, (_, j) =>
      call<{ token: string }>(base, 'POST', '/v1/auth/wechat-login', undefined, { code: `sandbox:${prefix}_${i + j}` }),
    );
    tokens.push(...(await Promise.all(batch)).map((answer) => answer.token));
  }
  return tokens;
}

interface JoinFigures {
  /** POST /v1/orders on the same server: placing an order (with its JSAPI order and payParams) alone. */
  orders: LoadResult;
  /** Every response to the join requests, whatever its status. */
  joins: LoadResult;
  /** Responses by status (201 = joined; 409 = room full, already a member, ...). */
  joinStatuses: Map<number, number>;
  seated: number;
  overfilled: number;
  mismatched: number;
}

/**
 * One hot campaign (rooms of 50), 120 rooms opened and paid by their leaders through the API; then joins over
 * HTTP for 10 s (after 5 s of plain POST /v1/orders on the same server, for comparison), request i joining room i mod 120 as shopper ⌊i / 120⌋ (so no shopper joins a room twice).
 * Each join places a group_buy order (a JSAPI order at the sandbox provider, signed payParams) and takes a seat
 * with the room row locked. Afterwards the seat counts are checked against the member rows.
 */
async function measureJoins(databaseUrl: string): Promise<JoinFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'engage-bench-'));
  const server = await startChildServer(join(__dirname, 'servers/engage-app.js'), {
    NODE_ENV: 'production',
    ALLOW_SANDBOX: 'true', // production mode on the sandbox adapters
    LOG_LEVEL: 'error',
    DATABASE_URL: databaseUrl,
    REDIS_URL: '',
    ADMIN_TOKEN,
    JWT_SECRET: 'bench-jwt-secret-0123456789abcdef0123456789',
    RATE_LIMIT_PER_MINUTE: '100000000',
    JOB_INTERVAL_MS: '200',
    DATA_DIR: dataDir,
  });
  try {
    const base = server.url;
    const merchant = await call<{ apiKey: string }>(base, 'POST', '/v1/merchants', ADMIN_TOKEN, { name: 'Bench' });
    const product = await call<{ id: string }>(base, 'POST', '/v1/merchant/products', merchant.apiKey, {
      sku: 'BENCH-GROUP',
      name: 'Bench product',
      priceFen: 10_000,
    });
    const now = Date.now();
    const campaign = await call<{ id: string }>(base, 'POST', '/v1/merchant/group-buys', merchant.apiKey, {
      productId: product.id,
      groupPriceFen: 6000,
      groupSize: GROUP_SIZE,
      completionWindowSeconds: 86_400,
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 86_400_000).toISOString(),
    });
    const leaders = await logins(base, 'leader', ROOMS);
    const rooms: string[] = [];
    for (const token of leaders) {
      const opened = await call<{ room: { id: string }; order: { payment: { outTradeNo: string } } }>(
        base,
        'POST',
        `/v1/group-buys/${campaign.id}/rooms`,
        token,
      );
      rooms.push(opened.room.id);
      await call(base, 'POST', `/v1/sandbox/payments/${opened.order.payment.outTradeNo}/pay`, token, {});
    }
    for (let waited = 0; ; waited += 250) {
      const view = await call<{ stats: { open: number } }>(
        base,
        'GET',
        `/v1/merchant/group-buys/${campaign.id}`,
        merchant.apiKey,
      );
      if (view.stats.open === ROOMS) break;
      if (waited > 60_000) throw new Error(`only ${view.stats.open} of ${ROOMS} rooms opened`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const shoppers = await logins(base, 'joiner', SHOPPERS);
    let nextOrder = 0;
    const orders = await load({
      url: `${base}/v1/orders`,
      body: JSON.stringify({ items: [{ productId: product.id, quantity: 1 }] }),
      durationSeconds: ORDER_SECONDS,
      connections: CONNECTIONS,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => ({
            ...req,
            headers: { ...req.headers, authorization: `Bearer ${shoppers[nextOrder++ % SHOPPERS]}` },
          }),
        },
      ],
    });
    let next = 0;
    const joinStatuses = new Map<number, number>();
    const request: autocannon.Request = {
      method: 'POST',
      onResponse: (status) => joinStatuses.set(status, (joinStatuses.get(status) ?? 0) + 1),
      setupRequest: (req) => {
        const i = next++;
        return {
          ...req,
          path: `/v1/group-rooms/${rooms[i % ROOMS]}/join`,
          headers: { ...req.headers, authorization: `Bearer ${shoppers[Math.floor(i / ROOMS) % SHOPPERS]}` },
        };
      },
    };
    const joins = await load({
      url: `${base}/`,
      body: '{}',
      durationSeconds: JOIN_SECONDS,
      connections: CONNECTIONS,
      requests: [request],
    });
    // Let the joins still in flight when the load stopped finish before counting and stopping the server.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    return withPostgres(databaseUrl, async (db) => {
      const [row] = (
        await db.query<{ seated: string; overfilled: string; mismatched: string }>(
          `SELECT (SELECT count(*) FROM group_room_members WHERE role = 'member') AS seated,
                  (SELECT count(*) FROM group_rooms WHERE seats_taken > group_size) AS overfilled,
                  (SELECT count(*) FROM group_rooms r WHERE r.seats_taken <> (SELECT count(*) FROM group_room_members m
                     WHERE m.room_id = r.id AND m.status IN ('holding', 'paid'))) AS mismatched`,
        )
      ).rows;
      return {
        orders,
        joins,
        joinStatuses,
        seated: Number(row.seated),
        overfilled: Number(row.overfilled),
        mismatched: Number(row.mismatched),
      };
    });
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * `npm run bench -- group-buy`: (1) the expiry sweep failing 5,000 expired rooms of 3 paid members each and asking
 * for their 15,000 refunds, then the outbox submitting them to the sandbox provider; (2) joins per second on one
 * hot campaign over HTTP, beside bare node:http measured in the same run. Needs PostgreSQL at DATABASE_URL
 * (throwaway databases are created and dropped). Bounded: about 2-4 minutes.
 */
export async function groupBuyBenchmark(): Promise<void> {
  const expiry = await measureExpirySweep(postgresUrl);
  console.log(`\nGroup-buy expiry sweep: ${expiry.rooms} expired rooms × 3 paid members, fresh database`);
  console.log('| phase | time s | rate |');
  console.log('|---|---|---|');
  console.log(
    `| group-buy.expire (one instance): rooms failed + refunds requested (${expiry.sweep.failed} rooms, ` +
      `${expiry.sweep.refundsRequested} refunds) | ${(expiry.sweepMs / 1000).toFixed(2)} | ` +
      `${Math.round(expiry.rooms / (expiry.sweepMs / 1000))} rooms/s |`,
  );
  console.log(
    `| outbox (${expiry.dispatchers} dispatchers): refunds submitted to the provider (${expiry.submitted} of ` +
      `${expiry.refunds}) | ${(expiry.outboxMs / 1000).toFixed(2)} | ` +
      `${Math.round(expiry.submitted / (expiry.outboxMs / 1000))} refunds/s |`,
  );
  console.log(
    `| end to end: every refund requested and submitted | ${((expiry.sweepMs + expiry.outboxMs) / 1000).toFixed(2)} | ` +
      `${Math.round(expiry.rooms / ((expiry.sweepMs + expiry.outboxMs) / 1000))} rooms/s |`,
  );

  const bare = await measureBareHttp();
  const joins = await withScratchDatabase(postgresUrl, measureJoins);
  // Only a 201 is a join; a 409 (room full, already a member) is a fast refusal and must not inflate the rate.
  const joined = joins.joinStatuses.get(201) ?? 0;
  const statuses = [...joins.joinStatuses.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${count}×${status}`)
    .join(', ');
  printTable(
    `Group-buy: POST /v1/group-rooms/:id/join, one campaign, ${ROOMS} open rooms of ${GROUP_SIZE}, ` +
      `${SHOPPERS} shoppers, ${CONNECTIONS} connections, ${JOIN_SECONDS} s, loopback`,
    { name: 'bare node:http', result: bare },
    [
      {
        name: `POST /v1/orders, standard order of the same product (${ORDER_SECONDS} s, for comparison)`,
        result: joins.orders,
      },
      {
        name:
          `join, successful (201 = seat + order) only: ${joined} joins in ${JOIN_SECONDS} s of ` +
          `${joins.joins.total} responses (${statuses || 'none'}; ${joins.joins.requestsPerSecond} responses/s); ` +
          `${joins.seated} seats taken, ${joins.overfilled} rooms overfilled, ${joins.mismatched} count mismatches`,
        result: { ...joins.joins, requestsPerSecond: Math.round(joined / JOIN_SECONDS) },
      },
    ],
  );
}
