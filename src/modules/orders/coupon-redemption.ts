/** Port: how an order uses a coupon. The coupons module provides it (OrdersModule imports CouponsModule). */
export interface CouponLockRequest {
  couponId: string;
  shopperId: string;
  merchantId: string;
  orderId: string;
  lines: ReadonlyArray<{ productId: string; quantity: number; unitPriceFen: number }>;
  now: Date;
}

export abstract class CouponRedemption {
  /**
   * Inside the order's transaction: checks that the coupon is the shopper's, available, valid now and
   * applicable to these lines, locks it to the order and returns the discount in fen. Throws
   * COUPON_NOT_APPLICABLE otherwise. Payment marks it used and cancellation gives it back, through the
   * `order.paid` and `order.cancelled` events (their payload carries `couponId`).
   */
  abstract lock(request: CouponLockRequest): Promise<number>;
}
