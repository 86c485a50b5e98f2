/**
 * A member's seat. `holding`: taken, its order awaits payment (counts toward capacity); `paid`; `released`:
 * freed unpaid (order expired or cancelled, or the room closed without it); `refunded`: its money went back.
 */
export type MemberStatus = 'holding' | 'paid' | 'released' | 'refunded';
export type MemberRole = 'leader' | 'member';

export const MEMBER_STATUSES: readonly MemberStatus[] = ['holding', 'paid', 'released', 'refunded'];

export const MEMBER_TRANSITIONS: Readonly<Record<MemberStatus, readonly MemberStatus[]>> = {
  // Paid; freed unpaid; or refunded before its payment event was seen (events may arrive out of order).
  holding: ['paid', 'released', 'refunded'],
  // The order was refunded in full (a failed room, or a merchant refund).
  paid: ['refunded'],
  // Money that arrived for a seat already freed goes back.
  released: ['refunded'],
  refunded: [],
};

/** Statuses that occupy a seat: one shopper holds at most one of these per room. */
export const SEATED_STATUSES: readonly MemberStatus[] = ['holding', 'paid'];

export function canMemberTransition(from: MemberStatus, to: MemberStatus): boolean {
  return MEMBER_TRANSITIONS[from].includes(to);
}

export function memberStatesLeadingTo(to: MemberStatus): MemberStatus[] {
  return MEMBER_STATUSES.filter((from) => canMemberTransition(from, to));
}
