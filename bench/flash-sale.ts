import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createClient } from 'redis';
import { cpuDuring, cpuPerAttempt, forkServer } from './flash-sale-cpu';
import { LoadResult } from './lib/load';
import { printTable, Row } from './lib/report';
import { postgresUrl, withPostgres } from './lib/service-calls';

const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const SHOPPERS = 5000;
const STOCK = 1_000_000;
const PER_USER_LIMIT = 1000;
const SECONDS = 10;
const WARM_UP_SECONDS = 2;
/** Each bare node:http measurement; one before and one after every path. */
const BARE_SECONDS = 5;
const PERSIST_DEADLINE_MS = 5000;
/** As src/modules/flash-sale/sale-directory.ts: a sold-out flag lets one attempt through this often. */
const SOLD_OUT_RECHECK_MS = 2000;
/** As bench/lib/load.ts. */
const CONNECTIONS = 64;

/** What the setup calls answer, as far as the benchmark reads them. */
interface Answer {
  id: string;
  apiKey: string;
  token: string;
  stats: { remaining: number };
}

async function json<T = Answer>(base: string, method: string, path: string, token: string | null, body?: unknown) {
  const response = await fetch(base + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed = await response.json();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(parsed)}`);
  return parsed as T;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface PrivateRedis {
  url: string;
  /** Where INFO commandstats is read: the one Redis, or every master of a cluster. */
  countedUrls: string[];
  /** The service's environment for it. */
  env: Record<string, string>;
  own: boolean;
  pid: number | null;
  stop(): Promise<void>;
}

/**
 * A Redis of the benchmark's own (redis-server on a free port), so INFO commandstats counts this run's commands
 * only; the shared REDIS_URL otherwise, with a warning (other clients' commands would be counted too).
 */
async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess;
  try {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('spawn', () => resolve());
    });
  } catch {
    const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    console.warn(`redis-server not found: using ${url}; its command counts include other clients'`);
    return { url, countedUrls: [url], env: { REDIS_URL: url }, own: false, pid: null, stop: async () => undefined };
  }
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      const client = createClient({ url });
      await client.connect();
      await client.ping();
      await client.close();
      break;
    } catch (error) {
      if (i > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url,
    countedUrls: [url],
    env: { REDIS_URL: url },
    own: true,
    pid: child.pid ?? null,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * BENCH_REDIS_CLUSTER_NODES (host:port,...): the service runs against that Redis Cluster (REDIS_CLUSTER_NODES) and
 * commands are counted on each of its masters; a shared cluster counts other clients' commands too.
 */
async function clusterRedis(nodes: string): Promise<PrivateRedis> {
  const seed = createClient({ url: `redis://${nodes.split(',')[0].trim()}` });
  await seed.connect();
  const shards = (await seed.sendCommand(['CLUSTER', 'SLOTS'])) as Array<[number, number, [string, number]]>;
  await seed.close();
  const masters = [...new Set(shards.map(([, , [host, port]]) => `redis://${host}:${port}`))];
  return {
    url: nodes,
    countedUrls: masters,
    env: { REDIS_URL: '', REDIS_CLUSTER_NODES: nodes },
    own: false,
    pid: null,
    stop: async () => undefined,
  };
}

async function commandCounts(urls: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const url of urls) {
    const client = createClient({ url });
    await client.connect();
    try {
      const info = await client.info('commandstats');
      for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
        counts.set(match[1], (counts.get(match[1]) ?? 0) + Number(match[2]));
      }
    } finally {
      await client.close();
    }
  }
  return counts;
}

function delta(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const diff = new Map<string, number>();
  for (const [command, calls] of after) {
    const change = calls - (before.get(command) ?? 0);
    if (change > 0) diff.set(command, change);
  }
  return diff;
}

/** Logs in `count` distinct shoppers, 50 at a time. */
async function shopperTokens(base: string, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, async (_, j) => {
      const login = await json<{ token: string }>(base, 'POST', '/v1/auth/wechat-login', null, {
        code: `sandbox:flash_bench_${i + j}`,
      });
      return login.token;
    });
    tokens.push(...(await Promise.all(batch)));
  }
  return tokens;
}

/**
 * Purchases on one sale. Each of the 64 connections cycles through its own slice of the shoppers, with requests
 * built once (autocannon's setupClient): rebuilding a request per attempt to rotate tokens would cost the load
 * generator twice the CPU of the bare reference's static request, on the same two cores as the service.
 */
async function purchaseLoad(base: string, saleId: string, tokens: string[], seconds: number): Promise<LoadResult> {
  const path = `/v1/flash-sales/${saleId}/purchase`;
  const body = '{"quantity":1}';
  const perConnection = Math.ceil(tokens.length / CONNECTIONS);
  let connection = 0;
  const result = await autocannon({
    url: `${base}${path}`,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
    connections: CONNECTIONS,
    duration: seconds,
    setupClient: (client) => {
      const mine = tokens.slice(connection * perConnection, (connection + 1) * perConnection);
      connection++;
      client.setRequests(
        mine.map((token) => ({
          method: 'POST',
          path,
          body,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        })),
      );
    },
  });
  statuses.set(
    saleId,
    Object.entries(result.statusCodeStats ?? {})
      .map(([status, stats]) => `${status}: ${stats.count ?? 0}`)
      .join(', '),
  );
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
  };
}

/** Status codes of the last load on each sale. */
const statuses = new Map<string, string>();

/**
 * Commands the purchase script runs inside Redis (flash-scripts.ts PURCHASE): INFO commandstats counts them, but
 * they are not round trips. Everything else was sent by the service (or this benchmark).
 */
const INSIDE_SCRIPTS = new Set([
  'get',
  'hexists',
  'incr',
  'pexpire',
  'pttl',
  'hget',
  'decrby',
  'hincrby',
  'xadd',
  'hset',
]);
const BENCH_OWN = new Set(['info', 'hello']);

const isScript = (command: string) => command === 'evalsha' || command === 'eval';

/** Calls of the commands a filter picks. */
function countOf(commands: Map<string, number>, filter: (command: string) => boolean): number {
  return [...commands].filter(([command]) => filter(command)).reduce((total, [, calls]) => total + calls, 0);
}

function perAttempt(commands: Map<string, number>, attempts: number): string {
  const sum = (filter: (command: string) => boolean) => countOf(commands, filter);
  const list = (filter: (command: string) => boolean) =>
    [...commands]
      .filter(([command]) => filter(command))
      .map(([command, calls]) => `${command} ${calls}`)
      .join(', ') || 'none';
  const isOther = (command: string) => !isScript(command) && !INSIDE_SCRIPTS.has(command) && !BENCH_OWN.has(command);
  const scripts = sum(isScript);
  const others = sum(isOther);
  return (
    `EVALSHA/EVAL ${(scripts / attempts).toFixed(4)} per attempt (${scripts} for ${attempts} attempts); ` +
    `other commands sent ${(others / attempts).toFixed(4)} per attempt (${list(isOther)}); ` +
    `run inside the script: ${list((command) => INSIDE_SCRIPTS.has(command))}`
  );
}

async function persistedOrders(databaseUrl: string, saleId: string): Promise<number> {
  return withPostgres(databaseUrl, async (client) => {
    const { rows } = await client.query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM flash_reservations r JOIN orders o ON o.id = r.order_id
       WHERE r.sale_id = $1 AND o.kind = 'flash_sale'`,
      [saleId],
    );
    return Number(rows[0].n);
  });
}

/**
 * The bare node:http ceiling (bench/servers/bare-http.ts) for the same exchange as the path it stands beside:
 * the same requests (each connection's shoppers, tokens and body, through purchaseLoad) answered with the same
 * status and JSON, so the ratio is the service's cost over the least any server pays for that exchange.
 */
async function measureBare(
  answer: { status: number; body: string },
  tokens: string[],
): Promise<{ result: LoadResult; cpuMs: Record<string, number> }> {
  const bareServer = await forkServer(join(__dirname, 'servers/bare-http.js'), {
    BARE_STATUS: String(answer.status),
    BARE_BODY: answer.body,
  });
  try {
    return await cpuDuring({ 'load generator': [], 'bare server': [bareServer.pid] }, () =>
      purchaseLoad(bareServer.url, 'bare', tokens, BARE_SECONDS),
    );
  } finally {
    await bareServer.stop();
  }
}

/** One real purchase answer of a path (status and body as sent), for bare node:http to repeat. */
async function answerOf(
  base: string,
  saleId: string,
  token: string,
  expectedStatus: number,
): Promise<{ status: number; body: string }> {
  const response = await fetch(`${base}/v1/flash-sales/${saleId}/purchase`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{"quantity":1}',
  });
  const body = await response.text();
  if (response.status !== expectedStatus) throw new Error(`purchase answered ${response.status}: ${body}`);
  return { status: response.status, body };
}

/** Bare node:http measured just before and just after a path; the path's share is of their mean. */
interface BareBeside {
  before: LoadResult;
  after: LoadResult;
  cpuMs: Record<string, number>;
  mean: LoadResult;
}

function bareBeside(
  before: { result: LoadResult; cpuMs: Record<string, number> },
  after: { result: LoadResult },
): BareBeside {
  const average = (pick: (result: LoadResult) => number) => (pick(before.result) + pick(after.result)) / 2;
  const mean = {
    requestsPerSecond: average((r) => r.requestsPerSecond),
    p50Ms: average((r) => r.p50Ms),
    p99Ms: average((r) => r.p99Ms),
    non2xx: before.result.non2xx + after.result.non2xx,
    errors: before.result.errors + after.result.errors,
    total: before.result.total + after.result.total,
  };
  return { before: before.result, after: after.result, cpuMs: before.cpuMs, mean };
}

/** The reference row (means of the two runs; their counts added) and the two runs themselves. */
function bareRows(bare: BareBeside): { reference: Row; rows: Row[] } {
  return {
    reference: {
      name: 'bare node:http, mean of just before and just after',
      result: { ...bare.mean, requestsPerSecond: Math.round(bare.mean.requestsPerSecond) },
    },
    rows: [
      { name: 'bare node:http, just before', result: bare.before },
      { name: 'bare node:http, just after', result: bare.after },
    ],
  };
}

const SERVICE_ENV = {
  NODE_ENV: 'production',
  ALLOW_SANDBOX: 'true', // production mode on the sandbox adapters
  LOG_LEVEL: 'error',
  ADMIN_TOKEN,
  JWT_SECRET: 'bench-jwt-secret-0123456789abcdef0123456789',
  // The logins come from one address; the purchase route has its own per-shopper limit.
  RATE_LIMIT_PER_MINUTE: '100000000',
};

/** A sale open for the next hour, at 99 yuan. */
const saleBody = (productId: string, totalStock: number, perUserLimit: number) => ({
  productId,
  priceFen: 9900,
  totalStock,
  perUserLimit,
  startsAt: new Date(Date.now() - 60_000).toISOString(),
  endsAt: new Date(Date.now() + 3_600_000).toISOString(),
  paymentWindowSeconds: 3600,
});

/**
 * `npm run bench -- flash-sale`: POST /v1/flash-sales/:id/purchase, 64 connections, 10 s each, each beside bare
 * node:http measured just before and just after it in the same run (its share is of their mean), answering the same
 * requests with the same status and JSON:
 * - the accept path through the Redis gate (1,000,000 units, 5,000 shoppers logged in beforehand, perUserLimit
 *   1,000), with the consumer writing every reservation and its order to Postgres meanwhile; then a check that
 *   every accepted reservation is an order within 5 s of the run's end;
 * - the sold-out path (a sale whose one unit is gone: answered from the in-process flag);
 * - the accept path of the Postgres adapter (no REDIS_URL: reservation and order written in the request), the
 *   alternative docs/flash-sale.md weighs.
 * Redis commands per attempt come from INFO commandstats of a Redis of its own; CPU per request of every process
 * from /proc. Needs PostgreSQL at DATABASE_URL (a throwaway database is created) and redis-server on PATH (else
 * REDIS_URL), or a Redis Cluster at BENCH_REDIS_CLUSTER_NODES. FLASH_BENCH_JOBS=0 runs the service without its
 * consumer (the HTTP path and the gate alone);
 * FLASH_BENCH_PROFILE=<dir> writes the service's CPU profile there.
 */
export async function flashSaleBenchmark(): Promise<void> {
  const consumerOn = process.env.FLASH_BENCH_JOBS !== '0';
  const clusterNodes = process.env.BENCH_REDIS_CLUSTER_NODES;
  const redis = clusterNodes ? await clusterRedis(clusterNodes) : await privateRedis();
  const database = `engage_bench_${randomBytes(5).toString('hex')}`;
  await withPostgres(postgresUrl, (admin) => admin.query(`CREATE DATABASE ${database}`));
  const databaseUrl = new URL(postgresUrl);
  databaseUrl.pathname = `/${database}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'engage-bench-'));
  // One connection for the polls during the measured runs: a connection per poll (four a second) would start a
  // Postgres backend each time, CPU the measured path would share and its bare reference would not.
  const monitor = new Client({ connectionString: postgresUrl });
  monitor.on('error', (error: Error) => console.warn(`CPU poll connection: ${error.message}`));
  await monitor.connect();
  const postgresPids = async () =>
    (await monitor.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database])).rows.map(
      (row) => row.pid,
    );
  let server = await forkServer(join(__dirname, 'flash-sale-server.js'), {
    ...SERVICE_ENV,
    DATABASE_URL: databaseUrl.toString(),
    ...redis.env,
    REDIS_KEY_PREFIX: `bench:${randomBytes(4).toString('hex')}:`,
    DATA_DIR: dataDir,
  });
  try {
    let base = server.url;
    const merchant = await json(base, 'POST', '/v1/merchants', ADMIN_TOKEN, { name: 'Bench merchant' });
    const product = await json(base, 'POST', '/v1/merchant/products', merchant.apiKey, {
      sku: 'FLASH-1',
      name: 'Bench rice cooker',
      priceFen: 39900,
    });
    const hot = await json(
      base,
      'POST',
      '/v1/merchant/flash-sales',
      merchant.apiKey,
      saleBody(product.id, STOCK, PER_USER_LIMIT),
    );
    const gone = await json(base, 'POST', '/v1/merchant/flash-sales', merchant.apiKey, saleBody(product.id, 1, 1));
    const tokens = await shopperTokens(base, SHOPPERS);
    await json(base, 'POST', `/v1/flash-sales/${gone.id}/purchase`, tokens[0], {});
    // Warm-up: every token verified once (then cached), the script loaded, the JIT warm.
    await purchaseLoad(base, gone.id, tokens, WARM_UP_SECONDS);
    await purchaseLoad(base, hot.id, tokens, WARM_UP_SECONDS);
    const pids = {
      'load generator': [],
      service: [server.pid],
      Redis: redis.pid === null ? [] : [redis.pid],
      'Postgres backends': postgresPids,
    };

    // The ceiling is measured right before and right after each path: this machine's load drifts within a run.
    const acceptAnswer = await answerOf(base, hot.id, tokens[1], 202);
    const bareBeforeAccept = await measureBare(acceptAnswer, tokens);
    let before = await commandCounts(redis.countedUrls);
    const accept = await cpuDuring(pids, () => purchaseLoad(base, hot.id, tokens, SECONDS));
    const acceptCommands = delta(before, await commandCounts(redis.countedUrls));
    const endedAt = Date.now();
    const stats = await json(base, 'GET', `/v1/merchant/flash-sales/${hot.id}`, merchant.apiKey);
    const acceptedUnits = STOCK - stats.stats.remaining;
    let persisted = await persistedOrders(databaseUrl.toString(), hot.id);
    while (consumerOn && persisted < acceptedUnits && Date.now() - endedAt < PERSIST_DEADLINE_MS * 3) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      persisted = await persistedOrders(databaseUrl.toString(), hot.id);
    }
    const persistMs = Date.now() - endedAt;
    const bare = bareBeside(bareBeforeAccept, await measureBare(acceptAnswer, tokens));

    const soldOutAnswer = await answerOf(base, gone.id, tokens[1], 409);
    const bareBeforeSoldOut = await measureBare(soldOutAnswer, tokens);
    before = await commandCounts(redis.countedUrls);
    const soldOut = await cpuDuring(pids, () => purchaseLoad(base, gone.id, tokens, SECONDS));
    const soldOutCommands = delta(before, await commandCounts(redis.countedUrls));
    const bareAgain = bareBeside(bareBeforeSoldOut, await measureBare(soldOutAnswer, tokens));

    // The Postgres adapter: the same database, shoppers and product, a service without REDIS_URL.
    await server.stop();
    server = await forkServer(join(__dirname, 'flash-sale-server.js'), {
      ...SERVICE_ENV,
      DATABASE_URL: databaseUrl.toString(),
      REDIS_URL: '',
      REDIS_CLUSTER_NODES: '',
      DATA_DIR: dataDir,
    });
    base = server.url;
    const onPostgres = await json(
      base,
      'POST',
      '/v1/merchant/flash-sales',
      merchant.apiKey,
      saleBody(product.id, STOCK, PER_USER_LIMIT),
    );
    await purchaseLoad(base, onPostgres.id, tokens, WARM_UP_SECONDS);
    const confirmedAnswer = await answerOf(base, onPostgres.id, tokens[1], 202);
    const bareBeforePostgres = await measureBare(confirmedAnswer, tokens);
    const inRequest = await cpuDuring(
      { 'load generator': [], service: [server.pid], 'Postgres backends': postgresPids },
      () => purchaseLoad(base, onPostgres.id, tokens, SECONDS),
    );
    const bareThird = bareBeside(bareBeforePostgres, await measureBare(confirmedAnswer, tokens));
    const postgresStats = await json(base, 'GET', `/v1/merchant/flash-sales/${onPostgres.id}`, merchant.apiKey);
    const postgresOrders = await persistedOrders(databaseUrl.toString(), onPostgres.id);

    const title = `POST /v1/flash-sales/:id/purchase, ${SHOPPERS} shoppers, 64 connections, ${SECONDS} s, loopback`;
    const gateName = clusterNodes ? 'Redis Cluster gate' : 'Redis gate';
    printTable(`Flash sale, ${gateName}${consumerOn ? '' : ' (consumer OFF)'}: ${title}`, bareRows(bare).reference, [
      ...bareRows(bare).rows,
      { name: `accept path (${STOCK} units, 202 queued)`, result: accept.result },
    ]);
    printTable('Flash sale, Redis gate, sold-out path', bareRows(bareAgain).reference, [
      ...bareRows(bareAgain).rows,
      { name: 'sold-out path (409 FLASH_SALE_SOLD_OUT)', result: soldOut.result },
    ]);
    printTable('Flash sale, Postgres adapter (no REDIS_URL)', bareRows(bareThird).reference, [
      ...bareRows(bareThird).rows,
      { name: 'accept path (202 confirmed, order written in the request)', result: inRequest.result },
    ]);
    const which = clusterNodes
      ? `Redis Cluster ${clusterNodes} (counts include other clients)`
      : redis.own
        ? 'Redis (private instance)'
        : 'Redis (shared: counts include other clients)';
    console.log(
      `\nStatus codes: accept ${statuses.get(hot.id)}; sold-out ${statuses.get(gone.id)}; ` +
        `Postgres adapter ${statuses.get(onPostgres.id)}`,
    );
    console.log(`${which}, accept path: ${perAttempt(acceptCommands, accept.result.total)}`);
    console.log(`${which}, sold-out path: ${perAttempt(soldOutCommands, soldOut.result.total)}`);
    console.log(
      `Redis gate: accepted units (warm-up included) ${acceptedUnits}; persisted as flash_sale orders ${persisted}, ` +
        `${persisted === acceptedUnits ? `all of them ${persistMs} ms after the run` : `NOT all after ${persistMs} ms`}`,
    );
    console.log(`Postgres adapter: accepted units ${STOCK - postgresStats.stats.remaining}, orders ${postgresOrders}`);
    console.log("CPU per request, µs (the consumer's batch writes included on the accept path):");
    console.log(`  bare: ${cpuPerAttempt(bare.cpuMs, bare.before.total)}`);
    console.log(`  Redis gate, accept: ${cpuPerAttempt(accept.cpuMs, accept.result.total)}`);
    console.log(`  Redis gate, sold-out: ${cpuPerAttempt(soldOut.cpuMs, soldOut.result.total)}`);
    console.log(`  Postgres adapter, accept: ${cpuPerAttempt(inRequest.cpuMs, inRequest.result.total)}`);
    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    const a = accept.result;
    const s = soldOut.result;
    const acceptShare = a.requestsPerSecond / bare.mean.requestsPerSecond;
    const soldOutShare = s.requestsPerSecond / bareAgain.mean.requestsPerSecond;
    const acceptScripts = countOf(acceptCommands, isScript) / a.total;
    const soldOutScripts = countOf(soldOutCommands, isScript);
    console.log(
      `Targets: accept >= 0.25 of bare: ${verdict(acceptShare >= 0.25)} (${acceptShare.toFixed(3)}); ` +
        `sold-out >= 0.45: ${verdict(soldOutShare >= 0.45)} (${soldOutShare.toFixed(3)}); ` +
        `p99 < 50 ms: ${verdict(a.p99Ms < 50 && s.p99Ms < 50)} (${a.p99Ms} / ${s.p99Ms}); ` +
        `persisted within 5 s: ${verdict(persisted === acceptedUnits && persistMs <= PERSIST_DEADLINE_MS)}; ` +
        // Redis counts the requests still in flight when the load stops, which autocannon does not: hence 1.00x.
        `one script call per attempt: ${verdict(Math.abs(acceptScripts - 1) < 0.01)} (${acceptScripts.toFixed(4)}); ` +
        `none on the sold-out sale but the ${SOLD_OUT_RECHECK_MS / 1000} s recheck: ` +
        `${verdict(soldOutScripts <= Math.ceil(SECONDS / (SOLD_OUT_RECHECK_MS / 1000)) + 1)} ` +
        `(${soldOutScripts} in ${s.total} attempts)`,
    );
  } finally {
    await monitor.end().catch(() => undefined);
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await withPostgres(postgresUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    await redis.stop();
  }
}
