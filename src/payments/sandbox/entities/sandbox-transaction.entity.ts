import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../../platform/database/column-types';
import type { TradeState } from '../../payment-gateway';

/** A JSAPI order as the provider keeps it. */
@Entity({ name: 'sandbox_transactions' })
export class SandboxTransaction {
  @PrimaryColumn({ type: 'text' })
  outTradeNo!: string;

  @Column({ type: 'text' })
  appid!: string;

  @Column({ type: 'text' })
  mchid!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'bigint', transformer: bigintNumber })
  amountFen!: number;

  @Column({ type: 'text' })
  payerOpenid!: string;

  @Column({ type: 'text', nullable: true })
  attach!: string | null;

  @Column({ type: 'timestamptz' })
  timeExpire!: Date;

  /** Hash of the creation parameters: a re-post must repeat them exactly. */
  @Column({ type: 'text' })
  requestFingerprint!: string;

  @Column({ type: 'text', unique: true })
  prepayId!: string;

  @Column({ type: 'text', nullable: true, unique: true })
  transactionId!: string | null;

  @Column({ type: 'text' })
  tradeState!: TradeState;

  @Column({ type: 'timestamptz', nullable: true })
  successTime!: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
