import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Db } from '../../platform/database/db';
import { Cursor } from '../../platform/http/pagination';
import { COUPON_CODE_LIFECYCLE } from './domain/coupon-code-status';
import type { CouponCodeStatus } from './entities/coupon-code.entity';

export interface NewCode {
  digest: string;
  sealed: string;
}

export interface CodeRow extends Cursor {
  codeSealed: string | null;
  status: CouponCodeStatus;
  couponId: string | null;
  redeemedAt: Date | null;
}

/** Queries on coupon codes, found by their digests; the code text is only ever here sealed. */
@Injectable()
export class CouponCodesRepository {
  constructor(private readonly db: Db) {}

  /** Stores unused codes; returns the digests stored (one already taken is skipped). */
  async insertUnused(templateId: string, codes: NewCode[], now: Date): Promise<string[]> {
    const rows = await this.db.query<{ code_digest: string }>(
      `INSERT INTO coupon_codes (id, code_digest, code_sealed, status, template_id, created_at)
       SELECT id, digest, sealed, $6, $4, $5
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS fresh(id, digest, sealed)
       ON CONFLICT (code_digest) DO NOTHING RETURNING code_digest`,
      [
        codes.map(() => randomUUID()),
        codes.map((c) => c.digest),
        codes.map((c) => c.sealed),
        templateId,
        now,
        COUPON_CODE_LIFECYCLE.initial[0],
      ],
    );
    return rows.map((row) => row.code_digest);
  }

  /** A page of a template's codes, newest first, by keyset over (created_at, id) on the template's list indexes. */
  async page(templateId: string, status: CouponCodeStatus | undefined, after: Cursor | null, limit: number) {
    const params: unknown[] = [templateId, limit + 1];
    let where = 'template_id = $1';
    if (status) {
      params.push(status);
      where += ` AND status = $${params.length}`;
    }
    if (after) {
      params.push(after.createdAt, after.id);
      where += ` AND (created_at, id) < ($${params.length - 1}, $${params.length})`;
    }
    return this.db.query<CodeRow>(
      `SELECT id, code_sealed AS "codeSealed", status, coupon_id AS "couponId", redeemed_at AS "redeemedAt",
              created_at AS "createdAt"
       FROM coupon_codes WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $2`,
      params,
    );
  }

  async findByDigest(digest: string): Promise<{ templateId: string; status: CouponCodeStatus } | null> {
    const [row] = await this.db.query<{ template_id: string; status: CouponCodeStatus }>(
      'SELECT template_id, status FROM coupon_codes WHERE code_digest = $1',
      [digest],
    );
    return row ? { templateId: row.template_id, status: row.status } : null;
  }

  /** unused → redeemed, for this coupon, through the code lifecycle: of concurrent redeemers exactly one moves it. */
  async redeem(digest: string, couponId: string, shopperId: string, now: Date): Promise<boolean> {
    const rows = await COUPON_CODE_LIFECYCLE.move(this.db, {
      to: 'redeemed',
      where: { code_digest: digest },
      set: { coupon_id: couponId, redeemed_by: shopperId, redeemed_at: now },
    });
    return rows.length === 1;
  }
}
