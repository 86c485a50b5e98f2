const SECOND = 1000;

/** The leader's order stays payable for the payment window; the room is pending that long. */
export const leaderOrderDeadline = (now: Date, paymentWindowSeconds: number): Date =>
  new Date(now.getTime() + paymentWindowSeconds * SECOND);

/**
 * A member's order stays payable for the payment window, but never past the room's own deadline: a seat can
 * never be paid after the room has expired (the orders module refunds money that arrives after an order's deadline).
 */
export const memberOrderDeadline = (now: Date, paymentWindowSeconds: number, roomExpiresAt: Date): Date =>
  new Date(Math.min(now.getTime() + paymentWindowSeconds * SECOND, roomExpiresAt.getTime()));

/** An open room's deadline: the leader's payment plus the completion window (API.md). */
export const roomDeadline = (leaderPaidAt: Date, completionWindowSeconds: number): Date =>
  new Date(leaderPaidAt.getTime() + completionWindowSeconds * SECOND);

/**
 * Deadlines are inclusive for payments (an order is payable while now <= expiresAt) and exclusive for joins:
 * a join needs now < expiresAt; a room or hold is past its deadline, for the jobs, once now > deadline.
 */
export const isPast = (deadline: Date, now: Date): boolean => now.getTime() > deadline.getTime();
export const acceptsJoinsAt = (expiresAt: Date, now: Date): boolean => now.getTime() < expiresAt.getTime();
