import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../../platform/database/column-types';
import type { MemberRole, MemberStatus } from '../domain/member-status';

/** One seat taken in a room, with the order that pays for it. A shopper is seated at most once per room. */
@Entity({ name: 'group_room_members' })
@Index('uq_group_room_members_seated', ['roomId', 'userId'], {
  unique: true,
  where: `status IN ('holding', 'paid')`,
})
@Index('idx_group_room_members_room', ['roomId', 'joinedAt'])
@Index('idx_group_room_members_from_shares', ['campaignId'], { where: `via_share` })
@Index('idx_group_room_members_campaign_paid', ['campaignId', 'paidAt'], { where: `paid_at IS NOT NULL` })
@Index('idx_group_room_members_refund_owed', ['refundRequestedAt'], {
  where: `status = 'paid' AND refund_requested_at IS NOT NULL`,
})
export class GroupRoomMember {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  roomId!: string;

  @Column({ type: 'uuid' })
  campaignId!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  role!: MemberRole;

  @Column({ type: 'text' })
  status!: MemberStatus;

  @Column({ type: 'uuid', unique: true })
  orderId!: string;

  /** What the order asks for (its total). */
  @Column({ type: 'bigint', transformer: bigintNumber })
  amountFen!: number;

  /** What has come back so far (partial refunds by the merchant), from the order's refund events. */
  @Column({ type: 'bigint', transformer: bigintNumber, default: 0 })
  refundedFen!: number;

  /** What other shoppers see: a masked openid, never the openid itself. */
  @Column({ type: 'text' })
  display!: string;

  /** Joined through the room's share link. */
  @Column({ type: 'boolean', default: false })
  viaShare!: boolean;

  /** Who shared the link the member came through (the room's leader: the link is the room's). */
  @Column({ type: 'uuid', nullable: true })
  sharedByUserId!: string | null;

  /** The order's deadline: an unpaid seat is freed after it. */
  @Column({ type: 'timestamptz' })
  holdUntil!: Date;

  @Column({ type: 'timestamptz' })
  joinedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  paidAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  releasedAt!: Date | null;

  /** `expired`, `cancelled`, `room_closed` ... */
  @Column({ type: 'text', nullable: true })
  releaseReason!: string | null;

  /** Set once, when this module asks for the member's money back: a second request never happens. */
  @Column({ type: 'timestamptz', nullable: true })
  refundRequestedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  refundedAt!: Date | null;
}
