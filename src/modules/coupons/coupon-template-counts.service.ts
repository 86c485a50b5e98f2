import { Injectable } from '@nestjs/common';
import { countActiveCampaigns } from '../../platform/campaigns/active-campaigns';
import { Db } from '../../platform/database/db';

/** Counts of the merchant's coupon templates (their claim window) for other modules (the merchant dashboard), read from this module's table. */
@Injectable()
export class CouponTemplateCounts {
  constructor(private readonly db: Db) {}

  active(merchantId: string, now: Date): Promise<number> {
    return countActiveCampaigns(
      this.db,
      { table: 'coupon_templates', startsAt: 'claim_starts_at', endsAt: 'claim_ends_at', endedAt: true },
      merchantId,
      now,
    );
  }
}
