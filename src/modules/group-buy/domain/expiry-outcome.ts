import { isPast } from './deadlines';
import type { RoomStatus } from './room-status';

export type ExpiryOutcome = { to: 'failed' } | { to: 'completed'; virtualSeats: number } | { to: 'cancelled' };

export interface ExpiringRoom {
  status: RoomStatus;
  groupSize: number;
  seatsPaid: number;
  /** Open rooms: the completion deadline. */
  expiresAt: Date | null;
  /** Pending rooms: the deadline of the leader's order. */
  pendingUntil: Date;
}

/**
 * What a room's deadline does to it, or null while it has not passed. An open room that did not fill fails
 * (every paid member is refunded), unless the campaign completes rooms as they stand (virtualCompletion:
 * the missing seats are reported as virtual). A pending room whose leader never paid is cancelled.
 */
export function expiryOutcome(room: ExpiringRoom, virtualCompletion: boolean, now: Date): ExpiryOutcome | null {
  if (room.status === 'pending') return isPast(room.pendingUntil, now) ? { to: 'cancelled' } : null;
  if (room.status !== 'open' || room.expiresAt === null || !isPast(room.expiresAt, now)) return null;
  const missing = Math.max(0, room.groupSize - room.seatsPaid);
  if (missing === 0) return { to: 'completed', virtualSeats: 0 };
  // A room with nobody paid left (its members refunded meanwhile) has nothing to complete.
  return virtualCompletion && room.seatsPaid > 0 ? { to: 'completed', virtualSeats: missing } : { to: 'failed' };
}
