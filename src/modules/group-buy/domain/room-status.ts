import { defineLifecycle } from '../../../platform/lifecycle/lifecycle';

/** The room state machine (API.md "Group-buy"): every transition it allows, and nothing else. */
export const ROOM_STATUSES = ['pending', 'open', 'completed', 'failed', 'cancelled'] as const;
export type RoomStatus = (typeof ROOM_STATUSES)[number];

export const ROOM_LIFECYCLE = defineLifecycle<RoomStatus>({
  name: 'group room',
  table: 'group_rooms',
  initial: ['pending'],
  transitions: {
    // The leader pays (open), or the leader's order is cancelled or expires unpaid (cancelled).
    pending: ['open', 'cancelled'],
    // Paid seats reach groupSize (completed); expiresAt passes (failed, or completed with virtualCompletion).
    open: ['completed', 'failed'],
    completed: [],
    failed: [],
    cancelled: [],
  },
});
