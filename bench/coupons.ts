import { LoadResult } from './lib/load';
import {
  ADMIN_TOKEN,
  answerOf,
  json,
  measureBareExchange,
  persistedWithin,
  printHotTable,
  rotatingLoad,
  shopperTokens,
  StatusedLoad,
  startBenchService,
} from './lib/hot-campaign';
import { measureBareHttp } from './reference';
import { withPostgres } from './lib/service-calls';

const SHOPPERS = 2000;
const STOCK = 1_000_000;
const WARM_UP_SECONDS = 2;
const CLAIM_SECONDS = 10;
const SOLD_OUT_SECONDS = 5;

interface ModeFigures {
  /** bare node:http for the same exchange (Redis mode only). */
  exchange: LoadResult | null;
  claims: StatusedLoad;
  persisted: string;
  soldOut: StatusedLoad;
}

const claimPath = (templateId: string) => `/v1/coupon-templates/${templateId}/claim`;

/** Starts the service on a fresh database, with or without Redis, and loads one hot template, then a sold-out one. */
async function runMode(mode: 'redis' | 'postgres'): Promise<ModeFigures> {
  const service = await startBenchService(mode);
  try {
    const base = service.server.url;
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
    // Warm-up, as bench/flash-sale.ts: every token verified once (then cached), the scripts loaded, the JIT warm.
    await rotatingLoad(base, claimPath((await template(STOCK, 1000)).id), tokens, WARM_UP_SECONDS);
    const hot = await template(STOCK, 1000);
    const claims = await rotatingLoad(base, claimPath(hot.id), tokens, CLAIM_SECONDS, service.server.pid);
    if (claims.successes === 0) throw new Error(`no claim succeeded: ${JSON.stringify(claims.statuses)}`);
    // Every 201 is in Postgres (a coupon row); at most the claims in flight when the load stopped add to them.
    const coupons = () =>
      withPostgres(service.databaseUrl, async (client) => {
        const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM coupons WHERE template_id = $1', [
          hot.id,
        ]);
        return Number(rows[0].n);
      });
    const { persisted, afterMs } = await persistedWithin(coupons, claims.successes);
    if (persisted < claims.successes) {
      throw new Error(`${claims.successes} claims answered 201 but ${persisted} coupons written after ${afterMs} ms`);
    }
    // The ceiling for this very exchange: bare node:http answering the route's own 201 to the same requests.
    const exchange =
      mode === 'redis' ? await measureBareExchange(await answerOf(base, claimPath(hot.id), tokens[0]), tokens) : null;
    const gone = await template(1, 1);
    await json(base, 'POST', claimPath(gone.id), tokens[0], {});
    const soldOut = await rotatingLoad(base, claimPath(gone.id), tokens, SOLD_OUT_SECONDS, service.server.pid);
    return {
      exchange,
      claims,
      persisted: `${persisted} coupons for ${claims.successes} 201s, read ${afterMs} ms after`,
      soldOut,
    };
  } finally {
    await service.stop();
  }
}

/**
 * `npm run bench -- coupons`: successful claims per second on one hot public template (1,000,000 in stock, 2,000
 * distinct shoppers, 64 connections, 10 s after a 2 s warm-up on another such template), through the Redis gate with
 * group commits and through the Postgres adapter alone, every status counted and every 201 checked in Postgres within
 * 5 s; then attempts per second on a sold-out template (5 s); beside bare node:http measured in the same run.
 * Needs PostgreSQL at DATABASE_URL (a throwaway database is created) and Redis at REDIS_URL.
 */
export async function couponsBenchmark(): Promise<void> {
  const bare: LoadResult = await measureBareHttp();
  const rows = [];
  let exchange: LoadResult | null = null;
  for (const mode of ['redis', 'postgres'] as const) {
    const figures = await runMode(mode);
    exchange ??= figures.exchange;
    const label = mode === 'redis' ? 'Redis gate + group commit' : 'Postgres adapter (no REDIS_URL)';
    rows.push({ name: `claim, ${label}`, load: figures.claims, persisted: figures.persisted });
    rows.push({
      name: `claim when sold out, ${label}`,
      load: figures.soldOut,
      persisted: '-',
    });
  }
  printHotTable(
    `Coupons: POST /v1/coupon-templates/:id/claim, one hot template, ${SHOPPERS} shoppers, 64 connections, loopback`,
    bare,
    rows,
    exchange ?? undefined,
  );
}
