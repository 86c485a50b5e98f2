/** The room state machine (API.md "Group-buy"): every transition it allows, and nothing else. */
export type RoomStatus = 'pending' | 'open' | 'completed' | 'failed' | 'cancelled';

export const ROOM_STATUSES: readonly RoomStatus[] = ['pending', 'open', 'completed', 'failed', 'cancelled'];

export const ROOM_TRANSITIONS: Readonly<Record<RoomStatus, readonly RoomStatus[]>> = {
  // The leader pays (open), or the leader's order is cancelled or expires unpaid (cancelled).
  pending: ['open', 'cancelled'],
  // Paid seats reach groupSize (completed); expiresAt passes (failed, or completed with virtualCompletion).
  open: ['completed', 'failed'],
  completed: [],
  failed: [],
  cancelled: [],
};

export function canRoomTransition(from: RoomStatus, to: RoomStatus): boolean {
  return ROOM_TRANSITIONS[from].includes(to);
}

/** The states a move to `to` leaves: the WHERE clause of the conditional UPDATE that makes it. */
export function roomStatesLeadingTo(to: RoomStatus): RoomStatus[] {
  return ROOM_STATUSES.filter((from) => canRoomTransition(from, to));
}

export const isTerminalRoom = (status: RoomStatus): boolean => ROOM_TRANSITIONS[status].length === 0;
