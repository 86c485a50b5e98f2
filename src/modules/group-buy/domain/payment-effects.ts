import type { MemberRole, MemberStatus } from './member-status';
import type { RoomStatus } from './room-status';

/**
 * What a member's order being paid does. `open_room`: the leader paid, the room opens; `seat_paid`: the seat is
 * paid (and may complete the room); `refund`: the money arrived for a seat that is no longer there (freed, or a
 * room that closed or expired), so it goes back in full; `ignore`: seen already.
 */
export type PaidEffect = 'open_room' | 'seat_paid' | 'refund' | 'ignore';

export function effectOfPayment(
  member: { status: MemberStatus; role: MemberRole },
  room: { status: RoomStatus; expiresAt: Date | null },
  paidAt: Date,
): PaidEffect {
  if (member.status === 'paid' || member.status === 'refunded') return 'ignore';
  if (member.status === 'released') return 'refund';
  if (room.status === 'pending') return member.role === 'leader' ? 'open_room' : 'refund';
  if (room.status === 'open' && room.expiresAt !== null && paidAt.getTime() <= room.expiresAt.getTime()) {
    return 'seat_paid';
  }
  return 'refund';
}

export interface RefundEffect {
  /** The member ends `refunded`. */
  memberRefunded: boolean;
  /** Seats it gives back to an open room: taken, and paid. */
  seatsTakenFreed: number;
  seatsPaidFreed: number;
}

const NOTHING: RefundEffect = { memberRefunded: false, seatsTakenFreed: 0, seatsPaidFreed: 0 };

/**
 * What a refund of a member's order does. Only a full refund counts (a partial one leaves the member seated).
 * While the room is open the seat is freed, so refunded members never count toward completion; a room that
 * has closed keeps the counts it closed with.
 */
export function effectOfRefund(
  member: { status: MemberStatus },
  room: { status: RoomStatus },
  order: { totalFen: number; refundedFen: number },
): RefundEffect {
  if (order.refundedFen < order.totalFen || member.status === 'refunded') return NOTHING;
  const open = room.status === 'open' || room.status === 'pending';
  if (member.status === 'paid') {
    return { memberRefunded: true, seatsTakenFreed: open ? 1 : 0, seatsPaidFreed: open ? 1 : 0 };
  }
  if (member.status === 'holding') return { memberRefunded: true, seatsTakenFreed: open ? 1 : 0, seatsPaidFreed: 0 };
  return { memberRefunded: true, seatsTakenFreed: 0, seatsPaidFreed: 0 };
}
