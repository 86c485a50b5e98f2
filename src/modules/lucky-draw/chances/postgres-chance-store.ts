import { Injectable } from '@nestjs/common';
import { Db } from '../../../platform/database/db';
import { luckyDrawNoChances } from '../lucky-draw.errors';
import { ChanceStore, DrawAttempt, DrawWork, ShopperDay } from './chance-store';

/**
 * The record, and the adapter served without Redis: `lucky_draw_chances.used` and `lucky_draw_prizes.awarded`
 * moved by guarded conditional statements in one transaction with the caller's draw row.
 */
@Injectable()
export class PostgresChanceStore extends ChanceStore {
  constructor(private readonly db: Db) {
    super();
  }

  spend<T>(attempt: DrawAttempt, work: DrawWork<T>): Promise<T> {
    return this.spendWith(attempt, true, work);
  }

  /** `takeStock` false: a gate in front already knows the picked prize is out of stock (a miss). */
  spendWith<T>(attempt: DrawAttempt, takeStock: boolean, work: DrawWork<T>): Promise<T> {
    return this.db.transaction(async () => {
      // The shopper's row first: only that shopper contends for it.
      const spent = await this.db.query(
        `INSERT INTO lucky_draw_chances (campaign_id, shopper_id, day, used, shares) VALUES ($1, $2, $3, 1, 0)
         ON CONFLICT (campaign_id, shopper_id, day) DO UPDATE SET used = lucky_draw_chances.used + 1
         WHERE lucky_draw_chances.used + 1 <= $4::int + LEAST(lucky_draw_chances.shares, $5::int)
         RETURNING used`,
        [attempt.campaignId, attempt.shopperId, attempt.day, attempt.drawsPerUserPerDay, attempt.shareBonusDrawsPerDay],
      );
      if (spent.length === 0) throw luckyDrawNoChances();
      let inStock = true;
      if (attempt.limitedPrize) {
        inStock =
          takeStock &&
          (
            await this.db.query(
              `UPDATE lucky_draw_prizes SET awarded = awarded + 1 WHERE id = $1 AND awarded < stock RETURNING awarded`,
              [attempt.limitedPrize.id],
            )
          ).length > 0;
      }
      const limited = attempt.limitedPrize;
      let taken = inStock && limited !== null;
      return work(inStock, async () => {
        if (!taken) return;
        taken = false;
        await this.db.query('UPDATE lucky_draw_prizes SET awarded = awarded - 1 WHERE id = $1 AND awarded > 0', [
          limited!.id,
        ]);
      });
    });
  }

  async share(day: ShopperDay, bonusCap: number): Promise<{ used: number; shares: number }> {
    const [row] = await this.db.query<{ used: number; shares: number }>(
      `INSERT INTO lucky_draw_chances (campaign_id, shopper_id, day, used, shares)
       VALUES ($1, $2, $3, 0, LEAST(1, $4::int))
       ON CONFLICT (campaign_id, shopper_id, day) DO UPDATE
       SET shares = LEAST(lucky_draw_chances.shares + 1, $4::int)
       RETURNING used, shares`,
      [day.campaignId, day.shopperId, day.day, bonusCap],
    );
    return row;
  }

  async usage(day: ShopperDay): Promise<{ used: number; shares: number }> {
    const [row] = await this.db.query<{ used: number; shares: number }>(
      'SELECT used, shares FROM lucky_draw_chances WHERE campaign_id = $1 AND shopper_id = $2 AND day = $3',
      [day.campaignId, day.shopperId, day.day],
    );
    return row ?? { used: 0, shares: 0 };
  }

  async awarded(prizeId: string): Promise<number> {
    const [row] = await this.db.query<{ awarded: number }>('SELECT awarded FROM lucky_draw_prizes WHERE id = $1', [
      prizeId,
    ]);
    return row?.awarded ?? 0;
  }
}
