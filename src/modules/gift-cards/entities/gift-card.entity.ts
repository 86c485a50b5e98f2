import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../../platform/database/column-types';
import type { CardStatus } from '../domain/card-ledger';

/**
 * A card. `balanceFen` is always the sum of its ledger rows (written in the same transaction); `heldFen` is what
 * orders awaiting payment hold of it. The CHECKs are the last line of defence: no concurrency can take a balance
 * below zero or hold more than it.
 */
@Entity({ name: 'gift_cards' })
@Index('idx_gift_cards_owner_list', ['ownerId', 'createdAt', 'id'])
@Index('idx_gift_cards_product', ['productId'])
@Index('idx_gift_cards_live_expiry', ['validUntil'], { where: `status <> 'expired'` })
@Check('chk_gift_cards_balance', `"balance_fen" >= 0 AND "held_fen" >= 0 AND "held_fen" <= "balance_fen"`)
export class GiftCard {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  productId!: string;

  @Column({ type: 'uuid' })
  merchantId!: string;

  @Column({ type: 'uuid' })
  ownerId!: string;

  @Column({ type: 'text' })
  status!: CardStatus;

  @Column({ type: 'bigint', transformer: bigintNumber })
  faceValueFen!: number;

  @Column({ type: 'bigint', transformer: bigintNumber })
  balanceFen!: number;

  @Column({ type: 'bigint', transformer: bigintNumber, default: 0 })
  heldFen!: number;

  @Column({ type: 'timestamptz' })
  validUntil!: Date;

  /** Who gave it to its owner, with their message; null for a card its owner bought or redeemed. */
  @Column({ type: 'uuid', nullable: true })
  giftedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  message!: string | null;

  /** The event that issued it (`order:<id>:<n>`, `code:<id>`): a card is issued once per event, whatever repeats. */
  @Column({ type: 'text', unique: true })
  issueKey!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
