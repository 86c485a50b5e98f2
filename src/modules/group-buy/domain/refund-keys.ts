/**
 * Business keys of the refunds this module asks for: one refund per key, ever (the orders module derives the
 * out_refund_no from it), so a job or handler that runs twice refunds once.
 */

/** A paid member of a room that failed. */
export const failedRoomRefundKey = (roomId: string, orderId: string): string =>
  `group-room-failed:${roomId}:${orderId}`;

/** Money that arrived for a seat that was no longer there (freed, or its room had closed). */
export const voidSeatRefundKey = (roomId: string, orderId: string): string => `group-seat-void:${roomId}:${orderId}`;
