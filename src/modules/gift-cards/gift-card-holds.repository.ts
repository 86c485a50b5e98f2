import { Injectable } from '@nestjs/common';
import { Db } from '../../platform/database/db';
import { HOLD_LIFECYCLE } from './domain/hold-status';
import { GiftCardHold } from './entities/gift-card-hold.entity';

/** Queries on gift_card_holds; the only code that names the table. */
@Injectable()
export class GiftCardHoldsRepository {
  constructor(private readonly db: Db) {}

  async insert(hold: GiftCardHold): Promise<void> {
    await this.db.repo(GiftCardHold).insert({ ...hold });
  }

  /** The order's holds in the order its cards were given. */
  ofOrder(orderId: string): Promise<GiftCardHold[]> {
    return this.db.repo(GiftCardHold).find({ where: { orderId }, order: { position: 'ASC' } });
  }

  /** Moves a hold out of `held`; false when it had moved already (a repeated event). */
  async settle(orderId: string, cardId: string, to: 'taken' | 'released', at: Date): Promise<boolean> {
    const moved = await HOLD_LIFECYCLE.move(this.db, {
      to,
      where: { order_id: orderId, card_id: cardId },
      returning: 'card_id',
      set: { settled_at: at },
    });
    return moved.length > 0;
  }

  /** Counts a refund to the card of a taken hold; false when it would pass what the card paid. */
  async addRefunded(orderId: string, cardId: string, amountFen: number): Promise<boolean> {
    const moved = await this.db.query(
      `UPDATE gift_card_holds SET refunded_fen = refunded_fen + $3
       WHERE order_id = $1 AND card_id = $2 AND status = 'taken' AND refunded_fen + $3 <= amount_fen RETURNING card_id`,
      [orderId, cardId, amountFen],
    );
    return moved.length > 0;
  }
}
