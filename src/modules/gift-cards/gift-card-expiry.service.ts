import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { GiftCardBook } from './gift-card-book';
import { GiftCardsRepository } from './gift-cards.repository';

const BATCH = 100;

/**
 * Cards past their validity: the balance moves to `expired` (the merchant's breakage), one ledger row per card.
 * A card an order still holds waits for that order to be paid or to go (at most its payment window).
 */
@Injectable()
export class GiftCardExpiryService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly cards: GiftCardsRepository,
    private readonly book: GiftCardBook,
  ) {}

  /** Expires every card due now, a batch per transaction; returns how many. */
  async expireDue(): Promise<number> {
    let expired = 0;
    for (;;) {
      const now = this.clock.now();
      const batch = await this.db.transaction(async () => {
        const due = await this.cards.claimExpired(now, BATCH);
        for (const card of due) await this.book.move(card.id, { type: 'expire' }, { at: now });
        return due.length;
      });
      expired += batch;
      if (batch < BATCH) return expired;
    }
  }
}
