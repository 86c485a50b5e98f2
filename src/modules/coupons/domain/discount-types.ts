import { percentOfFen } from '../../../platform/money/money';
import { CouponType, DiscountTerms } from './coupon-terms';

/**
 * One entry per coupon type: how much of the eligible amount it takes off. Pure, integer fen, never negative,
 * never above the eligible amount, and non-decreasing in it (the property tests hold every entry to that).
 */
export interface DiscountType {
  readonly type: CouponType;
  amountOff(eligibleFen: number, terms: DiscountTerms): number;
}

const amountOff: DiscountType = {
  type: 'amount_off',
  amountOff: (eligibleFen, terms) => Math.min(terms.valueFen ?? 0, eligibleFen),
};

const percentOff: DiscountType = {
  type: 'percent_off',
  amountOff: (eligibleFen, terms) => {
    const raw = percentOfFen(eligibleFen, terms.percentOff ?? 0);
    return Math.min(raw, terms.maxDiscountFen ?? raw, eligibleFen);
  },
};

export const DISCOUNT_TYPES: Readonly<Record<CouponType, DiscountType>> = {
  amount_off: amountOff,
  percent_off: percentOff,
};
