import { DomainError } from '../../platform/errors/domain-error';

export const giftCardNotUsable = (cardId: string, why: string): DomainError =>
  new DomainError('GIFT_CARD_NOT_USABLE', `Gift card ${cardId} cannot be used: ${why}`, { cardId });

export const giftCardAlreadyClaimed = (): DomainError =>
  new DomainError('GIFT_CARD_ALREADY_CLAIMED', 'This gift has been claimed already');

export const giftCardCodeInvalid = (): DomainError =>
  new DomainError('GIFT_CARD_CODE_INVALID', 'No gift card has this code and PIN');

export const giftCardOrderNotRefundable = (orderId: string, why: string): DomainError =>
  new DomainError('GIFT_CARD_ORDER_NOT_REFUNDABLE', `Gift card order ${orderId} cannot be refunded so: ${why}`, {
    orderId,
  });
