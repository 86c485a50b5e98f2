import { Injectable } from '@nestjs/common';
import { notFound } from '../../platform/errors/domain-error';
import { isOpaqueId } from '../../platform/http/ids';
import { decodeCursor, Page, PageQuery, pageLimit, toPage } from '../../platform/http/pagination';
import { GiftCardDto, GiftCardWalletQuery, LedgerEntryDto } from './dto/gift-card.dto';
import { GiftCard } from './entities/gift-card.entity';
import { GiftCardsRepository } from './gift-cards.repository';

/** A shopper's cards and their ledgers; another shopper's card is 404 like one that does not exist. */
@Injectable()
export class GiftCardWalletService {
  constructor(private readonly cards: GiftCardsRepository) {}

  async list(ownerId: string, query: GiftCardWalletQuery): Promise<Page<GiftCardDto>> {
    const limit = pageLimit(query);
    const rows = await this.cards.listForOwner(ownerId, query.status, decodeCursor(query.cursor), limit + 1);
    return toPage(rows, limit, GiftCardDto.from);
  }

  async get(ownerId: string, cardId: string): Promise<GiftCardDto> {
    return GiftCardDto.from(await this.own(ownerId, cardId));
  }

  async transactions(ownerId: string, cardId: string, query: PageQuery): Promise<Page<LedgerEntryDto>> {
    const card = await this.own(ownerId, cardId);
    const limit = pageLimit(query);
    // Whoever got the card as a gift sees it from their claim on, not how the giver spent it.
    const since = card.giftedBy ? await this.cards.lastClaim(card.id) : null;
    const rows = await this.cards.entries(card.id, decodeCursor(query.cursor), limit + 1, since);
    // The ledger pages by (at, id), as lists of other things page by (createdAt, id).
    return toPage(
      rows.map((row) => ({ ...row, createdAt: row.at })),
      limit,
      LedgerEntryDto.from,
    );
  }

  private async own(ownerId: string, cardId: string): Promise<GiftCard> {
    const card = isOpaqueId(cardId) ? await this.cards.byId(cardId) : null;
    if (!card || card.ownerId !== ownerId) throw notFound('Gift card');
    return card;
  }
}
