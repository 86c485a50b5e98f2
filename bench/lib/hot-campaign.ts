import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { cpuDuring } from '../flash-sale-cpu';
import { ChildServer, startChildServer } from './child-server';
import { LoadResult } from './load';
import { postgresUrl, withPostgres } from './service-calls';

export const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
/** As bench/lib/load.ts. */
export const CONNECTIONS = 64;
/** Every success must be in Postgres this soon after the load ends. */
export const PERSIST_DEADLINE_MS = 5000;

export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A load's figures, with the count of each answer status (only 201s are successes). */
export interface StatusedLoad extends LoadResult {
  statuses: Record<string, number>;
  successes: number;
  successesPerSecond: number;
  seconds: number;
  /** CPU (user + system) the service process spent per answer during the load, µs; null when not measured. */
  serviceUsPerAnswer: number | null;
}

export async function json<T = { id: string; apiKey: string }>(
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
export async function shopperTokens(base: string, count: number): Promise<string[]> {
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

/**
 * POSTs to one path, each of the 64 connections cycling through its own slice of the shoppers with requests built
 * once (autocannon's setupClient: rotating tokens per request would cost the load generator CPU the bare reference
 * does not spend, on the same two cores as the service).
 */
export async function rotatingLoad(
  base: string,
  path: string,
  tokens: string[],
  seconds: number,
  /** The service's process, to measure its CPU per answer (from /proc). */
  servicePid?: number,
): Promise<StatusedLoad> {
  let connection = 0;
  const load = () =>
    autocannon({
      url: `${base}${path}`,
      method: 'POST',
      connections: CONNECTIONS,
      duration: seconds,
      setupClient: (client) => {
        const index = connection++ % CONNECTIONS;
        const mine = tokens.filter((_, i) => i % CONNECTIONS === index);
        client.setRequests(
          mine.map((token) => ({
            method: 'POST',
            path,
            body: '{}',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          })),
        );
      },
    });
  const { result, cpuMs } = await cpuDuring({ service: servicePid === undefined ? [] : [servicePid] }, load);
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([status, stats]) => [status, stats.count ?? 0]),
  );
  const successes = statuses['201'] ?? 0;
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
    statuses,
    successes,
    successesPerSecond: Math.round(successes / result.duration),
    seconds: result.duration,
    serviceUsPerAnswer:
      servicePid === undefined ? null : Math.round((cpuMs.service * 1000) / Math.max(1, result.requests.total)),
  };
}

/**
 * bare node:http for the same exchange as a hot route (as bench/flash-sale.ts measures it): the same requests, each
 * connection cycling through its shoppers' tokens, answered with the route's own status and JSON.
 */
export async function measureBareExchange(answer: { status: number; body: string }, tokens: string[]) {
  const server = await startChildServer(join(__dirname, '../servers/bare-http.js'), {
    BARE_STATUS: String(answer.status),
    BARE_BODY: answer.body,
  });
  try {
    return await rotatingLoad(server.url, '/', tokens, BARE_EXCHANGE_SECONDS);
  } finally {
    await server.stop();
  }
}

const BARE_EXCHANGE_SECONDS = 5;

/** One real answer of a route (status and body as sent), for bare node:http to repeat. */
export async function answerOf(base: string, path: string, token: string): Promise<{ status: number; body: string }> {
  const response = await fetch(base + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  return { status: response.status, body: await response.text() };
}

/** Polls `count` until it reaches `expected` or the deadline passes; answers the last count and when it was read. */
export async function persistedWithin(
  count: () => Promise<number>,
  expected: number,
): Promise<{ persisted: number; afterMs: number }> {
  const started = Date.now();
  for (;;) {
    const persisted = await count();
    const afterMs = Date.now() - started;
    if (persisted >= expected || afterMs > PERSIST_DEADLINE_MS) return { persisted, afterMs };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface BenchService {
  server: ChildServer;
  databaseUrl: string;
  stop(): Promise<void>;
}

/** The service in a child process on a fresh database, with Redis (its own key prefix) or without. */
export async function startBenchService(mode: 'redis' | 'postgres'): Promise<BenchService> {
  const database = `engage_bench_${randomBytes(5).toString('hex')}`;
  await withPostgres(postgresUrl, (admin) => admin.query(`CREATE DATABASE ${database}`));
  const databaseUrl = new URL(postgresUrl);
  databaseUrl.pathname = `/${database}`;
  const prefix = `bench:${randomBytes(5).toString('hex')}:`;
  const dataDir = mkdtempSync(join(tmpdir(), 'engage-bench-'));
  const server = await startChildServer(join(__dirname, '../servers/engage-app.js'), {
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
  return {
    server,
    databaseUrl: databaseUrl.toString(),
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
      await withPostgres(postgresUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
      if (mode === 'redis') await dropRedisKeys(prefix);
    },
  };
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

/** One line per load: successes per second against the bare ceiling, p99, and every status counted. */
export function printHotTable(
  title: string,
  bare: LoadResult,
  rows: Array<{ name: string; load: StatusedLoad; persisted: string }>,
  exchange?: LoadResult,
): void {
  console.log(`\n${title}`);
  console.log(`bare node:http ceiling in this run: ${bare.requestsPerSecond} requests/s (p99 ${bare.p99Ms} ms)`);
  if (exchange) {
    const share = (rows[0].load.successesPerSecond / exchange.requestsPerSecond).toFixed(2);
    console.log(
      `bare node:http for the same exchange (rotating tokens, the route's 201 JSON): ${exchange.requestsPerSecond} ` +
        `requests/s (p99 ${exchange.p99Ms} ms); the first row's 201s are ${share} of it`,
    );
  }
  console.log(
    '| what | 201s/s | share of bare | requests/s | p50 ms | p99 ms | service µs/answer | answers | persisted |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const { name, load, persisted } of rows) {
    const share = (load.successesPerSecond / bare.requestsPerSecond).toFixed(2);
    const answers = Object.entries(load.statuses)
      .map(([status, count]) => `${status}: ${count}`)
      .join(', ');
    const errors = load.errors > 0 ? `, ${load.errors} socket errors` : '';
    console.log(
      `| ${name} | ${load.successesPerSecond} | ${share} | ${load.requestsPerSecond} | ${load.p50Ms} | ${load.p99Ms} | ${load.serviceUsPerAnswer ?? '-'} | ${answers}${errors} | ${persisted} |`,
    );
  }
}
