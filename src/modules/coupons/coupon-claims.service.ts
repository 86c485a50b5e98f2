import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { RedisService } from '../../platform/redis/redis.service';
import { notFound } from '../../platform/errors/domain-error';
import type { CallerBudget } from '../../platform/throttling/caller-budget';
import { isOpaqueId } from '../../platform/http/ids';
import { HotClaims } from './claims/hot-claims';
import { CouponIssuer } from './coupon-issuer';
import { CouponTemplatesRepository } from './coupon-templates.repository';
import { couponNotClaimable } from './coupons.errors';
import { CouponDto } from './dto/coupon.dto';

/**
 * Shoppers claiming `public` templates: with REDIS_URL through the claim gate and group commits (HotClaims), without
 * it through the CouponIssuer and the Postgres record, in the request's own transaction.
 */
@Injectable()
export class CouponClaimsService {
  constructor(
    private readonly templates: CouponTemplatesRepository,
    private readonly issuer: CouponIssuer,
    private readonly hot: HotClaims,
    private readonly redis: RedisService,
    private readonly clock: Clock,
  ) {}

  /** `budget`: the request's count against the caller's budget, made by the claim gate (ShopperPostDoor). */
  async claim(shopperId: string, templateId: string, budget: CallerBudget | null = null): Promise<CouponDto> {
    const template = isOpaqueId(templateId) ? await this.templates.definition(templateId) : null;
    if (!template) throw notFound('Coupon template');
    if (template.distribution !== 'public') {
      throw couponNotClaimable(
        `This coupon is given out by ${template.distribution === 'code' ? 'code' : 'prize draw'}`,
      );
    }
    const coupon = this.redis.enabled
      ? await this.hot.claim(template, shopperId, budget)
      : await this.issuer.issue(template, shopperId, { source: 'claim' });
    return CouponDto.from(coupon, template, this.clock.now());
  }
}
