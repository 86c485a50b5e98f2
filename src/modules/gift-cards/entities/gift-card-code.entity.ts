import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type CardCodeStatus = 'unused' | 'redeemed';

/**
 * A card sold offline: its code and PIN are shown once when made and kept only as digests (the code's SHA-256 to
 * find it, an HMAC of code and PIN to check the PIN). Redeeming issues the card once.
 */
@Entity({ name: 'gift_card_codes' })
@Index('idx_gift_card_codes_product', ['productId'])
export class GiftCardCode {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  productId!: string;

  @Column({ type: 'uuid' })
  merchantId!: string;

  @Column({ type: 'text', unique: true })
  codeDigest!: string;

  @Column({ type: 'text' })
  pinDigest!: string;

  @Column({ type: 'text' })
  status!: CardCodeStatus;

  @Column({ type: 'uuid', nullable: true })
  cardId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  redeemedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  redeemedAt!: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
