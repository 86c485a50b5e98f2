import { Injectable } from '@nestjs/common';
import { Liability, liabilityOf } from './domain/liability';
import { GiftCardsRepository } from './gift-cards.repository';

/** The merchant's gift card liability: what cards hold, and how it came to be, summed over the ledger when read. */
@Injectable()
export class GiftCardLiabilityService {
  constructor(private readonly cards: GiftCardsRepository) {}

  async report(merchantId: string): Promise<Liability> {
    return liabilityOf(await this.cards.sumsByKind(merchantId));
  }
}
