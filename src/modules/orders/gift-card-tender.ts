import { Injectable } from '@nestjs/common';

export interface GiftCardHoldRequest {
  /** The caller's cards, in the order they are to pay. */
  cardIds: readonly string[];
  shopperId: string;
  merchantId: string;
  orderId: string;
  /** What is left to pay after the coupon: the cards pay up to this. */
  dueFen: number;
  now: Date;
}

/** What the gift-cards module does for orders; it registers itself at start-up (it places orders, so it imports us). */
export interface GiftCardTenderHandler {
  /**
   * Inside the order's transaction: holds up to `dueFen` of the cards, in the order given, and returns what they
   * hold. Throws GIFT_CARD_NOT_USABLE for a card the caller may not use now. The held amounts are taken when the
   * order is paid and given back when it is cancelled or expires (`order.paid`, `order.cancelled` events).
   */
  hold(request: GiftCardHoldRequest): Promise<number>;
  /** Inside the refund's transaction: returns `amountFen` of what the order's cards paid to them, cards first-paid first. */
  refundToCards(orderId: string, amountFen: number, refundId: string, now: Date): Promise<void>;
  /**
   * Inside the refund's transaction of a `gift_card` order: takes back the cards that `refundedFen` (all its refunds
   * holding money, this one included) pays for. Throws GIFT_CARD_ORDER_NOT_REFUNDABLE unless that is whole cards
   * still untouched.
   */
  takeBackCards(orderId: string, refundedFen: number, refundId: string, now: Date): Promise<void>;
}

/** Port: how an order is paid (in part or whole) with gift cards. */
@Injectable()
export class GiftCardTender {
  private handler: GiftCardTenderHandler | null = null;

  use(handler: GiftCardTenderHandler): void {
    this.handler = handler;
  }

  hold(request: GiftCardHoldRequest): Promise<number> {
    return this.registered().hold(request);
  }

  refundToCards(orderId: string, amountFen: number, refundId: string, now: Date): Promise<void> {
    return this.registered().refundToCards(orderId, amountFen, refundId, now);
  }

  takeBackCards(orderId: string, refundedFen: number, refundId: string, now: Date): Promise<void> {
    return this.registered().takeBackCards(orderId, refundedFen, refundId, now);
  }

  private registered(): GiftCardTenderHandler {
    if (!this.handler) throw new Error('gift cards are not part of this application');
    return this.handler;
  }
}
