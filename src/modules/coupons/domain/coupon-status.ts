import { defineLifecycle } from '../../../platform/lifecycle/lifecycle';

/**
 * A shopper's coupon. Stored states and the moves between them; `expired` is also what an `available`
 * coupon past `validUntil` reads as, computed from the clock, without waiting for a job.
 */
export type CouponStatus = 'available' | 'locked' | 'used' | 'expired';

export const COUPON_LIFECYCLE = defineLifecycle<CouponStatus>({
  name: 'coupon',
  table: 'coupons',
  initial: ['available'],
  transitions: {
    // An order takes it.
    available: ['locked'],
    // Payment uses it; cancellation or expiry of the order gives it back, or leaves it expired.
    locked: ['used', 'available', 'expired'],
    used: [],
    expired: [],
  },
});

/** What the shopper sees: an available coupon past its validity reads `expired`. */
export function readStatus(stored: CouponStatus, validUntil: Date, now: Date): CouponStatus {
  return stored === 'available' && now >= validUntil ? 'expired' : stored;
}

/** The state a coupon returns to when its order is cancelled or expires. */
export function statusOnRelease(validUntil: Date, now: Date): 'available' | 'expired' {
  return now >= validUntil ? 'expired' : 'available';
}
