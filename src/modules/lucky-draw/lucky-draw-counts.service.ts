import { Injectable } from '@nestjs/common';
import { countActiveCampaigns } from '../../platform/campaigns/active-campaigns';
import { Db } from '../../platform/database/db';

/** Counts of the merchant's lucky draws for other modules (the merchant dashboard), read from this module's table. */
@Injectable()
export class LuckyDrawCounts {
  constructor(private readonly db: Db) {}

  active(merchantId: string, now: Date): Promise<number> {
    return countActiveCampaigns(
      this.db,
      { table: 'lucky_draws', startsAt: 'starts_at', endsAt: 'ends_at', endedAt: true },
      merchantId,
      now,
    );
  }
}
