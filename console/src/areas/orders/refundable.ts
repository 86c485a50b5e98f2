import type { MerchantOrderDetail } from './order-types';

/**
 * What the merchant may still refund, as the service counts it: the total less refunds that succeeded or are
 * still processing (a failed one gives its amount back). Nothing for an order that was never paid.
 */
export function refundableFen(order: Pick<MerchantOrderDetail, 'status' | 'totalFen' | 'refunds'>): number {
  if (order.status !== 'paid' && order.status !== 'partially_refunded') return 0;
  const held = order.refunds
    .filter((refund) => refund.status !== 'failed')
    .reduce((sum, refund) => sum + refund.amountFen, 0);
  return Math.max(0, order.totalFen - held);
}

/** Whether the order page should keep asking: a refund is on its way, or the order awaits payment. */
export function isSettling(order: Pick<MerchantOrderDetail, 'status' | 'refunds'>): boolean {
  return order.status === 'pending_payment' || order.refunds.some((refund) => refund.status === 'processing');
}
