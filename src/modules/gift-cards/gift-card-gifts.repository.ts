import { Injectable } from '@nestjs/common';
import { Db } from '../../platform/database/db';
import { GIFT_LIFECYCLE } from './domain/gift-status';
import { GiftCardGift } from './entities/gift-card-gift.entity';

/** Queries on gift_card_gifts; the only code that names the table. */
@Injectable()
export class GiftCardGiftsRepository {
  constructor(private readonly db: Db) {}

  async insert(gift: GiftCardGift): Promise<void> {
    await this.db.repo(GiftCardGift).insert({ ...gift });
  }

  /** The gift of a share token, locked for the rest of the current transaction. */
  lockByToken(shareToken: string): Promise<GiftCardGift | null> {
    return this.db
      .repo(GiftCardGift)
      .createQueryBuilder('g')
      .setLock('pessimistic_write')
      .where({ shareToken })
      .getOne();
  }

  /** Moves a pending gift to `claimed` or `returned`; false when it had moved already. */
  async settle(id: string, to: 'claimed' | 'returned', at: Date, claimedBy: string | null = null): Promise<boolean> {
    const moved = await GIFT_LIFECYCLE.move(this.db, {
      to,
      where: { id },
      set: { settled_at: at, claimed_by: claimedBy },
    });
    return moved.length > 0;
  }

  /** Pending gifts past their deadline, locked (other instances skip them). */
  claimUnclaimed(now: Date, limit: number): Promise<GiftCardGift[]> {
    return this.db
      .repo(GiftCardGift)
      .createQueryBuilder('g')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where(`g.status = 'pending' AND g.expires_at <= :now`, { now })
      .orderBy('g.expires_at')
      .take(limit)
      .getMany();
  }
}
