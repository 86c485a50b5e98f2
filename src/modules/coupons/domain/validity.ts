/** How long a template's coupons are valid: fixed dates, or a number of days from the moment of issue. */
export type Validity = { type: 'absolute'; startsAt: Date; endsAt: Date } | { type: 'relative'; days: number };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The validity of a coupon issued at `issuedAt`: [validFrom, validUntil). */
export function couponValidity(validity: Validity, issuedAt: Date): { validFrom: Date; validUntil: Date } {
  if (validity.type === 'absolute') return { validFrom: validity.startsAt, validUntil: validity.endsAt };
  return { validFrom: issuedAt, validUntil: new Date(issuedAt.getTime() + validity.days * DAY_MS) };
}

/** Claims (and codes, and prizes) are issued while claimStartsAt <= now < claimEndsAt. */
export function withinClaimWindow(
  window: { claimStartsAt: Date; claimEndsAt: Date; endedAt?: Date | null },
  now: Date,
): boolean {
  return window.claimStartsAt <= now && now < window.claimEndsAt && !window.endedAt;
}
