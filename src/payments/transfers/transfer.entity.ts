import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../platform/database/column-types';

export type TransferStatus = 'processing' | 'succeeded' | 'failed';
export type TransferReason = 'rebate' | 'prize';

/** Money paid into a shopper's WeChat balance, once per business event. */
@Entity({ name: 'transfers' })
@Index('idx_transfers_shopper_list', ['shopperId', 'createdAt', 'id'])
@Index('idx_transfers_processing', ['reconcileAfter'], { where: `status = 'processing'` })
export class Transfer {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  shopperId!: string;

  /** Whose campaign pays it (its webhooks report it); null for transfers requested before this was kept. */
  @Column({ type: 'uuid', nullable: true })
  merchantId!: string | null;

  @Column({ type: 'text' })
  openid!: string;

  /** The event this pays for (`rebate:<id>`, `prize:<drawId>`): one transfer per key, ever. */
  @Column({ type: 'text', unique: true })
  businessKey!: string;

  /** Derived from the business key, so a retry never pays twice. */
  @Column({ type: 'text', unique: true })
  outBillNo!: string;

  @Column({ type: 'bigint', transformer: bigintNumber })
  amountFen!: number;

  @Column({ type: 'text' })
  reason!: TransferReason;

  @Column({ type: 'text' })
  remark!: string;

  @Column({ type: 'text' })
  status!: TransferStatus;

  @Column({ type: 'text', nullable: true })
  transferBillNo!: string | null;

  @Column({ type: 'text', nullable: true })
  failReason!: string | null;

  @Column({ type: 'timestamptz' })
  reconcileAfter!: Date;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  settledAt!: Date | null;
}
