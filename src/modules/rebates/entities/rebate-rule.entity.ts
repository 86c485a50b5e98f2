import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../../platform/database/column-types';
import type { RebateKind } from '../domain/rebate-amount';

/**
 * A merchant's rebate rule. Its terms change only by the merchant's PATCH (free before the start; then the name and
 * a later end) and early end. Rebates already earned keep the amount their rule gives when they are paid.
 */
@Entity({ name: 'rebate_rules' })
@Index('idx_rebate_rules_merchant_window', ['merchantId', 'startsAt'])
@Index('idx_rebate_rules_merchant_list', ['merchantId', 'createdAt', 'id'])
export class RebateRule {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  merchantId!: string;

  @Column({ type: 'text' })
  name!: string;

  /** null: every product of the merchant. */
  @Column({ type: 'uuid', array: true, nullable: true })
  productIds!: string[] | null;

  @Column({ type: 'bigint', transformer: bigintNumber })
  minOrderFen!: number;

  @Column({ type: 'text' })
  kind!: RebateKind;

  @Column({ type: 'bigint', transformer: bigintNumber, nullable: true })
  valueFen!: number | null;

  @Column({ type: 'integer', nullable: true })
  percent!: number | null;

  @Column({ type: 'bigint', transformer: bigintNumber, nullable: true })
  maxRebateFen!: number | null;

  @Column({ type: 'integer' })
  delaySeconds!: number;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  /** Set once, when the merchant ends it early: orders paid from then on earn nothing under it. */
  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}
