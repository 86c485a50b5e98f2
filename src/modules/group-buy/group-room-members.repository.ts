import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Db } from '../../platform/database/db';
import { GroupRoomMember } from './entities/group-room-member.entity';

/** Queries on members; no rules. Status changes go through RoomTransitions, with the room row locked. */
@Injectable()
export class GroupRoomMembersRepository {
  constructor(private readonly db: Db) {}

  async insert(member: GroupRoomMember): Promise<void> {
    await this.db.repo(GroupRoomMember).insert({ ...member });
  }

  findByOrder(orderId: string): Promise<GroupRoomMember | null> {
    return this.db.repo(GroupRoomMember).findOneBy({ orderId });
  }

  findById(id: string): Promise<GroupRoomMember | null> {
    return this.db.repo(GroupRoomMember).findOneBy({ id });
  }

  /** A room's members in joining order. */
  forRoom(roomId: string): Promise<GroupRoomMember[]> {
    return this.db.repo(GroupRoomMember).find({ where: { roomId }, order: { joinedAt: 'ASC', id: 'ASC' } });
  }

  /** The members of several rooms, each room's in joining order. */
  async forRooms(roomIds: string[]): Promise<Map<string, GroupRoomMember[]>> {
    const members = roomIds.length
      ? await this.db
          .repo(GroupRoomMember)
          .find({ where: { roomId: In(roomIds) }, order: { joinedAt: 'ASC', id: 'ASC' } })
      : [];
    const byRoom = new Map(roomIds.map((id) => [id, [] as GroupRoomMember[]]));
    for (const member of members) byRoom.get(member.roomId)!.push(member);
    return byRoom;
  }

  async isSeated(roomId: string, userId: string): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM group_room_members WHERE room_id = $1 AND user_id = $2 AND status IN ('holding', 'paid') LIMIT 1`,
      [roomId, userId],
    );
    return rows.length > 0;
  }

  /** Held seats whose orders are past their deadline: they can never be paid any more. */
  async countReclaimable(roomId: string, now: Date): Promise<number> {
    const [row] = await this.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM group_room_members WHERE room_id = $1 AND status = 'holding' AND hold_until < $2`,
      [roomId, now],
    );
    return Number(row.n);
  }
}
