import { CouponTerms } from './domain/coupon-terms';
import { TemplateDefinition } from './entities/coupon-template.entity';
import { Coupon } from './entities/coupon.entity';

/** What the rules need of a coupon and its template. */
export const termsOf = (coupon: Coupon, template: TemplateDefinition): CouponTerms => ({
  merchantId: template.merchantId,
  type: template.type,
  valueFen: template.valueFen,
  percentOff: template.percentOff,
  maxDiscountFen: template.maxDiscountFen,
  minSpendFen: template.minSpendFen,
  productIds: template.productIds,
  validFrom: coupon.validFrom,
  validUntil: coupon.validUntil,
});
