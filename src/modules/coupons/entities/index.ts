import { CodeAttempt } from './code-attempt.entity';
import { CouponCode } from './coupon-code.entity';
import { CouponHolder } from './coupon-holder.entity';
import { CouponTemplate } from './coupon-template.entity';
import { Coupon } from './coupon.entity';

export const COUPON_ENTITIES = [CouponTemplate, Coupon, CouponHolder, CouponCode, CodeAttempt];
