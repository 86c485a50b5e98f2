import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../../platform/database/column-types';

export type RebateStatus = 'pending' | 'paid' | 'cancelled' | 'clawed_back';

/**
 * What one paid order earned under one rule (unique per order and rule). `pending` until `dueAt`, then `paid`
 * (its transfer requested) or `cancelled` (refunded in the meantime); `clawed_back` when refunded after it was
 * paid. Every move names the state it leaves.
 */
@Entity({ name: 'rebates' })
@Index('uq_rebates_order_rule', ['orderId', 'ruleId'], { unique: true })
@Index('idx_rebates_shopper_list', ['shopperId', 'createdAt', 'id'])
@Index('idx_rebates_pending_attempt', ['nextAttemptAt'], { where: `status = 'pending'` })
@Index('idx_rebates_rule_earned', ['ruleId', 'createdAt'])
@Index('idx_rebates_rule_paid', ['ruleId', 'paidAt'], { where: `paid_at IS NOT NULL` })
// The merchant dashboard sums the rebates paid in a range.
@Index('idx_rebates_merchant_paid', ['merchantId', 'paidAt'], { where: `paid_at IS NOT NULL` })
@Check('chk_rebates_amount', `"amount_fen" >= 0`)
@Check('chk_rebates_deducted', `"deducted_fen" BETWEEN 0 AND "amount_fen"`)
@Check('chk_rebates_clawed_back', `"clawed_back_fen" BETWEEN 0 AND "amount_fen"`)
export class Rebate {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  ruleId!: string;

  @Column({ type: 'uuid' })
  orderId!: string;

  @Column({ type: 'uuid' })
  shopperId!: string;

  @Column({ type: 'text' })
  openid!: string;

  @Column({ type: 'uuid' })
  merchantId!: string;

  @Column({ type: 'bigint', transformer: bigintNumber })
  amountFen!: number;

  @Column({ type: 'text' })
  status!: RebateStatus;

  /** When it may be paid: its order's payment + the rule's delaySeconds. Set once, never moved. */
  @Column({ type: 'timestamptz' })
  dueAt!: Date;

  /** When the pay job next looks at it: `dueAt`, pushed forward while a job holds it or a refund is in flight. */
  @Column({ type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  transferId!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;

  /** The order's total when it earned the rebate: the rule's timeline sums it without reading orders. */
  @Column({ type: 'bigint', transformer: bigintNumber, nullable: true })
  orderTotalFen!: number | null;

  /** When it moved to `paid` (its transfer requested). */
  @Column({ type: 'timestamptz', nullable: true })
  paidAt!: Date | null;

  /** The part of the paid amount that went to the shopper's debt at the merchant; its transfer paid the rest. */
  @Column({ type: 'bigint', transformer: bigintNumber, default: 0 })
  deductedFen!: number;

  /** Clawed back of the paid amount by refunds of its order (added to the shopper's debt at the merchant). */
  @Column({ type: 'bigint', transformer: bigintNumber, default: 0 })
  clawedBackFen!: number;

  /** When a refund first clawed it back. */
  @Column({ type: 'timestamptz', nullable: true })
  clawedBackAt!: Date | null;
}
