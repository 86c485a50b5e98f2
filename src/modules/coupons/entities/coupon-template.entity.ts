import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../../platform/database/column-types';
import type { CouponType, Distribution } from '../domain/coupon-terms';

/**
 * A merchant's coupon template. Its definition changes only through the merchant's PATCH and end (announced to
 * every instance's cache by CampaignChanges); `issued` and `used` are the record's counters, moved only by
 * guarded conditional UPDATEs (the CHECKs are the last line of defence).
 */
@Entity({ name: 'coupon_templates' })
@Index('idx_coupon_templates_merchant_list', ['merchantId', 'createdAt', 'id'])
@Index('idx_coupon_templates_public_list', ['createdAt', 'id'], { where: `distribution = 'public'` })
@Check('chk_coupon_templates_issued', `"issued" >= 0 AND "issued" <= "total_quantity"`)
@Check('chk_coupon_templates_used', `"used" >= 0 AND "used" <= "issued"`)
export class CouponTemplate {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  merchantId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  type!: CouponType;

  @Column({ type: 'bigint', transformer: bigintNumber, nullable: true })
  valueFen!: number | null;

  @Column({ type: 'integer', nullable: true })
  percentOff!: number | null;

  @Column({ type: 'bigint', transformer: bigintNumber, nullable: true })
  maxDiscountFen!: number | null;

  @Column({ type: 'bigint', transformer: bigintNumber })
  minSpendFen!: number;

  @Column({ type: 'text' })
  distribution!: Distribution;

  @Column({ type: 'integer' })
  totalQuantity!: number;

  @Column({ type: 'integer' })
  perUserLimit!: number;

  @Column({ type: 'timestamptz' })
  claimStartsAt!: Date;

  @Column({ type: 'timestamptz' })
  claimEndsAt!: Date;

  @Column({ type: 'text' })
  validityType!: 'absolute' | 'relative';

  @Column({ type: 'timestamptz', nullable: true })
  validStartsAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  validEndsAt!: Date | null;

  @Column({ type: 'integer', nullable: true })
  validDays!: number | null;

  /** null: every product of the merchant. */
  @Column({ type: 'uuid', array: true, nullable: true })
  productIds!: string[] | null;

  /** Coupons issued so far (claims, codes, prizes): never above totalQuantity. */
  @Column({ type: 'integer', default: 0 })
  issued!: number;

  /** Coupons of this template used by a paid order. */
  @Column({ type: 'integer', default: 0 })
  used!: number;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  /** Set once, when the merchant ends claims early; nothing is issued from then on. */
  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  /**
   * Generation of the Redis claim gate's keys, bumped by every rebuild (claims/claim-gate-rebuilder.ts): a claim the
   * gate accepted under an older generation was not counted by the rebuild, so it is never written.
   */
  @Column({ type: 'integer', default: 0 })
  redisEpoch!: number;
}

/** A template's terms without its counters: instances keep it in memory until CampaignChanges says it changed. */
export type TemplateDefinition = Omit<CouponTemplate, 'issued' | 'used' | 'redisEpoch'>;
