import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { RoomStatus } from '../domain/room-status';

/**
 * A room of a campaign. `seatsTaken` counts held and paid seats, `seatsPaid` the paid ones; both move only
 * with the row locked, together with the member row whose seat they count (the CHECK is the last line of
 * defence against overfilling). Counts freeze when the room closes.
 */
@Entity({ name: 'group_rooms' })
@Index('uq_group_rooms_active_leader', ['campaignId', 'leaderUserId'], {
  unique: true,
  where: `status IN ('pending', 'open')`,
})
@Index('idx_group_rooms_open_due', ['expiresAt'], { where: `status = 'open'` })
@Index('idx_group_rooms_pending_due', ['pendingUntil'], { where: `status = 'pending'` })
// The merchant's room list, newest first by keyset over (created_at, id), with and without a status filter.
@Index('idx_group_rooms_campaign_list', ['campaignId', 'createdAt', 'id'])
@Index('idx_group_rooms_campaign_status_list', ['campaignId', 'status', 'createdAt', 'id'])
@Check(
  'chk_group_rooms_seats',
  `"seats_paid" >= 0 AND "seats_paid" <= "seats_taken" AND "seats_taken" <= "group_size" AND "virtual_seats" >= 0 AND "seats_paid" + "virtual_seats" <= "group_size"`,
)
export class GroupRoom {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  campaignId!: string;

  @Column({ type: 'uuid' })
  merchantId!: string;

  @Column({ type: 'uuid' })
  leaderUserId!: string;

  @Column({ type: 'text' })
  status!: RoomStatus;

  @Column({ type: 'integer' })
  groupSize!: number;

  @Column({ type: 'integer' })
  seatsTaken!: number;

  @Column({ type: 'integer' })
  seatsPaid!: number;

  /** Seats a room completed without (virtualCompletion). */
  @Column({ type: 'integer', default: 0 })
  virtualSeats!: number;

  @Column({ type: 'text', unique: true })
  shareToken!: string;

  /** The leader's order deadline: a room still pending after it is cancelled. */
  @Column({ type: 'timestamptz' })
  pendingUntil!: Date;

  /** Set when the room opens: the leader's payment plus the completion window. */
  @Column({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  openedAt!: Date | null;

  /** When it completed, failed or was cancelled. */
  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
