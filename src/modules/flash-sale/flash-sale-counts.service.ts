import { Injectable } from '@nestjs/common';
import { countActiveCampaigns } from '../../platform/campaigns/active-campaigns';
import { Db } from '../../platform/database/db';

/**
 * Counts of the merchant's flash sales for the merchant dashboard, read from this module's table. Provided by the
 * dashboard module (FlashSaleModule is being changed on another branch); `flash_sales` has no early end here yet:
 * once it has `ended_at`, set `endedAt: true`.
 */
@Injectable()
export class FlashSaleCounts {
  constructor(private readonly db: Db) {}

  active(merchantId: string, now: Date): Promise<number> {
    return countActiveCampaigns(
      this.db,
      { table: 'flash_sales', startsAt: 'starts_at', endsAt: 'ends_at', endedAt: false },
      merchantId,
      now,
    );
  }
}
