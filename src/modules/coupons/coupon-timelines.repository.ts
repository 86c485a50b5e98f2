import { Injectable } from '@nestjs/common';
import { bucketSql } from '../../platform/campaigns/timeline';
import { TimelineBucket } from '../../platform/campaigns/timeline.query';
import { Db } from '../../platform/database/db';

export interface CouponUseBucket {
  at: Date;
  used: string;
  revenueFen: string;
  discountFen: string;
}

/**
 * Per-bucket sums over coupons, in SQL on their indexes: claims by issue time, uses by use time with what the
 * using orders paid (list price less the coupon) and what the coupons took off, as noted when the order locked
 * the coupon. Exported for campaigns that give coupons out (a draw's prizes, by `sourceRef`).
 */
@Injectable()
export class CouponTimelinesRepository {
  constructor(private readonly db: Db) {}

  claims(templateId: string, bucket: TimelineBucket): Promise<Array<{ at: Date; claims: string }>> {
    return this.db.query(
      `SELECT ${bucketSql(bucket, 'created_at')} AS at, count(*) AS claims
       FROM coupons WHERE template_id = $1 GROUP BY 1`,
      [templateId],
    );
  }

  usesOfTemplate(templateId: string, bucket: TimelineBucket): Promise<CouponUseBucket[]> {
    return this.uses('template_id = $1', templateId, bucket);
  }

  /** Uses of the coupons a campaign gave out (`lucky-draw:<id>`). */
  usesFromSource(sourceRef: string, bucket: TimelineBucket): Promise<CouponUseBucket[]> {
    return this.uses('source_ref = $1', sourceRef, bucket);
  }

  private uses(condition: string, value: string, bucket: TimelineBucket): Promise<CouponUseBucket[]> {
    return this.db.query(
      `SELECT ${bucketSql(bucket, 'used_at')} AS at, count(*) AS used,
              coalesce(sum(order_subtotal_fen - discount_fen), 0) AS "revenueFen",
              coalesce(sum(discount_fen), 0) AS "discountFen"
       FROM coupons WHERE ${condition} AND used_at IS NOT NULL GROUP BY 1`,
      [value],
    );
  }
}
