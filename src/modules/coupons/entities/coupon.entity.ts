import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../../platform/database/column-types';
import type { CouponStatus } from '../domain/coupon-status';

export type CouponSource = 'claim' | 'code' | 'prize';

/** A coupon in a shopper's wallet. `status` moves only by conditional UPDATEs naming the state they leave. */
@Entity({ name: 'coupons' })
@Index('idx_coupons_shopper_list', ['shopperId', 'createdAt', 'id'])
@Index('idx_coupons_template', ['templateId'])
@Index('idx_coupons_template_claims', ['templateId', 'createdAt'])
@Index('idx_coupons_template_used', ['templateId', 'usedAt'], { where: `used_at IS NOT NULL` })
@Index('idx_coupons_source_used', ['sourceRef', 'usedAt'], { where: `source_ref IS NOT NULL AND used_at IS NOT NULL` })
export class Coupon {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  templateId!: string;

  @Column({ type: 'uuid' })
  merchantId!: string;

  @Column({ type: 'uuid' })
  shopperId!: string;

  /** Stored: available | locked | used | expired. An available one past validUntil reads expired. */
  @Column({ type: 'text' })
  status!: CouponStatus;

  @Column({ type: 'text' })
  source!: CouponSource;

  /** Prize coupons: the caller's key (one coupon per key, ever). */
  @Column({ type: 'text', nullable: true, unique: true })
  businessKey!: string | null;

  @Column({ type: 'timestamptz' })
  validFrom!: Date;

  @Column({ type: 'timestamptz' })
  validUntil!: Date;

  /** The order holding (locked) or that used it. */
  @Column({ type: 'uuid', nullable: true })
  orderId!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  /** The campaign that gave it out, for that campaign's timeline (`lucky-draw:<id>` for a draw's prize). */
  @Column({ type: 'text', nullable: true })
  sourceRef!: string | null;

  /** What it takes off the order holding it, and that order's list price: set when an order locks it. */
  @Column({ type: 'bigint', transformer: bigintNumber, nullable: true })
  discountFen!: number | null;

  @Column({ type: 'bigint', transformer: bigintNumber, nullable: true })
  orderSubtotalFen!: number | null;
}
