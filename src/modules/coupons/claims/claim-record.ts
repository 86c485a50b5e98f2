import { Injectable } from '@nestjs/common';
import { Db } from '../../../platform/database/db';
import type { Coupon } from '../entities/coupon.entity';

/** A coupon to write for a claim, with the generation of the gate that accepted it. */
export interface ClaimedCoupon {
  coupon: Coupon;
  epoch: number;
}

/**
 * One statement, so one round trip and its own transaction: the template's row locked FOR KEY SHARE against a rebuild
 * (which takes it FOR UPDATE) without making batches wait for each other; the coupons of the template's current
 * generation that are not there yet, in id order (a takeover may write a claim its writer is writing: each waits on
 * the other's coupons in one order); their counts on their holders (in shopper order, so concurrent batches wait
 * on each other without a cycle), then on the template (its row last, held only until the commit). The template's
 * update waits on count(*) of every holder row: an EXISTS would stop after the first, so the rest would be written
 * after the template's row is locked, and two batches would deadlock (one on that row, one on a holder).
 * $1 template, $2 merchant, $3 JSON [{id, shopper_id, epoch, created_at, valid_from, valid_until}].
 */
const WRITE_CLAIMS = `
WITH template AS (
  SELECT redis_epoch FROM coupon_templates WHERE id = $1 FOR KEY SHARE
), inserted AS (
  INSERT INTO coupons (id, template_id, merchant_id, shopper_id, status, source, valid_from, valid_until, created_at,
                       updated_at)
  SELECT c.id, $1, $2, c.shopper_id, 'available', 'claim', c.valid_from, c.valid_until, c.created_at, c.created_at
  FROM json_to_recordset($3::json) AS c(id uuid, shopper_id uuid, epoch int, created_at timestamptz,
                                        valid_from timestamptz, valid_until timestamptz), template
  WHERE c.epoch = template.redis_epoch
  ORDER BY c.id
  ON CONFLICT (id) DO NOTHING
  RETURNING id, shopper_id
), holders AS (
  INSERT INTO coupon_holders (template_id, shopper_id, issued)
  SELECT $1, shopper_id, count(*) FROM inserted GROUP BY shopper_id ORDER BY shopper_id
  ON CONFLICT (template_id, shopper_id) DO UPDATE SET issued = coupon_holders.issued + EXCLUDED.issued
  RETURNING 1
), counted AS (
  UPDATE coupon_templates SET issued = issued + (SELECT count(*) FROM inserted)
  WHERE id = $1 AND (SELECT count(*) FROM holders) > 0
  RETURNING 1
)
SELECT (SELECT redis_epoch FROM template) AS epoch, (SELECT count(*) FROM counted)::int AS counted`;

/** The queries behind claims the Redis gate accepted: the template's generation, and a batch of coupons. */
@Injectable()
export class ClaimRecord {
  constructor(private readonly db: Db) {}

  /** A new generation, and the issued count it starts from, once every batch of claims in progress has committed. */
  async bumpEpoch(templateId: string): Promise<{ redisEpoch: number; issued: number } | null> {
    await this.db.query('SELECT 1 FROM coupon_templates WHERE id = $1 FOR UPDATE', [templateId]);
    const [row] = await this.db.query<{ redis_epoch: number; issued: number }>(
      'UPDATE coupon_templates SET redis_epoch = redis_epoch + 1 WHERE id = $1 RETURNING redis_epoch, issued',
      [templateId],
    );
    return row ? { redisEpoch: row.redis_epoch, issued: row.issued } : null;
  }

  /**
   * Writes, in one statement (WRITE_CLAIMS), the coupons of the template's current generation that are not there
   * yet, and counts them. Returns that generation; null when the template is gone.
   */
  async writeCounted(
    templateId: string,
    merchantId: string,
    claimed: readonly ClaimedCoupon[],
  ): Promise<number | null> {
    const rows = claimed.map(({ coupon, epoch }) => ({
      id: coupon.id,
      shopper_id: coupon.shopperId,
      epoch,
      created_at: coupon.createdAt.toISOString(),
      valid_from: coupon.validFrom.toISOString(),
      valid_until: coupon.validUntil.toISOString(),
    }));
    const [row] = await this.db.prepared<{ epoch: number | null }>('coupon_write_claims', WRITE_CLAIMS, [
      templateId,
      merchantId,
      JSON.stringify(rows),
    ]);
    return row.epoch;
  }

  /** Public templates whose claim streams may hold entries: claimable now, or closed within the last day. */
  async streamedTemplateIds(now: Date): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM coupon_templates WHERE distribution = 'public' AND claim_starts_at <= $1
       AND claim_ends_at > $1::timestamptz - interval '1 day'`,
      [now],
    );
    return rows.map((row) => row.id);
  }

  /** Which of these coupons exist. */
  async existing(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db.query<{ id: string }>('SELECT id FROM coupons WHERE id = ANY($1::uuid[])', [ids]);
    return new Set(rows.map((row) => row.id));
  }
}
