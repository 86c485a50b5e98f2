import { DomainError } from '../../platform/errors/domain-error';

export const orderNotCancellable = (status: string): DomainError =>
  new DomainError('ORDER_NOT_CANCELLABLE', `Only an order awaiting payment can be cancelled; this one is ${status}`);

export const refundExceedsPaid = (refundableFen: number): DomainError =>
  new DomainError('REFUND_EXCEEDS_PAID', `At most ${refundableFen} fen of this order can still be refunded`, {
    refundableFen,
  });

export const paymentUnavailable = (detail: string): DomainError =>
  new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', `The payment provider did not answer; try again (${detail})`);
