import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A shopper other than the leader who opened a room's share link (GET /v1/group-rooms/by-share/:token).
 * One row per room and shopper, so `stats.shares` counts people reached, not page refreshes.
 */
@Entity({ name: 'group_room_share_opens' })
@Index('idx_group_room_share_opens_campaign', ['campaignId'])
export class GroupRoomShareOpen {
  @PrimaryColumn({ type: 'uuid' })
  roomId!: string;

  @PrimaryColumn({ type: 'uuid' })
  shopperId!: string;

  @Column({ type: 'uuid' })
  campaignId!: string;

  @Column({ type: 'timestamptz' })
  openedAt!: Date;
}
