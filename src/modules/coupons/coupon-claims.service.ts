import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { notFound } from '../../platform/errors/domain-error';
import { isOpaqueId } from '../../platform/http/ids';
import { CouponIssuer } from './coupon-issuer';
import { CouponTemplatesRepository } from './coupon-templates.repository';
import { couponNotClaimable } from './coupons.errors';
import { CouponDto } from './dto/coupon.dto';

/** Shoppers claiming `public` templates. */
@Injectable()
export class CouponClaimsService {
  constructor(
    private readonly templates: CouponTemplatesRepository,
    private readonly issuer: CouponIssuer,
    private readonly clock: Clock,
  ) {}

  async claim(shopperId: string, templateId: string): Promise<CouponDto> {
    const template = isOpaqueId(templateId) ? await this.templates.definition(templateId) : null;
    if (!template) throw notFound('Coupon template');
    if (template.distribution !== 'public') {
      throw couponNotClaimable(
        `This coupon is given out by ${template.distribution === 'code' ? 'code' : 'prize draw'}`,
      );
    }
    const coupon = await this.issuer.issue(template, shopperId, { source: 'claim' });
    return CouponDto.from(coupon, template, this.clock.now());
  }
}
