import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PrizeKind } from '../domain/campaign-rules';
import type { FulfilmentStatus } from '../domain/fulfilment-lifecycle';

export type IssueStatus = 'none' | 'pending' | 'issued' | 'failed';

/**
 * One draw: its proof (`id` is the HMAC message, `random` the HMAC), the prize its ticket picked and what it
 * gave (`prizeId` null when the picked prize had no stock left: a miss), and what was issued for it.
 */
@Entity({ name: 'lucky_draw_entries' })
@Index('idx_lucky_draw_entries_shopper', ['campaignId', 'shopperId', 'createdAt'])
@Index('idx_lucky_draw_entries_campaign_time', ['campaignId', 'createdAt'])
@Index('idx_lucky_draw_entries_items', ['campaignId', 'createdAt'], { where: `kind = 'item'` })
// The merchant's fulfilment list by keyset, all of a campaign's item prizes or those in one status.
@Index('idx_lucky_draw_entries_fulfilment_list', ['campaignId', 'createdAt', 'id'], { where: `kind = 'item'` })
@Index('idx_lucky_draw_entries_fulfilment_status_list', ['campaignId', 'fulfilmentStatus', 'createdAt', 'id'], {
  where: `kind = 'item'`,
})
export class LuckyDrawEntry {
  /** The draw id: a random UUID chosen by the server before the draw. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  campaignId!: string;

  @Column({ type: 'uuid' })
  shopperId!: string;

  @Column({ type: 'text' })
  openid!: string;

  @Column({ type: 'text' })
  day!: string;

  /** HMAC-SHA256(seed, id), hex. */
  @Column({ type: 'text' })
  random!: string;

  @Column({ type: 'uuid' })
  pickedPrizeId!: string;

  /** The prize awarded; null for a miss (the picked prize was out of stock). */
  @Column({ type: 'uuid', nullable: true })
  prizeId!: string | null;

  /** What the shopper got: the prize's kind, or `none` for a miss. */
  @Column({ type: 'text' })
  kind!: PrizeKind;

  @Column({ type: 'text' })
  issueStatus!: IssueStatus;

  @Column({ type: 'uuid', nullable: true })
  couponId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  transferId!: string | null;

  @Column({ type: 'text', nullable: true })
  issueError!: string | null;

  /** Item prizes only (null otherwise): `pending` until the merchant ships it (FULFILMENT_LIFECYCLE). */
  @Column({ type: 'text', nullable: true })
  fulfilmentStatus!: FulfilmentStatus | null;

  /** The merchant's note on shipping (a carrier and tracking number, say). */
  @Column({ type: 'text', nullable: true })
  fulfilmentNote!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  shippedAt!: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
