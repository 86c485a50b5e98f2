import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { GiftStatus } from '../domain/gift-status';

/** A card offered through a share token: at most one pending gift per card. */
@Entity({ name: 'gift_card_gifts' })
@Index('uq_gift_card_gifts_pending_card', ['cardId'], { unique: true, where: `status = 'pending'` })
@Index('idx_gift_card_gifts_pending_due', ['expiresAt'], { where: `status = 'pending'` })
export class GiftCardGift {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  cardId!: string;

  @Column({ type: 'uuid' })
  giverId!: string;

  @Column({ type: 'text', unique: true })
  shareToken!: string;

  @Column({ type: 'text', nullable: true })
  message!: string | null;

  @Column({ type: 'text' })
  status!: GiftStatus;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  claimedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  settledAt!: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
