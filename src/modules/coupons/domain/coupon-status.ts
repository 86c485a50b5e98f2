/**
 * A shopper's coupon. Stored states and the moves between them; `expired` is also what an `available`
 * coupon past `validUntil` reads as, computed from the clock, without waiting for a job.
 */
export type CouponStatus = 'available' | 'locked' | 'used' | 'expired';

export const COUPON_STATUSES: readonly CouponStatus[] = ['available', 'locked', 'used', 'expired'];

export const COUPON_TRANSITIONS: Readonly<Record<CouponStatus, readonly CouponStatus[]>> = {
  // An order takes it.
  available: ['locked'],
  // Payment uses it; cancellation or expiry of the order gives it back, or leaves it expired.
  locked: ['used', 'available', 'expired'],
  used: [],
  expired: [],
};

export function canTransition(from: CouponStatus, to: CouponStatus): boolean {
  return COUPON_TRANSITIONS[from].includes(to);
}

/** The states a move to `to` leaves: the WHERE clause of the conditional UPDATE that makes it. */
export function statesLeadingTo(to: CouponStatus): CouponStatus[] {
  return COUPON_STATUSES.filter((from) => canTransition(from, to));
}

/** What the shopper sees: an available coupon past its validity reads `expired`. */
export function readStatus(stored: CouponStatus, validUntil: Date, now: Date): CouponStatus {
  return stored === 'available' && now >= validUntil ? 'expired' : stored;
}

/** The state a coupon returns to when its order is cancelled or expires. */
export function statusOnRelease(validUntil: Date, now: Date): 'available' | 'expired' {
  return now >= validUntil ? 'expired' : 'available';
}
