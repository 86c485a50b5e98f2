import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../../platform/database/column-types';
import type { HoldStatus } from '../domain/hold-status';

/** What an order holds (then took) of one card, and how much of that has been refunded to it. */
@Entity({ name: 'gift_card_holds' })
@Index('idx_gift_card_holds_card', ['cardId'])
@Check('chk_gift_card_holds_amounts', `"amount_fen" > 0 AND "refunded_fen" BETWEEN 0 AND "amount_fen"`)
export class GiftCardHold {
  @PrimaryColumn({ type: 'uuid' })
  orderId!: string;

  @PrimaryColumn({ type: 'uuid' })
  cardId!: string;

  /** The card's place in the order's giftCardIds: refunds go back in this order. */
  @Column({ type: 'smallint' })
  position!: number;

  @Column({ type: 'uuid' })
  merchantId!: string;

  @Column({ type: 'bigint', transformer: bigintNumber })
  amountFen!: number;

  @Column({ type: 'text' })
  status!: HoldStatus;

  @Column({ type: 'bigint', transformer: bigintNumber, default: 0 })
  refundedFen!: number;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  settledAt!: Date | null;
}
