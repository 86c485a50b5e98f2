import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../../platform/database/column-types';
import type { PrizeKind } from '../domain/campaign-rules';

/**
 * One prize of a campaign, in its published order (`position`). `awarded` is the record behind a limited
 * `stock`, moved only by a guarded UPDATE; the CHECK is the last line of defence. Unlimited prizes keep 0.
 */
@Entity({ name: 'lucky_draw_prizes' })
@Index('idx_lucky_draw_prizes_campaign', ['campaignId', 'position'], { unique: true })
@Check('chk_lucky_draw_prizes_awarded', `"awarded" >= 0 AND ("stock" IS NULL OR "awarded" <= "stock")`)
export class LuckyDrawPrize {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  campaignId!: string;

  @Column({ type: 'smallint' })
  position!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: PrizeKind;

  @Column({ type: 'integer' })
  weight!: number;

  @Column({ type: 'integer', nullable: true })
  stock!: number | null;

  @Column({ type: 'integer', default: 0 })
  awarded!: number;

  @Column({ type: 'uuid', nullable: true })
  couponTemplateId!: string | null;

  @Column({ type: 'bigint', transformer: bigintNumber, nullable: true })
  cashFen!: number | null;
}
