import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../../platform/database/column-types';

/**
 * A merchant's group-buy campaign. Its terms change only by the merchant's PATCH (free before the start, then only a
 * later end) and early end, each announced to every instance's cache through CampaignChanges.
 */
@Entity({ name: 'group_buy_campaigns' })
@Index('idx_group_buy_campaigns_merchant_list', ['merchantId', 'createdAt', 'id'])
@Check('chk_group_buy_campaigns_size', `"group_size" BETWEEN 2 AND 50`)
@Check(
  'chk_group_buy_campaigns_prices',
  `"group_price_fen" >= 1 AND ("leader_price_fen" IS NULL OR "leader_price_fen" <= "group_price_fen")`,
)
@Check('chk_group_buy_campaigns_window', `"starts_at" < "ends_at"`)
export class GroupBuyCampaign {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  merchantId!: string;

  @Column({ type: 'uuid' })
  productId!: string;

  /** The product's name when the campaign was created: what the shopper sees in WeChat Pay. */
  @Column({ type: 'text' })
  productName!: string;

  @Column({ type: 'bigint', transformer: bigintNumber })
  groupPriceFen!: number;

  @Column({ type: 'bigint', transformer: bigintNumber, nullable: true })
  leaderPriceFen!: number | null;

  @Column({ type: 'integer' })
  groupSize!: number;

  @Column({ type: 'integer' })
  completionWindowSeconds!: number;

  @Column({ type: 'integer' })
  paymentWindowSeconds!: number;

  @Column({ type: 'boolean' })
  virtualCompletion!: boolean;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  /** Set once, when the merchant ends it early: no room opens or is joined from then on. */
  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}
