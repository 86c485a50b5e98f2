import { DomainError } from '../../platform/errors/domain-error';

export const flashSaleNotActive = (): DomainError =>
  new DomainError('FLASH_SALE_NOT_ACTIVE', 'This flash sale is not open now');

export const flashSaleSoldOut = (): DomainError =>
  new DomainError('FLASH_SALE_SOLD_OUT', 'This flash sale is sold out');

export const flashSaleLimitReached = (): DomainError =>
  new DomainError('FLASH_SALE_LIMIT_REACHED', 'You already hold as many units of this sale as one shopper may');

export const purchaseRateLimited = (retryAfterSeconds: number): DomainError =>
  new DomainError('RATE_LIMITED', `Too many attempts; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });

export const idempotencyKeyReused = (): DomainError =>
  new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with another request body');

export const gateUnavailable = (): DomainError =>
  new DomainError('SERVICE_UNAVAILABLE', 'The flash sale cannot take attempts right now; try again shortly');
