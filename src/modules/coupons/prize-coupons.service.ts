import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { isUniqueViolation } from '../../platform/database/postgres-errors';
import { notFound } from '../../platform/errors/domain-error';
import { isOpaqueId } from '../../platform/http/ids';
import { CouponIssuer } from './coupon-issuer';
import { CouponTemplatesRepository } from './coupon-templates.repository';
import { CouponsRepository } from './coupons.repository';
import { couponNotClaimable } from './coupons.errors';
import { CouponDto } from './dto/coupon.dto';
import { Coupon } from './entities/coupon.entity';

export interface PrizeCouponRequest {
  templateId: string;
  shopperId: string;
  /** The event that won it (`draw:<drawId>`): one coupon per key, ever. 1-200 characters. */
  businessKey: string;
}

/**
 * Exported for lucky draws: issues a coupon of a `prize` template to a shopper. Idempotent by `businessKey`: a
 * repeat returns the coupon issued the first time. Stock, per-shopper limit and claim window hold as for
 * claims, with the same errors (COUPON_SOLD_OUT, COUPON_LIMIT_REACHED, COUPON_NOT_CLAIMABLE; NOT_FOUND for an
 * unknown template). Runs inside the caller's transaction when there is one.
 */
@Injectable()
export class PrizeCoupons {
  constructor(
    private readonly templates: CouponTemplatesRepository,
    private readonly coupons: CouponsRepository,
    private readonly issuer: CouponIssuer,
    private readonly clock: Clock,
  ) {}

  async issue(request: PrizeCouponRequest): Promise<CouponDto> {
    if (request.businessKey.length < 1 || request.businessKey.length > 200) {
      throw new RangeError('a prize businessKey has 1-200 characters');
    }
    const template = isOpaqueId(request.templateId) ? await this.templates.definition(request.templateId) : null;
    if (!template) throw notFound('Coupon template');
    if (template.distribution !== 'prize') throw couponNotClaimable('Only prize templates are issued as prizes');
    const earlier = await this.coupons.findByBusinessKey(request.businessKey);
    let coupon: Coupon;
    if (earlier) coupon = this.sameRequest(earlier, request);
    else {
      try {
        coupon = await this.issuer.issue(template, request.shopperId, {
          source: 'prize',
          businessKey: request.businessKey,
        });
      } catch (error) {
        // A concurrent issue with the same key won: this one counted nothing, answer with that one. (Inside a
        // caller's transaction the violation aborted it: the caller's retry then finds the winner above.)
        if (!isUniqueViolation(error)) throw error;
        const winner = await this.coupons.findByBusinessKey(request.businessKey).catch(() => null);
        if (!winner) throw error;
        coupon = this.sameRequest(winner, request);
      }
    }
    return CouponDto.from(coupon, template, this.clock.now());
  }

  private sameRequest(coupon: Coupon, request: PrizeCouponRequest): Coupon {
    if (coupon.templateId !== request.templateId || coupon.shopperId !== request.shopperId) {
      throw new Error(`prize businessKey ${request.businessKey} was used for another template or shopper`);
    }
    return coupon;
  }
}
