import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../../platform/database/column-types';

/**
 * What a shopper owes a merchant from clawed-back rebates, deducted from their next rebates there. The row is the
 * lock two payouts take in turn, so a debt is never deducted twice; the rebates' `clawedBackFen` and `deductedFen`
 * are its ledger (owed = Σ clawed back − Σ deducted over the shopper's rebates of the merchant).
 */
@Entity({ name: 'rebate_debts' })
@Check('chk_rebate_debts_owed', `"owed_fen" >= 0`)
export class RebateDebt {
  @PrimaryColumn({ type: 'uuid' })
  shopperId!: string;

  @PrimaryColumn({ type: 'uuid' })
  merchantId!: string;

  @Column({ type: 'bigint', transformer: bigintNumber })
  owedFen!: number;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
