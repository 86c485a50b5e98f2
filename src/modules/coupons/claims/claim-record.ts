import { Injectable } from '@nestjs/common';
import type { CopyValue } from '../../../platform/database/copy-text';
import { Db } from '../../../platform/database/db';
import type { Coupon } from '../entities/coupon.entity';

const COUPON_COLUMNS = [
  'id',
  'template_id',
  'merchant_id',
  'shopper_id',
  'status',
  'source',
  'business_key',
  'valid_from',
  'valid_until',
  'order_id',
  'created_at',
  'updated_at',
  'used_at',
  'source_ref',
  'discount_fen',
  'order_subtotal_fen',
] as const;

const couponRecord = (coupon: Coupon): Record<(typeof COUPON_COLUMNS)[number], CopyValue> => ({
  id: coupon.id,
  template_id: coupon.templateId,
  merchant_id: coupon.merchantId,
  shopper_id: coupon.shopperId,
  status: coupon.status,
  source: coupon.source,
  business_key: coupon.businessKey,
  valid_from: coupon.validFrom.toISOString(),
  valid_until: coupon.validUntil.toISOString(),
  order_id: null,
  created_at: coupon.createdAt.toISOString(),
  updated_at: coupon.updatedAt.toISOString(),
  used_at: null,
  source_ref: coupon.sourceRef,
  discount_fen: null,
  order_subtotal_fen: null,
});

/** The queries behind claims the Redis gate accepted: the template's generation, and a batch of coupons. */
@Injectable()
export class ClaimRecord {
  constructor(private readonly db: Db) {}

  /** The template's generation, its row locked against a rebuild until the caller's transaction ends. */
  async lockEpoch(templateId: string): Promise<number | null> {
    const [row] = await this.db.query<{ redis_epoch: number }>(
      'SELECT redis_epoch FROM coupon_templates WHERE id = $1 FOR NO KEY UPDATE',
      [templateId],
    );
    return row ? row.redis_epoch : null;
  }

  /** A new generation, and the issued count it starts from. */
  async bumpEpoch(templateId: string): Promise<{ redisEpoch: number; issued: number } | null> {
    const [row] = await this.db.query<{ redis_epoch: number; issued: number }>(
      'UPDATE coupon_templates SET redis_epoch = redis_epoch + 1 WHERE id = $1 RETURNING redis_epoch, issued',
      [templateId],
    );
    return row ? { redisEpoch: row.redis_epoch, issued: row.issued } : null;
  }

  /**
   * Writes the coupons that are not there yet, and counts those it wrote on the template and their holders (the
   * holders in shopper order, so two batches never wait on each other's rows). Returns the ids it wrote. `new`:
   * none is expected to be there (claims this instance just accepted), and they go in with COPY; one that is there
   * fails the transaction with a unique violation, and the caller writes the batch again `idempotent`ly.
   */
  async insertCounted(
    templateId: string,
    coupons: readonly Coupon[],
    mode: 'new' | 'idempotent',
  ): Promise<Set<string>> {
    const records = coupons.map(couponRecord);
    let inserted: Set<string>;
    if (mode === 'new') {
      await this.db.copyInto('coupons', COUPON_COLUMNS, records);
      inserted = new Set(coupons.map((coupon) => coupon.id));
    } else {
      inserted = await this.db.insertSkippingExisting('coupons', COUPON_COLUMNS, records);
    }
    if (inserted.size === 0) return inserted;
    const perShopper = new Map<string, number>();
    for (const coupon of coupons) {
      if (inserted.has(coupon.id)) perShopper.set(coupon.shopperId, (perShopper.get(coupon.shopperId) ?? 0) + 1);
    }
    const shoppers = [...perShopper.keys()].sort();
    await this.db.query(
      `INSERT INTO coupon_holders (template_id, shopper_id, issued)
       SELECT $1, shopper_id, issued FROM unnest($2::uuid[], $3::int[]) AS u(shopper_id, issued) ORDER BY shopper_id
       ON CONFLICT (template_id, shopper_id) DO UPDATE SET issued = coupon_holders.issued + EXCLUDED.issued`,
      [templateId, shoppers, shoppers.map((shopper) => perShopper.get(shopper))],
    );
    await this.db.query('UPDATE coupon_templates SET issued = issued + $2 WHERE id = $1', [templateId, inserted.size]);
    return inserted;
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
