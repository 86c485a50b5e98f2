import { Injectable, OnModuleInit } from '@nestjs/common';
import { TransactionEvents } from '../../platform/events/transaction-events';
import { GiftCardHoldRequest, GiftCardTender, GiftCardTenderHandler } from '../orders/gift-card-tender';
import { ORDER_CANCELLED, ORDER_PAID, OrderEvent } from '../orders/order-transitions';
import { WebhookEvents } from '../webhooks/webhook-events.service';
import { Clock } from '../../platform/clock/clock';
import { splitRefund } from './domain/card-allocation';
import { GiftCard } from './entities/gift-card.entity';
import { GiftCardBook } from './gift-card-book';
import { GiftCardHoldsRepository } from './gift-card-holds.repository';
import { GiftCardTakeBackService } from './gift-card-take-back.service';
import { GiftCardsRepository } from './gift-cards.repository';
import { giftCardNotUsable } from './gift-cards.errors';

/**
 * Gift cards as a way to pay orders, each step in the order's own transaction: placing it holds the cards (a
 * conditional UPDATE per card that no other order holds, never more than its balance), paying it takes what they
 * hold (ledger `redeem` rows), cancelling or expiring it gives the holds back, and refunds credit the cards first
 * (ledger `refund` rows). The later moves are conditional on the hold's own state, so a repeated event changes
 * nothing.
 */
@Injectable()
export class GiftCardTenderService implements GiftCardTenderHandler, OnModuleInit {
  constructor(
    private readonly clock: Clock,
    private readonly tender: GiftCardTender,
    private readonly events: TransactionEvents,
    private readonly cards: GiftCardsRepository,
    private readonly holds: GiftCardHoldsRepository,
    private readonly book: GiftCardBook,
    private readonly webhooks: WebhookEvents,
    private readonly takeBacks: GiftCardTakeBackService,
  ) {}

  onModuleInit(): void {
    this.tender.use(this);
    this.events.on<OrderEvent>(ORDER_PAID, 'gift-cards.take', (order) => this.take(order));
    this.events.on<OrderEvent>(ORDER_CANCELLED, 'gift-cards.release', (order) => this.release(order));
  }

  async hold(request: GiftCardHoldRequest): Promise<number> {
    let dueFen = request.dueFen;
    for (const [position, cardId] of request.cardIds.entries()) {
      if (dueFen === 0) break;
      const amountFen = await this.holdOne(cardId, request, dueFen);
      await this.holds.insert({
        orderId: request.orderId,
        cardId,
        position,
        merchantId: request.merchantId,
        amountFen,
        status: 'held',
        refundedFen: 0,
        createdAt: request.now,
        settledAt: null,
      });
      dueFen -= amountFen;
    }
    return request.dueFen - dueFen;
  }

  async refundToCards(orderId: string, amountFen: number, refundId: string, now: Date): Promise<void> {
    const taken = (await this.holds.ofOrder(orderId)).filter((hold) => hold.status === 'taken');
    const split = splitRefund(
      taken.map((hold) => ({ cardId: hold.cardId, takenFen: hold.amountFen, refundedFen: hold.refundedFen })),
      amountFen,
    );
    if (split.toGatewayFen > 0) throw new Error(`order ${orderId}: its cards paid less than ${amountFen} to refund`);
    for (const back of split.toCards) {
      if (!(await this.holds.addRefunded(orderId, back.cardId, back.amountFen))) {
        throw new Error(`order ${orderId}: card ${back.cardId} would get back more than it paid`);
      }
      await this.book.move(
        back.cardId,
        { type: 'refund', amountFen: back.amountFen },
        { orderId, ref: refundId, at: now },
      );
    }
  }

  takeBackCards(orderId: string, refundedFen: number, refundId: string, now: Date): Promise<void> {
    return this.takeBacks.takeBack(orderId, refundedFen, refundId, now);
  }

  /** Holds what this card can pay of `dueFen` (one conditional UPDATE); refuses a card the caller may not use now. */
  private async holdOne(cardId: string, request: GiftCardHoldRequest, dueFen: number): Promise<number> {
    const owner = { ownerId: request.shopperId, merchantId: request.merchantId };
    const heldFen = await this.cards.hold(cardId, owner, dueFen, request.now);
    if (heldFen !== null) return heldFen;
    const card = await this.cards.byId(cardId);
    throw giftCardNotUsable(cardId, card ? whyNotUsable(card, request) : 'not found');
  }

  private async take(order: OrderEvent): Promise<void> {
    if (order.giftCardFen === 0) return;
    const now = this.clock.now();
    const taken: Array<{ cardId: string; amountFen: number; balanceFen: number }> = [];
    for (const hold of await this.holds.ofOrder(order.orderId)) {
      if (!(await this.holds.settle(hold.orderId, hold.cardId, 'taken', now))) continue;
      const card = await this.book.move(
        hold.cardId,
        { type: 'take', amountFen: hold.amountFen },
        { orderId: order.orderId, at: now },
      );
      taken.push({ cardId: card.id, amountFen: hold.amountFen, balanceFen: card.balanceFen });
    }
    if (taken.length === 0) return;
    await this.webhooks.record(order.merchantId, 'gift_card.redeemed', {
      orderId: order.orderId,
      shopperId: order.shopperId,
      amountFen: taken.reduce((sum, card) => sum + card.amountFen, 0),
      cards: taken,
    });
  }

  private async release(order: OrderEvent): Promise<void> {
    if (order.giftCardFen === 0) return;
    const now = this.clock.now();
    for (const hold of await this.holds.ofOrder(order.orderId)) {
      if (!(await this.holds.settle(hold.orderId, hold.cardId, 'released', now))) continue;
      await this.book.move(
        hold.cardId,
        { type: 'release', amountFen: hold.amountFen },
        { orderId: order.orderId, at: now },
      );
    }
  }
}

/** Why the shopper may not pay this order with a card the hold refused (API.md: GIFT_CARD_NOT_USABLE). */
function whyNotUsable(card: GiftCard, request: GiftCardHoldRequest): string {
  // Another shopper's card is refused like one that does not exist.
  if (card.ownerId !== request.shopperId) return 'not found';
  if (card.merchantId !== request.merchantId) return "not this order's merchant";
  if (card.status !== 'active') return `the card is ${card.status}`;
  if (card.validUntil <= request.now) return 'the card has expired';
  return 'another order holds it';
}
