import { defineLifecycle } from '../../../platform/lifecycle/lifecycle';
import type { CouponCodeStatus } from '../entities/coupon-code.entity';

/** A code of a `code` template: made unused, redeemed once for one coupon, never given back. */
export const COUPON_CODE_LIFECYCLE = defineLifecycle<CouponCodeStatus>({
  name: 'coupon code',
  table: 'coupon_codes',
  initial: ['unused'],
  transitions: {
    unused: ['redeemed'],
    redeemed: [],
  },
});
