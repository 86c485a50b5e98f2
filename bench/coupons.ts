import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { startChildServer } from './lib/child-server';
import { load, LoadResult } from './lib/load';
import { printTable, Row } from './lib/report';
import { measureBareHttp } from './reference';
import { postgresUrl, withPostgres } from './lib/service-calls';

const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const SHOPPERS = 2000;
const STOCK = 1_000_000;
const CLAIM_SECONDS = 10;
const SOLD_OUT_SECONDS = 5;
/** autocannon's default in bench/lib/load.ts. */
const CONNECTIONS = 64;

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function json<T = { id: string; apiKey: string; stats: { claimed: number } }>(
  base: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed = await response.json();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(parsed)}`);
  return parsed as T;
}

/** Logs in `count` distinct shoppers, 50 at a time. */
async function shopperTokens(base: string, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, async (_, j) => {
      const response = await fetch(`${base}/v1/auth/wechat-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: `sandbox:bench_${i + j}` }),
      });
      return ((await response.json()) as { token: string }).token;
    });
    tokens.push(...(await Promise.all(batch)));
  }
  return tokens;
}

/** Claims on one template, a different shopper for each request in turn. */
function claimLoad(base: string, templateId: string, tokens: string[], seconds: number): Promise<LoadResult> {
  let next = 0;
  const request: autocannon.Request = {
    method: 'POST',
    path: `/v1/coupon-templates/${templateId}/claim`,
    setupRequest: (req) => ({
      ...req,
      headers: { ...req.headers, authorization: `Bearer ${tokens[next++ % tokens.length]}` },
    }),
  };
  return load({ url: `${base}/`, body: '{}', durationSeconds: seconds, requests: [request] });
}

interface ModeFigures {
  claims: LoadResult;
  soldOut: LoadResult;
  claimed: number;
}

/** Starts the service in a child process on a fresh database, with or without Redis, and loads it. */
async function runMode(mode: 'redis' | 'postgres'): Promise<ModeFigures> {
  const database = `engage_bench_${randomBytes(5).toString('hex')}`;
  await withPostgres(postgresUrl, (admin) => admin.query(`CREATE DATABASE ${database}`));
  const databaseUrl = new URL(postgresUrl);
  databaseUrl.pathname = `/${database}`;
  const prefix = `bench:${randomBytes(5).toString('hex')}:`;
  const dataDir = mkdtempSync(join(tmpdir(), 'engage-bench-'));
  const server = await startChildServer(join(__dirname, 'servers/engage-app.js'), {
    NODE_ENV: 'production',
    ALLOW_SANDBOX: 'true', // production mode on the sandbox adapters
    LOG_LEVEL: 'error',
    DATABASE_URL: databaseUrl.toString(),
    ...(mode === 'redis' ? { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix } : { REDIS_URL: '' }),
    ADMIN_TOKEN,
    JWT_SECRET: 'bench-jwt-secret-0123456789abcdef0123456789',
    RATE_LIMIT_PER_MINUTE: '100000000',
    DATA_DIR: dataDir,
  });
  try {
    const base = server.url;
    const merchant = await json(base, 'POST', '/v1/merchants', ADMIN_TOKEN, { name: 'Bench merchant' });
    const now = Date.now();
    const template = (totalQuantity: number, perUserLimit: number) =>
      json(base, 'POST', '/v1/merchant/coupon-templates', merchant.apiKey, {
        name: 'Hot coupon',
        type: 'amount_off',
        valueFen: 500,
        distribution: 'public',
        totalQuantity,
        perUserLimit,
        claimStartsAt: new Date(now - 60_000).toISOString(),
        claimEndsAt: new Date(now + 3_600_000).toISOString(),
        validity: { type: 'relative', days: 7 },
      });
    const tokens = await shopperTokens(base, SHOPPERS);
    const hot = await template(STOCK, 1000);
    const claims = await claimLoad(base, hot.id, tokens, CLAIM_SECONDS);
    if (claims.non2xx > 0 || claims.errors > 0) {
      throw new Error(`${claims.non2xx} claims refused and ${claims.errors} failed: the load is not measuring claims`);
    }
    const stats = await json(base, 'GET', `/v1/merchant/coupon-templates/${hot.id}`, merchant.apiKey);
    // Exact: every 201 counted, plus at most the requests still in flight when the load stopped.
    const answered = claims.total - claims.non2xx;
    if (stats.stats.claimed < answered || stats.stats.claimed > answered + CONNECTIONS) {
      throw new Error(`claimed ${stats.stats.claimed} but ${answered} claims answered 201`);
    }
    const gone = await template(1, 1);
    await json(base, 'POST', `/v1/coupon-templates/${gone.id}/claim`, tokens[0], {});
    const soldOut = await claimLoad(base, gone.id, tokens, SOLD_OUT_SECONDS);
    return { claims, soldOut, claimed: stats.stats.claimed };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await withPostgres(postgresUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    if (mode === 'redis') await dropRedisKeys(prefix);
  }
}

async function dropRedisKeys(prefix: string): Promise<void> {
  const client = createClient({ url: redisUrl });
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
      if (keys.length > 0) await client.del(keys);
    }
  } finally {
    await client.close();
  }
}

/**
 * `npm run bench -- coupons`: claims per second on one hot public template (1,000,000 in stock, 2,000 distinct
 * shoppers, 64 connections, 10 s), through the Redis gate and through the Postgres adapter alone, and sold-out
 * attempts per second (5 s), beside bare node:http measured in the same run. Needs PostgreSQL at DATABASE_URL
 * (a throwaway database is created) and Redis at REDIS_URL.
 */
export async function couponsBenchmark(): Promise<void> {
  const bare = await measureBareHttp();
  const rows: Row[] = [];
  for (const mode of ['redis', 'postgres'] as const) {
    const figures = await runMode(mode);
    const label = mode === 'redis' ? 'Redis gate + Postgres record' : 'Postgres adapter (no REDIS_URL)';
    rows.push({ name: `claim, ${label} (201s, stats.claimed ${figures.claimed})`, result: figures.claims });
    rows.push({ name: `claim when sold out, ${label} (409s)`, result: figures.soldOut });
  }
  printTable(
    `Coupons: POST /v1/coupon-templates/:id/claim, one hot template, ${SHOPPERS} shoppers, 64 connections, loopback`,
    { name: 'bare node:http', result: bare },
    rows,
  );
}
