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
const WARM_UP_SECONDS = 2;
const DRAW_SECONDS = 10;
const NO_CHANCE_SECONDS = 5;

interface ModeFigures {
  /** bare node:http for the same exchange (Redis mode only). */
  exchange: LoadResult | null;
  draws: StatusedLoad;
  persisted: string;
  noChances: StatusedLoad;
}

const drawPath = (campaignId: string) => `/v1/lucky-draws/${campaignId}/draws`;

/** Starts the service on a fresh database, with or without Redis, and loads one hot campaign, then a spent one. */
async function runMode(mode: 'redis' | 'postgres'): Promise<ModeFigures> {
  const service = await startBenchService(mode);
  try {
    const base = service.server.url;
    const merchant = await json(base, 'POST', '/v1/merchants', ADMIN_TOKEN, { name: 'Bench merchant' });
    const now = Date.now();
    const campaign = (drawsPerUserPerDay: number) =>
      json(base, 'POST', '/v1/merchant/lucky-draws', merchant.apiKey, {
        name: 'Hot draw',
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt: new Date(now + 2 * 86_400_000).toISOString(),
        drawsPerUserPerDay,
        prizes: [
          { name: 'Jackpot', kind: 'item', weight: 1, stock: 100 },
          { name: 'Tea cup', kind: 'item', weight: 20, stock: 1_000_000 },
          { name: 'Thanks', kind: 'none', weight: 79 },
        ],
      });
    const tokens = await shopperTokens(base, SHOPPERS);
    // Warm-up, as bench/flash-sale.ts: every token verified once (then cached), the scripts loaded, the JIT warm.
    await rotatingLoad(base, drawPath((await campaign(1000)).id), tokens, WARM_UP_SECONDS);
    const hot = await campaign(1000);
    const draws = await rotatingLoad(base, drawPath(hot.id), tokens, DRAW_SECONDS, service.server.pid);
    if (draws.successes === 0) throw new Error(`no draw succeeded: ${JSON.stringify(draws.statuses)}`);
    const written = () =>
      withPostgres(service.databaseUrl, async (client) => {
        const { rows } = await client.query<{ n: string }>(
          'SELECT count(*) AS n FROM lucky_draw_entries WHERE campaign_id = $1',
          [hot.id],
        );
        return Number(rows[0].n);
      });
    const { persisted, afterMs } = await persistedWithin(written, draws.successes);
    if (persisted < draws.successes) {
      throw new Error(`${draws.successes} draws answered 201 but ${persisted} written after ${afterMs} ms`);
    }
    // The ceiling for this very exchange: bare node:http answering the route's own 201 to the same requests.
    const exchange =
      mode === 'redis' ? await measureBareExchange(await answerOf(base, drawPath(hot.id), tokens[0]), tokens) : null;
    // A campaign every shopper has drawn on today: the stampede that keeps coming once chances are spent.
    const spent = await campaign(1);
    await Promise.all(tokens.map((token) => json(base, 'POST', drawPath(spent.id), token, {})));
    const noChances = await rotatingLoad(base, drawPath(spent.id), tokens, NO_CHANCE_SECONDS, service.server.pid);
    return {
      exchange,
      draws,
      persisted: `${persisted} draws for ${draws.successes} 201s, read ${afterMs} ms after`,
      noChances,
    };
  } finally {
    await service.stop();
  }
}

/**
 * `npm run bench -- lucky-draw`: successful draws per second on one hot campaign (1,000 draws a day each, 2,000
 * distinct shoppers, a stock-100 jackpot, a stock-1,000,000 item and a miss, 64 connections, 10 s after a 2 s warm-up
 * on another such campaign), through the Redis gate with group commits and through the Postgres record alone, every
 * status counted and every 201 checked in Postgres within 5 s; then attempts per second once every shopper's chances
 * are spent (5 s); beside bare node:http measured in the same run. Needs PostgreSQL at DATABASE_URL and Redis at
 * REDIS_URL.
 */
export async function luckyDrawBenchmark(): Promise<void> {
  const bare: LoadResult = await measureBareHttp();
  const rows = [];
  let exchange: LoadResult | null = null;
  for (const mode of ['redis', 'postgres'] as const) {
    const figures = await runMode(mode);
    exchange ??= figures.exchange;
    const label = mode === 'redis' ? 'Redis gate + group commit' : 'Postgres record (no REDIS_URL)';
    rows.push({ name: `draw, ${label}`, load: figures.draws, persisted: figures.persisted });
    rows.push({ name: `draw with no chance left, ${label}`, load: figures.noChances, persisted: '-' });
  }
  printHotTable(
    `Lucky draws: POST /v1/lucky-draws/:id/draws, one hot campaign, ${SHOPPERS} shoppers, 64 connections, loopback`,
    bare,
    rows,
    exchange ?? undefined,
  );
}
