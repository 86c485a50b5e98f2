import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../platform/database/column-types';
import type { RefundRowStatus } from './domain/refund-lifecycle';

export type { RefundRowStatus };

/** `merchant`: asked for by the merchant; `late_payment`: money that arrived for an order already cancelled. */
export type RefundCause = 'merchant' | 'late_payment' | 'system';

@Entity({ name: 'order_refunds' })
@Index('idx_order_refunds_order', ['orderId'])
// The merchant dashboard sums the refunds that succeeded in a range.
@Index('idx_order_refunds_merchant_succeeded', ['merchantId', 'settledAt'], { where: `status = 'succeeded'` })
@Index('idx_order_refunds_processing', ['reconcileAfter'], { where: `status = 'processing'` })
export class OrderRefund {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  orderId!: string;

  @Column({ type: 'uuid' })
  merchantId!: string;

  @Column({ type: 'text', unique: true })
  outRefundNo!: string;

  /** Set when one business event may cause this refund only once (a late payment, a failed group room). */
  @Column({ type: 'text', nullable: true, unique: true })
  businessKey!: string | null;

  @Column({ type: 'text' })
  cause!: RefundCause;

  @Column({ type: 'bigint', transformer: bigintNumber })
  amountFen!: number;

  /** The part of amountFen returned to the order's gift cards when it was asked for; the provider refunds the rest. */
  @Column({ type: 'bigint', transformer: bigintNumber, default: 0 })
  giftCardFen!: number;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text' })
  status!: RefundRowStatus;

  @Column({ type: 'text', nullable: true })
  refundId!: string | null;

  @Column({ type: 'text', nullable: true })
  failReason!: string | null;

  @Column({ type: 'timestamptz' })
  reconcileAfter!: Date;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  settledAt!: Date | null;
}
