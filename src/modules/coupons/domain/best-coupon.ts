/** A coupon that applies, with what it takes off. */
export interface CouponOption {
  couponId: string;
  discountFen: number;
  validUntil: Date;
}

/**
 * Options best first: the largest discount; on a tie the one that runs out first (use it before it is lost),
 * then by id so the answer never flickers between equal coupons.
 */
export function rankOptions<Option extends CouponOption>(options: readonly Option[]): Option[] {
  return [...options].sort(
    (a, b) =>
      b.discountFen - a.discountFen ||
      a.validUntil.getTime() - b.validUntil.getTime() ||
      (a.couponId < b.couponId ? -1 : a.couponId > b.couponId ? 1 : 0),
  );
}
