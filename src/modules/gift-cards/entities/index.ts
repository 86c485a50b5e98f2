import { GiftCardCode } from './gift-card-code.entity';
import { GiftCardGift } from './gift-card-gift.entity';
import { GiftCardHold } from './gift-card-hold.entity';
import { GiftCardLedgerEntry } from './gift-card-ledger-entry.entity';
import { GiftCardProduct } from './gift-card-product.entity';
import { GiftCard } from './gift-card.entity';

export const GIFT_CARD_ENTITIES = [
  GiftCardProduct,
  GiftCard,
  GiftCardLedgerEntry,
  GiftCardHold,
  GiftCardGift,
  GiftCardCode,
];
