import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Db } from '../../platform/database/db';
import { Cursor } from '../../platform/http/pagination';
import type { RoomStatus } from './domain/room-status';
import { GroupRoom } from './entities/group-room.entity';

export interface OpenRoomRow {
  id: string;
  groupSize: number;
  seatsTaken: number;
  seatsPaid: number;
  expiresAt: Date;
  leaderDisplay: string;
}

/** Queries on rooms; no rules. Every change of a room's state or seats goes through RoomTransitions. */
@Injectable()
export class GroupRoomsRepository {
  constructor(private readonly db: Db) {}

  async insert(room: GroupRoom): Promise<void> {
    await this.db.repo(GroupRoom).insert({ ...room });
  }

  find(id: string): Promise<GroupRoom | null> {
    return this.db.repo(GroupRoom).findOneBy({ id });
  }

  findMany(ids: string[]): Promise<GroupRoom[]> {
    return ids.length ? this.db.repo(GroupRoom).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  findByShareToken(shareToken: string): Promise<GroupRoom | null> {
    return this.db.repo(GroupRoom).findOneBy({ shareToken });
  }

  /** The room, its row locked for the rest of the current transaction: every seat change happens under it. */
  lock(id: string): Promise<GroupRoom | null> {
    return this.db.repo(GroupRoom).createQueryBuilder('r').setLock('pessimistic_write').where({ id }).getOne();
  }

  /** The pending or open room this shopper leads in this campaign, if any. */
  findLed(campaignId: string, leaderUserId: string): Promise<GroupRoom | null> {
    return this.db
      .repo(GroupRoom)
      .createQueryBuilder('r')
      .where({ campaignId, leaderUserId })
      .andWhere(`r.status IN ('pending', 'open')`)
      .getOne();
  }

  /**
   * Rooms past their deadline in `status`, locked, skipping rows another instance holds: any number of
   * instances share the sweep without doing a room twice.
   */
  claimDue(status: 'open' | 'pending', now: Date, limit: number, exclude: string[] = []): Promise<GroupRoom[]> {
    const deadline = status === 'open' ? 'expires_at' : 'pending_until';
    const builder = this.db
      .repo(GroupRoom)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where(`r.status = :status AND r.${deadline} < :now`, { status, now })
      .orderBy(`r.${deadline}`)
      .limit(limit);
    if (exclude.length) builder.andWhere('r.id NOT IN (:...exclude)', { exclude });
    return builder.getMany();
  }

  /** A campaign's rooms newest first, by keyset over (created_at, id) on idx_group_rooms_campaign(_status)_list. */
  listForCampaign(campaignId: string, status: RoomStatus | undefined, after: Cursor | null, take: number) {
    const builder = this.db
      .repo(GroupRoom)
      .createQueryBuilder('r')
      .where('r.campaign_id = :campaignId', { campaignId })
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(take);
    if (status) builder.andWhere('r.status = :status', { status });
    if (after) builder.andWhere('(r.created_at, r.id) < (:createdAt, :id)', after);
    return builder.getMany();
  }

  /** Open rooms with a free seat and time left, closest to their deadline first. */
  async joinable(campaignId: string, now: Date, limit: number): Promise<OpenRoomRow[]> {
    const rows = await this.db.query<{
      id: string;
      group_size: number;
      seats_taken: number;
      seats_paid: number;
      expires_at: Date;
      display: string;
    }>(
      `SELECT r.id, r.group_size, r.seats_taken, r.seats_paid, r.expires_at, m.display
       FROM group_rooms r
       JOIN group_room_members m ON m.room_id = r.id AND m.role = 'leader'
       WHERE r.campaign_id = $1 AND r.status = 'open' AND r.expires_at > $2 AND r.seats_taken < r.group_size
       ORDER BY r.expires_at, r.id LIMIT ${Number(limit)}`,
      [campaignId, now],
    );
    return rows.map((row) => ({
      id: row.id,
      groupSize: row.group_size,
      seatsTaken: row.seats_taken,
      seatsPaid: row.seats_paid,
      expiresAt: new Date(row.expires_at),
      leaderDisplay: row.display,
    }));
  }

  /** Counts a shopper's first opening of a room's share link; later openings change nothing. */
  async recordShareOpen(room: GroupRoom, shopperId: string, now: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO group_room_share_opens (room_id, shopper_id, campaign_id, opened_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [room.id, shopperId, room.campaignId, now],
    );
  }
}
