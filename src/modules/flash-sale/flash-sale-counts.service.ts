import { Injectable } from '@nestjs/common';
import { countActiveCampaigns } from '../../platform/campaigns/active-campaigns';
import { Db } from '../../platform/database/db';

/** Counts of the merchant's flash sales for the merchant dashboard, read from this module's table. */
@Injectable()
export class FlashSaleCounts {
  constructor(private readonly db: Db) {}

  active(merchantId: string, now: Date): Promise<number> {
    return countActiveCampaigns(
      this.db,
      { table: 'flash_sales', startsAt: 'starts_at', endsAt: 'ends_at', endedAt: true },
      merchantId,
      now,
    );
  }
}
