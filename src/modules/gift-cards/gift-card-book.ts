import { Injectable } from '@nestjs/common';
import { Db } from '../../platform/database/db';
import { applyCardEvent, CardEvent, CardRuleError, issueCard } from './domain/card-ledger';
import { GiftCard } from './entities/gift-card.entity';
import { EntryFacts, GiftCardsRepository, stateOf } from './gift-cards.repository';

export interface NewCard {
  id: string;
  productId: string;
  merchantId: string;
  ownerId: string;
  faceValueFen: number;
  validUntil: Date;
  issueKey: string;
}

/**
 * The one way a card's balance changes (holds aside, see GiftCardsRepository.hold): the card is locked, the pure
 * ledger rules (domain/card-ledger.ts) make the move, and the card and its ledger rows are written together in the
 * current transaction.
 */
@Injectable()
export class GiftCardBook {
  constructor(
    private readonly db: Db,
    private readonly cards: GiftCardsRepository,
  ) {}

  /** Issues a card at its face value; null when its issue key was used already (the event repeated). */
  async issue(card: NewCard, facts: EntryFacts): Promise<GiftCard | null> {
    const issued = issueCard(card.faceValueFen);
    const row: GiftCard = {
      ...card,
      ...issued.card,
      giftedBy: null,
      message: null,
      createdAt: facts.at,
      updatedAt: facts.at,
    };
    return (await this.cards.issue(row, issued.entry, facts)) ? row : null;
  }

  /**
   * Applies one event to a card under its row lock; `set` adds columns that change with it (a new owner). Throws
   * CardRuleError when the rules refuse it, and for a card that does not exist.
   */
  move(
    cardId: string,
    event: CardEvent,
    facts: EntryFacts,
    set: Readonly<Record<string, unknown>> = {},
  ): Promise<GiftCard> {
    return this.db.transaction(async () => {
      const card = await this.cards.lock(cardId);
      if (!card) throw new CardRuleError(`no card ${cardId}`);
      const move = applyCardEvent(stateOf(card), event);
      // Under the row lock nobody moves it in between; the conditional write is the last line of defence.
      if (!(await this.cards.write(card, move, facts, set))) throw new Error(`card ${cardId} moved under its lock`);
      return { ...card, ...move.card, updatedAt: facts.at };
    });
  }
}
