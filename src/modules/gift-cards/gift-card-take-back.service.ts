import { Injectable } from '@nestjs/common';
import { OrderFactsService } from '../orders/order-facts.service';
import { CardRuleError } from './domain/card-ledger';
import { cardsToTakeBack, orderCardKeys } from './domain/order-cards';
import { GiftCard } from './entities/gift-card.entity';
import { GiftCardBook } from './gift-card-book';
import { GiftCardsRepository } from './gift-cards.repository';
import { giftCardOrderNotRefundable } from './gift-cards.errors';

/**
 * A refund of a `gift_card` order takes back the cards it pays for, in the refund's transaction: only whole cards,
 * and only cards still untouched (the buyer's, active, at face value, held by no order, not being given). Each
 * ends at balance 0, `expired`, by one `issue` row of minus its face value naming the order, so the liability
 * identity holds and the card is never usable again. Its rows are locked first: a card spent, held or given at
 * the same moment waits for the refund, or makes the refund wait and then refuse.
 */
@Injectable()
export class GiftCardTakeBackService {
  constructor(
    private readonly facts: OrderFactsService,
    private readonly cards: GiftCardsRepository,
    private readonly book: GiftCardBook,
  ) {}

  /** `refundedFen`: what all the order's refunds holding money ask back, this one included. */
  async takeBack(orderId: string, refundedFen: number, refundId: string, now: Date): Promise<void> {
    const order = await this.facts.facts(orderId);
    if (!order) throw new Error(`gift card order ${orderId} not found`);
    const cards = await this.cards.lockByIssueKeys(orderCardKeys(order));
    // Money that came too late to issue cards goes back on its own.
    if (cards.length === 0) return;
    // The purchase route makes one line, of one product at one price.
    const [{ unitPriceFen }] = order.lines;
    const due = cardsToTakeBack(refundedFen, unitPriceFen, await this.cards.countTakenBack(cards.map((c) => c.id)));
    if (due === null) {
      throw giftCardOrderNotRefundable(order.id, `a refund takes back whole cards of ${unitPriceFen} fen each`);
    }
    const untouched = cards.filter((card) => isUntouched(card, order.shopperId));
    if (due > untouched.length) {
      throw giftCardOrderNotRefundable(
        order.id,
        `${due} cards to take back, ${untouched.length} untouched (the buyer's, active, unspent, unheld)`,
      );
    }
    for (const card of untouched.slice(0, Math.max(due, 0))) {
      try {
        await this.book.move(
          card.id,
          { type: 'revoke', faceValueFen: card.faceValueFen },
          { orderId, ref: refundId, at: now },
        );
      } catch (error) {
        if (error instanceof CardRuleError) throw giftCardOrderNotRefundable(order.id, error.message);
        throw error;
      }
    }
  }
}

const isUntouched = (card: GiftCard, buyerId: string): boolean =>
  card.ownerId === buyerId && card.status === 'active' && card.heldFen === 0 && card.balanceFen === card.faceValueFen;
