import { defineLifecycle } from '../../../platform/lifecycle/lifecycle';

/**
 * A member's seat. `holding`: taken, its order awaits payment (counts toward capacity); `paid`; `released`:
 * freed unpaid (order expired or cancelled, or the room closed without it); `refunded`: its money went back.
 */
export type MemberStatus = 'holding' | 'paid' | 'released' | 'refunded';
export type MemberRole = 'leader' | 'member';

export const MEMBER_LIFECYCLE = defineLifecycle<MemberStatus>({
  name: 'group room member',
  table: 'group_room_members',
  initial: ['holding'],
  transitions: {
    // Paid; freed unpaid; or refunded before its payment event was seen (events may arrive out of order).
    holding: ['paid', 'released', 'refunded'],
    // The order was refunded in full (a failed room, or a merchant refund).
    paid: ['refunded'],
    // Money that arrived for a seat already freed goes back.
    released: ['refunded'],
    refunded: [],
  },
});

/** Statuses that occupy a seat: one shopper holds at most one of these per room. */
export const SEATED_STATUSES: readonly MemberStatus[] = ['holding', 'paid'];
