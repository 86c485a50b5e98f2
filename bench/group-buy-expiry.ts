import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/config';
import type { SweepResult } from '../src/modules/group-buy/room-expiry.service';
import { JobRunner } from '../src/platform/jobs/job-runner';
import { OutboxService } from '../src/platform/outbox/outbox.service';
import { prepareRuntime } from '../src/platform/runtime/runtime';
import { withPostgres, withScratchDatabase } from './lib/service-calls';

export const EXPIRY_ROOMS = 5000;
const MEMBERS_PER_ROOM = 3;
const PRICE_FEN = 6000;
/** Concurrent outbox dispatchers submitting the refunds, as that many instances would. */
const DISPATCHERS = 4;
/** The outbox phase stops here even if refunds remain (the figure then says so). */
const OUTBOX_DEADLINE_MS = 180_000;

export interface ExpiryFigures {
  rooms: number;
  refunds: number;
  sweepMs: number;
  sweep: SweepResult;
  outboxMs: number;
  submitted: number;
  dispatchers: number;
}

/**
 * Rooms of 5 seats with 3 paid members each, past their deadline by a minute, written straight into the tables
 * (campaign, rooms, members, their paid orders and the provider's paid transactions).
 */
async function seed(url: string): Promise<void> {
  const ids = { campaign: 'c0000000-0000-4000-8000-000000000001', merchant: 'c0000000-0000-4000-8000-000000000002' };
  await withPostgres(url, async (db) => {
    await db.query(
      `INSERT INTO group_buy_campaigns (id, merchant_id, product_id, product_name, group_price_fen, leader_price_fen,
         group_size, completion_window_seconds, payment_window_seconds, virtual_completion, starts_at, ends_at, created_at)
       VALUES ($1, $2, $2, 'Bench product', ${PRICE_FEN}, NULL, 5, 3600, 600, false,
               now() - interval '3 hours', now() + interval '1 day', now() - interval '3 hours')`,
      [ids.campaign, ids.merchant],
    );
    await db.query(
      `INSERT INTO group_rooms (id, campaign_id, merchant_id, leader_user_id, status, group_size, seats_taken, seats_paid,
         virtual_seats, share_token, pending_until, expires_at, opened_at, closed_at, created_at, updated_at)
       SELECT md5('room' || r)::uuid, $1, $2, md5('shopper' || r || ':0')::uuid, 'open', 5, ${MEMBERS_PER_ROOM},
              ${MEMBERS_PER_ROOM}, 0, md5('share' || r), now() - interval '2 hours',
              now() - interval '1 minute' - r * interval '1 millisecond', now() - interval '2 hours', NULL,
              now() - interval '2 hours', now() - interval '2 hours'
       FROM generate_series(1, ${EXPIRY_ROOMS}) r`,
      [ids.campaign, ids.merchant],
    );
    const seats = `generate_series(1, ${EXPIRY_ROOMS}) r, generate_series(0, ${MEMBERS_PER_ROOM - 1}) k`;
    const orderId = `md5('order' || r || ':' || k)::uuid`;
    const tradeNo = `replace(${orderId}::text, '-', '')`;
    await db.query(
      `INSERT INTO group_room_members (id, room_id, campaign_id, user_id, role, status, order_id, amount_fen,
         refunded_fen, display, via_share, shared_by_user_id, hold_until, joined_at, paid_at, released_at,
         release_reason, refund_requested_at, refunded_at)
       SELECT md5('member' || r || ':' || k)::uuid, md5('room' || r)::uuid, $1, md5('shopper' || r || ':' || k)::uuid,
              CASE WHEN k = 0 THEN 'leader' ELSE 'member' END, 'paid', ${orderId}, ${PRICE_FEN}, 0, '***' || k,
              k > 0, NULL, now() - interval '100 minutes', now() - interval '2 hours', now() - interval '100 minutes',
              NULL, NULL, NULL, NULL
       FROM ${seats}`,
      [ids.campaign],
    );
    await db.query(
      `INSERT INTO orders (id, shopper_id, shopper_openid, merchant_id, kind, status, subtotal_fen, discount_fen,
         total_fen, coupon_id, expires_at, paid_at, cancelled_at, cancel_reason, refunded_fen, out_trade_no, prepay_id,
         pay_params, transaction_id, reconcile_after, created_at, updated_at)
       SELECT ${orderId}, md5('shopper' || r || ':' || k)::uuid, 'bench_' || r || '_' || k, $1, 'group_buy', 'paid',
              ${PRICE_FEN}, 0, ${PRICE_FEN}, NULL, now() - interval '100 minutes', now() - interval '100 minutes',
              NULL, NULL, 0, ${tradeNo}, 'wx_bench_' || ${tradeNo}, '{}'::jsonb, 'tx_bench_' || ${tradeNo},
              now() + interval '1 day', now() - interval '2 hours', now() - interval '2 hours'
       FROM ${seats}`,
      [ids.merchant],
    );
    await db.query(
      `INSERT INTO sandbox_transactions (out_trade_no, appid, mchid, description, amount_fen, payer_openid, attach,
         time_expire, request_fingerprint, prepay_id, transaction_id, trade_state, success_time, created_at, updated_at)
       SELECT ${tradeNo}, 'wxbench', '1900000000', 'Bench product', ${PRICE_FEN}, 'bench_' || r || '_' || k, NULL,
              now() - interval '90 minutes', 'bench', 'wx_bench_' || ${tradeNo}, 'tx_bench_' || ${tradeNo}, 'SUCCESS',
              now() - interval '100 minutes', now() - interval '2 hours', now() - interval '2 hours'
       FROM ${seats}`,
    );
    await db.query('ANALYZE');
  });
}

/**
 * The expiry sweep on a fresh database: `group-buy.expire` (as registered, one instance) fails 5,000 expired
 * rooms and asks for 15,000 refunds (refund row + outbox message each); then outbox dispatchers submit them to
 * the sandbox provider. Both phases timed; the service runs in this process with its timers off.
 */
export async function measureExpirySweep(postgresUrl: string): Promise<ExpiryFigures> {
  return withScratchDatabase(postgresUrl, async (url) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'engage-bench-'));
    const runtime = await prepareRuntime(
      loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: url,
        ADMIN_TOKEN: 'bench-admin-token-0123456789abcdef',
        JWT_SECRET: 'bench-jwt-secret-0123456789abcdef0123456789',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'error',
      }),
      () => undefined,
    );
    await seed(url);
    const app = await createApp(runtime, { schedule: false });
    try {
      const jobs = app.get(JobRunner);
      const started = performance.now();
      const sweep = (await jobs.runNow('group-buy.expire')) as SweepResult;
      const sweepMs = performance.now() - started;

      const outbox = app.get(OutboxService);
      const outboxStarted = performance.now();
      const dispatcher = async () => {
        while (performance.now() - outboxStarted < OUTBOX_DEADLINE_MS) {
          if ((await outbox.dispatch()) === 0) return;
        }
      };
      await Promise.all(Array.from({ length: DISPATCHERS }, dispatcher));
      const outboxMs = performance.now() - outboxStarted;

      return withPostgres(url, async (db) => {
        const [counts] = (
          await db.query<{ failed: string; refunds: string; keys: string; submitted: string }>(
            `SELECT (SELECT count(*) FROM group_rooms WHERE status = 'failed') AS failed,
                    (SELECT count(*) FROM order_refunds) AS refunds,
                    (SELECT count(DISTINCT business_key) FROM order_refunds WHERE business_key LIKE 'group-room-failed:%') AS keys,
                    (SELECT count(*) FROM sandbox_refunds) AS submitted`,
          )
        ).rows;
        const expected = EXPIRY_ROOMS * MEMBERS_PER_ROOM;
        if (
          Number(counts.failed) !== EXPIRY_ROOMS ||
          Number(counts.refunds) !== expected ||
          Number(counts.keys) !== expected
        ) {
          throw new Error(
            `expiry sweep left ${JSON.stringify(counts)}; expected ${EXPIRY_ROOMS} failed, ${expected} refunds`,
          );
        }
        return {
          rooms: EXPIRY_ROOMS,
          refunds: expected,
          sweepMs,
          sweep,
          outboxMs,
          submitted: Number(counts.submitted),
          dispatchers: DISPATCHERS,
        };
      });
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}
