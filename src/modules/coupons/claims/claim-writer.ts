import { Injectable } from '@nestjs/common';
import { newCoupon } from '../coupon-issuer';
import type { TemplateDefinition } from '../entities/coupon-template.entity';
import type { Coupon } from '../entities/coupon.entity';
import type { AcceptedClaim } from './claim-entry';
import { ClaimRecord } from './claim-record';

/** A claim written (its coupon exists: written now or before), or of a generation the record no longer knows. */
export type ClaimWritten = { kind: 'written'; coupon: Coupon } | { kind: 'stale' };

/**
 * Writes claims the gate accepted, idempotently, in one statement (ClaimRecord.writeCounted): the coupons that are
 * not there yet and their counts on the holders and the template. A claim of an older generation than the
 * template's was not counted by the rebuild that replaced its keys: it is not written (its coupon is `stale`),
 * unless it was written before that rebuild.
 */
@Injectable()
export class ClaimWriter {
  constructor(private readonly record: ClaimRecord) {}

  async write(template: TemplateDefinition, claims: readonly AcceptedClaim[]): Promise<ClaimWritten[]> {
    const coupons = claims.map((claim) =>
      newCoupon(template, claim.shopperId, claim.couponId, claim.acceptedAt, { source: 'claim' }),
    );
    const epoch = await this.record.writeCounted(
      template.id,
      template.merchantId,
      coupons.map((coupon, i) => ({ coupon, epoch: claims[i].epoch })),
    );
    if (epoch === null) throw new Error(`coupon template ${template.id} not found`);
    const staleIds = claims.filter((claim) => claim.epoch !== epoch).map((claim) => claim.couponId);
    const writtenBefore = await this.record.existing(staleIds);
    return coupons.map((coupon, i): ClaimWritten =>
      claims[i].epoch === epoch || writtenBefore.has(coupon.id) ? { kind: 'written', coupon } : { kind: 'stale' },
    );
  }
}
