import { DomainError } from '../../platform/errors/domain-error';
import type { InapplicableReason } from './domain/coupon-terms';

export const couponSoldOut = (): DomainError =>
  new DomainError('COUPON_SOLD_OUT', 'Every coupon of this template is gone');

export const couponLimitReached = (limit: number): DomainError =>
  new DomainError('COUPON_LIMIT_REACHED', `At most ${limit} coupon(s) of this template per shopper`, {
    perUserLimit: limit,
  });

export const couponNotClaimable = (why: string): DomainError => new DomainError('COUPON_NOT_CLAIMABLE', why);

export const couponCodeInvalid = (): DomainError => new DomainError('COUPON_CODE_INVALID', 'No such coupon code');

export const couponCodeUsed = (): DomainError =>
  new DomainError('COUPON_CODE_USED', 'This coupon code has already been redeemed');

export const couponNotApplicable = (reason?: InapplicableReason | 'NOT_AVAILABLE'): DomainError =>
  new DomainError('COUPON_NOT_APPLICABLE', 'This coupon cannot be used on this order', reason ? { reason } : undefined);

export const redeemRateLimited = (retryAfterSeconds: number): DomainError =>
  new DomainError('RATE_LIMITED', `Too many failed code attempts; try again in ${retryAfterSeconds} s`, {
    retryAfterSeconds,
  });

export const claimGateUnavailable = (): DomainError =>
  new DomainError('SERVICE_UNAVAILABLE', 'Coupon claims cannot be taken right now; try again shortly');
