import { Injectable } from '@nestjs/common';
import { countActiveCampaigns } from '../../platform/campaigns/active-campaigns';
import { Db } from '../../platform/database/db';

/** The merchant's rebate figures for other modules (the merchant dashboard), read from this module's tables. */
@Injectable()
export class RebateFigures {
  constructor(private readonly db: Db) {}

  /** Rebates paid (their transfer requested) in `[from, to)`, summed over idx_rebates_merchant_paid. */
  async paidFen(merchantId: string, from: Date, to: Date): Promise<number> {
    const [row] = await this.db.query<{ paid: string }>(
      `SELECT coalesce(sum(amount_fen), 0)::text AS paid FROM rebates
        WHERE merchant_id = $1 AND paid_at IS NOT NULL AND paid_at >= $2 AND paid_at < $3`,
      [merchantId, from, to],
    );
    return Number(row?.paid ?? 0);
  }

  activeRules(merchantId: string, now: Date): Promise<number> {
    return countActiveCampaigns(
      this.db,
      { table: 'rebate_rules', startsAt: 'starts_at', endsAt: 'ends_at', endedAt: true },
      merchantId,
      now,
    );
  }
}
