import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Db } from '../../../platform/database/db';
import { AttemptLimiter, AttemptWindow, Reservation } from './attempt-limiter';

@Injectable()
export class PostgresAttemptLimiter extends AttemptLimiter {
  constructor(private readonly db: Db) {
    super();
  }

  reserve(shopperId: string, now: Date, window: AttemptWindow): Promise<Reservation> {
    return this.db.transaction(async () => {
      // One shopper's attempts queue here; other shoppers do not wait.
      await this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `coupon-code-attempts:${shopperId}`,
      ]);
      const since = new Date(now.getTime() - window.windowMs);
      await this.db.query('DELETE FROM coupon_code_attempts WHERE shopper_id = $1 AND at <= $2', [shopperId, since]);
      const [row] = await this.db.query<{ n: number; oldest: Date | null }>(
        'SELECT count(*)::int AS n, min(at) AS oldest FROM coupon_code_attempts WHERE shopper_id = $1',
        [shopperId],
      );
      if (row.n >= window.limit) {
        const retryAfterMs = Math.max(1, new Date(row.oldest!).getTime() + window.windowMs - now.getTime());
        return { granted: false as const, retryAfterMs };
      }
      const ticket = randomUUID();
      await this.db.query('INSERT INTO coupon_code_attempts (id, shopper_id, at) VALUES ($1, $2, $3)', [
        ticket,
        shopperId,
        now,
      ]);
      return { granted: true as const, ticket };
    });
  }

  async forgive(shopperId: string, ticket: string): Promise<void> {
    await this.db.query('DELETE FROM coupon_code_attempts WHERE id = $1 AND shopper_id = $2', [ticket, shopperId]);
  }
}
