import { defineLifecycle } from '../../../platform/lifecycle/lifecycle';

/** The order state machine (API.md "Orders and payments"): every transition it allows, and nothing else. */
export type OrderStatus = 'pending_payment' | 'paid' | 'cancelled' | 'partially_refunded' | 'refunded';
export const ORDER_KINDS = ['standard', 'flash_sale', 'group_buy', 'gift_card'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

export const ORDER_LIFECYCLE = defineLifecycle<OrderStatus>({
  name: 'order',
  table: 'orders',
  initial: ['pending_payment'],
  transitions: {
    pending_payment: ['paid', 'cancelled'],
    paid: ['partially_refunded', 'refunded'],
    partially_refunded: ['partially_refunded', 'refunded'],
    cancelled: [],
    refunded: [],
  },
});

/** The status an order is in once `refundedFen` of its `totalFen` has come back. */
export function statusAfterRefund(totalFen: number, refundedFen: number): 'partially_refunded' | 'refunded' {
  if (refundedFen <= 0 || refundedFen > totalFen) throw new RangeError(`refunded ${refundedFen} of ${totalFen}`);
  return refundedFen === totalFen ? 'refunded' : 'partially_refunded';
}

/**
 * What an order's gift cards paid: their holds are taken when it is paid, so a cancelled or unpaid order's cards paid
 * nothing (their holds went back).
 */
export function paidByCardsFen(order: { status: OrderStatus; giftCardFen: number }): number {
  return order.status === 'paid' || order.status === 'partially_refunded' || order.status === 'refunded'
    ? order.giftCardFen
    : 0;
}

/** What the merchant may still refund: the total less refunds that succeeded or are still in flight. */
export function refundableFen(totalFen: number, refundsHeldFen: number): number {
  return Math.max(0, totalFen - refundsHeldFen);
}

/**
 * Where an order stands for a shopper about to pay it: `prepared` (awaiting payment before its deadline, its
 * provider order made), `paid` (refunded or not), otherwise `closed` (cancelled, or past its deadline).
 */
export function paymentStanding(
  order: { status: OrderStatus; prepayId: string | null; expiresAt: Date },
  now: Date,
): 'prepared' | 'paid' | 'closed' {
  if (order.status === 'pending_payment') {
    return order.prepayId !== null && now < order.expiresAt ? 'prepared' : 'closed';
  }
  return order.status === 'cancelled' ? 'closed' : 'paid';
}
