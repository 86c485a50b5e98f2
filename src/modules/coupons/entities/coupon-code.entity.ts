import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type CouponCodeStatus = 'unused' | 'redeemed';

/**
 * A redeemable code of a `code` template, found by its SHA-256 digest; the code itself is kept only sealed
 * (encrypted, see CouponCodeSeal) so its merchant can list it.
 */
@Entity({ name: 'coupon_codes' })
@Index('idx_coupon_codes_template_list', ['templateId', 'createdAt', 'id'])
@Index('idx_coupon_codes_template_status_list', ['templateId', 'status', 'createdAt', 'id'])
export class CouponCode {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  templateId!: string;

  /** Hex SHA-256 of the normalized code. */
  @Column({ type: 'text', unique: true })
  codeDigest!: string;

  /** AES-256-GCM of the code (base64); null for codes made before codes were sealed. */
  @Column({ type: 'text', nullable: true })
  codeSealed!: string | null;

  @Column({ type: 'text' })
  status!: CouponCodeStatus;

  @Column({ type: 'uuid', nullable: true })
  couponId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  redeemedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  redeemedAt!: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
