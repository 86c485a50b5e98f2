import { Injectable } from '@nestjs/common';
import { Db } from '../../../platform/database/db';
import { isUniqueViolation } from '../../../platform/database/postgres-errors';
import { newCoupon } from '../coupon-issuer';
import type { TemplateDefinition } from '../entities/coupon-template.entity';
import type { Coupon } from '../entities/coupon.entity';
import type { AcceptedClaim } from './claim-entry';
import { ClaimRecord } from './claim-record';

/** A claim written (its coupon exists: written now or before), or of a generation the record no longer knows. */
export type ClaimWritten = { kind: 'written'; coupon: Coupon } | { kind: 'stale' };

/**
 * Writes claims the gate accepted, in one transaction: the template row locked against a rebuild, the coupons
 * that are not there yet (one statement), their counts on the holders and the template. A claim of an older
 * generation than the template's was not counted by the rebuild that replaced its keys: it is not written (its
 * coupon is `stale`), unless it was written before that rebuild.
 */
@Injectable()
export class ClaimWriter {
  constructor(
    private readonly db: Db,
    private readonly record: ClaimRecord,
  ) {}

  /**
   * `new` (claims this instance just accepted) writes with COPY and, should one be there already (taken over while
   * this instance stalled), writes the batch again idempotently; `idempotent` skips what is there.
   */
  async write(
    template: TemplateDefinition,
    claims: readonly AcceptedClaim[],
    mode: 'new' | 'idempotent' = 'idempotent',
  ): Promise<ClaimWritten[]> {
    if (mode === 'idempotent') return this.writeOnce(template, claims, mode);
    try {
      return await this.writeOnce(template, claims, mode);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return this.writeOnce(template, claims, 'idempotent');
    }
  }

  private writeOnce(
    template: TemplateDefinition,
    claims: readonly AcceptedClaim[],
    mode: 'new' | 'idempotent',
  ): Promise<ClaimWritten[]> {
    return this.db.transaction(async () => {
      const epoch = await this.record.lockEpoch(template.id);
      if (epoch === null) throw new Error(`coupon template ${template.id} not found`);
      const coupons = claims.map((claim) =>
        newCoupon(template, claim.shopperId, claim.couponId, claim.acceptedAt, { source: 'claim' }),
      );
      await this.record.insertCounted(
        template.id,
        coupons.filter((_, i) => claims[i].epoch === epoch),
        mode,
      );
      const staleIds = claims.filter((claim) => claim.epoch !== epoch).map((claim) => claim.couponId);
      const writtenBefore = await this.record.existing(staleIds);
      return coupons.map((coupon, i): ClaimWritten =>
        claims[i].epoch === epoch || writtenBefore.has(coupon.id) ? { kind: 'written', coupon } : { kind: 'stale' },
      );
    });
  }
}
