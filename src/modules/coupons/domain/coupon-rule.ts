import { sumFen } from '../../../platform/money/money';
import { Basket, CouponTerms, InapplicableReason } from './coupon-terms';
import { DISCOUNT_TYPES } from './discount-types';

/** A coupon's rule, built from its terms: whether it applies to a basket, and what it takes off. */
export interface CouponRule {
  /** null when it applies; otherwise the first reason it does not, in the order the shopper can act on. */
  isApplicable(basket: Basket): InapplicableReason | null;
  /** The sum of the lines the coupon covers (its product scope). */
  eligibleFen(basket: Basket): number;
  /** Fen off this basket: 0 when it does not apply; never above the eligible amount. */
  discount(basket: Basket): number;
}

export type Evaluation = { applicable: true; discountFen: number } | { applicable: false; reason: InapplicableReason };

export function couponRule(terms: CouponTerms): CouponRule {
  const scope = terms.productIds === null ? null : new Set(terms.productIds);
  const eligibleLines = (basket: Basket) => basket.lines.filter((line) => scope === null || scope.has(line.productId));
  const eligibleFen = (basket: Basket) =>
    sumFen(eligibleLines(basket).map((line) => line.unitPriceFen * line.quantity));

  const isApplicable = (basket: Basket): InapplicableReason | null => {
    if (basket.merchantId !== terms.merchantId) return 'OTHER_MERCHANT';
    if (basket.now < terms.validFrom) return 'NOT_YET_VALID';
    if (basket.now >= terms.validUntil) return 'EXPIRED';
    if (eligibleLines(basket).length === 0) return 'PRODUCT_NOT_ELIGIBLE';
    // The threshold counts what the coupon covers: 满 200 减 20 on tea is 200 fen of tea.
    if (eligibleFen(basket) < terms.minSpendFen) return 'BELOW_MIN_SPEND';
    return null;
  };

  return {
    isApplicable,
    eligibleFen,
    discount: (basket) =>
      isApplicable(basket) === null ? DISCOUNT_TYPES[terms.type].amountOff(eligibleFen(basket), terms) : 0,
  };
}

export function evaluateCoupon(terms: CouponTerms, basket: Basket): Evaluation {
  const rule = couponRule(terms);
  const reason = rule.isApplicable(basket);
  return reason === null ? { applicable: true, discountFen: rule.discount(basket) } : { applicable: false, reason };
}
