import { acceptsJoinsAt } from './deadlines';
import type { RoomStatus } from './room-status';

export type JoinRefusal = 'GROUP_ROOM_NOT_OPEN' | 'GROUP_ALREADY_MEMBER' | 'GROUP_ROOM_FULL';

export interface RoomSeats {
  status: RoomStatus;
  expiresAt: Date | null;
  seatsTaken: number;
  groupSize: number;
}

export interface Joiner {
  /** The shopper holds or has paid a seat in this room already. */
  alreadyMember: boolean;
  /** Held seats whose orders are past their deadline: they can never be paid, so a join may take them over. */
  reclaimableSeats: number;
}

/**
 * Why a shopper may not take a seat now, or null when they may. Checked in this order: a room that does not
 * accept joins, a shopper already seated, then capacity (held and paid seats both count).
 */
export function joinRefusal(room: RoomSeats, joiner: Joiner, now: Date): JoinRefusal | null {
  if (room.status !== 'open' || room.expiresAt === null || !acceptsJoinsAt(room.expiresAt, now)) {
    return 'GROUP_ROOM_NOT_OPEN';
  }
  if (joiner.alreadyMember) return 'GROUP_ALREADY_MEMBER';
  if (room.seatsTaken - joiner.reclaimableSeats >= room.groupSize) return 'GROUP_ROOM_FULL';
  return null;
}

/** Paid seats reaching the group size complete the room. */
export const fillsRoom = (seatsPaid: number, groupSize: number): boolean => seatsPaid >= groupSize;
