import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../../platform/database/column-types';
import type { TransferState } from '../../payment-gateway';

@Entity({ name: 'sandbox_transfers' })
export class SandboxTransfer {
  @PrimaryColumn({ type: 'text' })
  outBillNo!: string;

  @Column({ type: 'text', unique: true })
  transferBillNo!: string;

  @Column({ type: 'text' })
  openid!: string;

  @Column({ type: 'bigint', transformer: bigintNumber })
  amountFen!: number;

  @Column({ type: 'text' })
  remark!: string;

  @Column({ type: 'text' })
  state!: TransferState;

  @Column({ type: 'text', nullable: true })
  failReason!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
