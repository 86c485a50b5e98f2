import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../../platform/database/column-types';
import type { LedgerKind } from '../domain/card-ledger';

/**
 * One change of a card's balance, signed (credits positive, debits negative), never updated or deleted (a trigger
 * refuses both). The merchant's liability report is sums over these rows. A negative `issue` row takes back a card
 * whose `gift_card` order was refunded (it names the order).
 */
@Entity({ name: 'gift_card_ledger' })
@Index('idx_gift_card_ledger_card', ['cardId', 'at', 'id'])
@Index('idx_gift_card_ledger_merchant', ['merchantId', 'kind'])
@Check(
  'chk_gift_card_ledger_sign',
  `("kind" IN ('issue', 'refund', 'gift_in') AND "amount_fen" > 0) OR ("kind" IN ('redeem', 'expire', 'gift_out') AND "amount_fen" < 0) OR ("kind" = 'issue' AND "amount_fen" < 0 AND "order_id" IS NOT NULL)`,
)
export class GiftCardLedgerEntry {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  cardId!: string;

  @Column({ type: 'uuid' })
  merchantId!: string;

  @Column({ type: 'text' })
  kind!: LedgerKind;

  @Column({ type: 'bigint', transformer: bigintNumber })
  amountFen!: number;

  @Column({ type: 'uuid', nullable: true })
  orderId!: string | null;

  /** What caused it: a refund id, a gift id, a code id; null when the order says it all. */
  @Column({ type: 'text', nullable: true })
  ref!: string | null;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
