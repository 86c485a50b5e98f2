import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { forbidden, notFound } from '../../platform/errors/domain-error';
import { isOpaqueId } from '../../platform/http/ids';
import { CardRuleError } from './domain/card-ledger';
import { GIFT_WINDOW_MS, isGiftTokenShaped, newGiftToken } from './domain/gift-status';
import { GiftCardDto, GiftOfferDto } from './dto/gift-card.dto';
import { GiftCardBook } from './gift-card-book';
import { GiftCardGiftsRepository } from './gift-card-gifts.repository';
import { GiftCardsRepository } from './gift-cards.repository';
import { giftCardAlreadyClaimed, giftCardNotUsable } from './gift-cards.errors';

/** Gifts per transaction of the return job. */
const BATCH = 100;

/**
 * Giving a card to a friend through a share token: the card is `gifting` (nobody can spend it) until the friend
 * claims it, once, or until its deadline passes and it returns to the giver. Deadlines are exact: a claim after
 * it is refused whether or not the return job has run.
 */
@Injectable()
export class GiftCardGiftingService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly cards: GiftCardsRepository,
    private readonly gifts: GiftCardGiftsRepository,
    private readonly book: GiftCardBook,
  ) {}

  async give(giverId: string, cardId: string, message: string | null): Promise<GiftOfferDto> {
    const now = this.clock.now();
    return this.db.transaction(async () => {
      const card = isOpaqueId(cardId) ? await this.cards.lock(cardId) : null;
      if (!card || card.ownerId !== giverId) throw notFound('Gift card');
      if (card.validUntil <= now) throw giftCardNotUsable(card.id, 'the card has expired');
      await this.ruled(card.id, () => this.book.move(card.id, { type: 'gift' }, { at: now }));
      const offer = { shareToken: newGiftToken(), expiresAt: new Date(now.getTime() + GIFT_WINDOW_MS) };
      await this.gifts.insert({
        id: randomUUID(),
        cardId: card.id,
        giverId,
        ...offer,
        message,
        status: 'pending',
        claimedBy: null,
        settledAt: null,
        createdAt: now,
      });
      return { shareToken: offer.shareToken, expiresAt: offer.expiresAt.toISOString() };
    });
  }

  async claim(claimerId: string, shareToken: string): Promise<GiftCardDto> {
    const now = this.clock.now();
    return this.db.transaction(async () => {
      const gift = isGiftTokenShaped(shareToken) ? await this.gifts.lockByToken(shareToken) : null;
      if (!gift) throw notFound('Gift');
      if (gift.status === 'claimed') throw giftCardAlreadyClaimed();
      if (gift.giverId === claimerId) throw forbidden('The giver cannot claim their own gift');
      if (gift.status === 'returned' || now >= gift.expiresAt) {
        throw giftCardNotUsable(gift.cardId, 'the gift expired unclaimed and went back to its giver');
      }
      // A card past its validity is breakage, whether or not the expiry job has run: the gift stays pending, to
      // return to its giver (or end with the expired card).
      const given = await this.cards.lock(gift.cardId);
      if (given && given.validUntil <= now) throw giftCardNotUsable(gift.cardId, 'the card has expired');
      await this.gifts.settle(gift.id, 'claimed', now, claimerId);
      const card = await this.ruled(gift.cardId, () =>
        this.book.move(
          gift.cardId,
          { type: 'claim' },
          { ref: gift.id, at: now },
          { owner_id: claimerId, gifted_by: gift.giverId, message: gift.message },
        ),
      );
      return GiftCardDto.from({ ...card, ownerId: claimerId, giftedBy: gift.giverId, message: gift.message });
    });
  }

  /** Gives every gift unclaimed past its deadline back to its giver; returns how many. */
  async returnUnclaimed(): Promise<number> {
    let returned = 0;
    for (;;) {
      const now = this.clock.now();
      const batch = await this.db.transaction(async () => {
        const due = await this.gifts.claimUnclaimed(now, BATCH);
        for (const gift of due) {
          await this.gifts.settle(gift.id, 'returned', now);
          // A card that expired meanwhile stays expired; its gift simply ends.
          const card = await this.cards.lock(gift.cardId);
          if (card?.status === 'gifting') await this.book.move(card.id, { type: 'return' }, { ref: gift.id, at: now });
        }
        return due.length;
      });
      returned += batch;
      if (batch < BATCH) return returned;
    }
  }

  /** A move the ledger rules refuse is the card not being usable for it. */
  private async ruled<T>(cardId: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof CardRuleError) throw giftCardNotUsable(cardId, error.message);
      throw error;
    }
  }
}
