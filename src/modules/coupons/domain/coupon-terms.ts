/** The plain values the coupon rules work on: no entities, no Nest. */
export type CouponType = 'amount_off' | 'percent_off';
export type Distribution = 'public' | 'code' | 'prize';

export const COUPON_TYPES: readonly CouponType[] = ['amount_off', 'percent_off'];
export const DISTRIBUTIONS: readonly Distribution[] = ['public', 'code', 'prize'];

/** What a coupon takes off: the template's discount terms. */
export interface DiscountTerms {
  type: CouponType;
  /** amount_off: fen taken off (at most the eligible amount). */
  valueFen: number | null;
  /** percent_off: 1-99. */
  percentOff: number | null;
  /** percent_off: the most it takes off; null = no cap. */
  maxDiscountFen: number | null;
}

/** Everything that decides whether a coupon applies to a basket and how much it takes off. */
export interface CouponTerms extends DiscountTerms {
  merchantId: string;
  minSpendFen: number;
  /** null = every product of the merchant. */
  productIds: readonly string[] | null;
  validFrom: Date;
  /** The first instant the coupon no longer works. */
  validUntil: Date;
}

export interface BasketLine {
  productId: string;
  quantity: number;
  unitPriceFen: number;
}

/** What the shopper is about to buy: one merchant's lines, at a moment. */
export interface Basket {
  merchantId: string;
  lines: readonly BasketLine[];
  now: Date;
}

/** Why a coupon in the wallet does not apply (API.md). */
export type InapplicableReason =
  'OTHER_MERCHANT' | 'NOT_YET_VALID' | 'EXPIRED' | 'PRODUCT_NOT_ELIGIBLE' | 'BELOW_MIN_SPEND';
