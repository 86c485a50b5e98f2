import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Db } from '../../platform/database/db';
import type { CouponCodeStatus } from './entities/coupon-code.entity';

/** Queries on coupon codes, which are known here only by their digests. */
@Injectable()
export class CouponCodesRepository {
  constructor(private readonly db: Db) {}

  /** Stores unused codes; returns the digests stored (one already taken is skipped). */
  async insertUnused(templateId: string, digests: string[], now: Date): Promise<string[]> {
    const rows = await this.db.query<{ code_digest: string }>(
      `INSERT INTO coupon_codes (id, code_digest, status, template_id, created_at)
       SELECT id, digest, 'unused', $3, $4 FROM unnest($1::uuid[], $2::text[]) AS fresh(id, digest)
       ON CONFLICT (code_digest) DO NOTHING RETURNING code_digest`,
      [digests.map(() => randomUUID()), digests, templateId, now],
    );
    return rows.map((row) => row.code_digest);
  }

  async findByDigest(digest: string): Promise<{ templateId: string; status: CouponCodeStatus } | null> {
    const [row] = await this.db.query<{ template_id: string; status: CouponCodeStatus }>(
      'SELECT template_id, status FROM coupon_codes WHERE code_digest = $1',
      [digest],
    );
    return row ? { templateId: row.template_id, status: row.status } : null;
  }

  /** unused → redeemed, for this coupon: of concurrent redeemers exactly one moves it. */
  async redeem(digest: string, couponId: string, shopperId: string, now: Date): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE coupon_codes SET status = 'redeemed', coupon_id = $2, redeemed_by = $3, redeemed_at = $4
       WHERE code_digest = $1 AND status = 'unused' RETURNING id`,
      [digest, couponId, shopperId, now],
    );
    return rows.length === 1;
  }
}
