/** The order state machine (API.md "Orders and payments"): every transition it allows, and nothing else. */
export type OrderStatus = 'pending_payment' | 'paid' | 'cancelled' | 'partially_refunded' | 'refunded';
export type OrderKind = 'standard' | 'flash_sale' | 'group_buy';

export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending_payment: ['paid', 'cancelled'],
  paid: ['partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  cancelled: [],
  refunded: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** States from which `to` may be reached: the WHERE clause of the conditional UPDATE that makes the move. */
export function statesLeadingTo(to: OrderStatus): OrderStatus[] {
  return (Object.keys(ORDER_TRANSITIONS) as OrderStatus[]).filter((from) => canTransition(from, to));
}

/** The status an order is in once `refundedFen` of its `totalFen` has come back. */
export function statusAfterRefund(totalFen: number, refundedFen: number): 'partially_refunded' | 'refunded' {
  if (refundedFen <= 0 || refundedFen > totalFen) throw new RangeError(`refunded ${refundedFen} of ${totalFen}`);
  return refundedFen === totalFen ? 'refunded' : 'partially_refunded';
}

/** What the merchant may still refund: the total less refunds that succeeded or are still in flight. */
export function refundableFen(totalFen: number, refundsHeldFen: number): number {
  return Math.max(0, totalFen - refundsHeldFen);
}
