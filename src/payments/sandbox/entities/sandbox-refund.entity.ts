import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../../platform/database/column-types';
import type { RefundStatus } from '../../payment-gateway';

@Entity({ name: 'sandbox_refunds' })
@Index('idx_sandbox_refunds_trade', ['outTradeNo'])
export class SandboxRefund {
  @PrimaryColumn({ type: 'text' })
  outRefundNo!: string;

  @Column({ type: 'text', unique: true })
  refundId!: string;

  @Column({ type: 'text' })
  outTradeNo!: string;

  @Column({ type: 'bigint', transformer: bigintNumber })
  amountFen!: number;

  @Column({ type: 'bigint', transformer: bigintNumber })
  totalFen!: number;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text' })
  status!: RefundStatus;

  @Column({ type: 'timestamptz', nullable: true })
  successTime!: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
