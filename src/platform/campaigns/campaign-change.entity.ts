import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One edit or early end of a campaign, for the other instances' caches. Rows are written one at a time under an
 * advisory lock, so `seq` grows in commit order and a reader that remembers the last `seq` it saw misses none.
 */
@Entity({ name: 'campaign_changes' })
@Index('idx_campaign_changes_changed_at', ['changedAt'])
export class CampaignChange {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq!: string;

  /** `coupon-templates`, `group-buys`, `lucky-draws`, `rebate-rules`, `flash-sales`. */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'uuid' })
  campaignId!: string;

  @Column({ type: 'timestamptz' })
  changedAt!: Date;
}
