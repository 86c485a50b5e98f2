import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type CouponCodeStatus = 'unused' | 'redeemed';

/** A redeemable code of a `code` template, kept only as its SHA-256 digest. */
@Entity({ name: 'coupon_codes' })
@Index('idx_coupon_codes_template', ['templateId'])
export class CouponCode {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  templateId!: string;

  /** Hex SHA-256 of the normalized code. */
  @Column({ type: 'text', unique: true })
  codeDigest!: string;

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
