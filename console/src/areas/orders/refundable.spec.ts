import { isSettling, refundableFen } from './refundable';
import type { OrderRefund } from './order-types';

const refund = (amountFen: number, status: OrderRefund['status']): OrderRefund => ({
  id: `r${amountFen}${status}`,
  outRefundNo: 'RF1',
  amountFen,
  reason: 'damaged',
  status,
  createdAt: '2026-05-01T00:00:00.000Z',
  succeededAt: null,
});

describe('refundableFen', () => {
  it('is the whole total of a paid order without refunds', () => {
    expect(refundableFen({ status: 'paid', totalFen: 1999, refunds: [] })).toBe(1999);
  });

  it('takes off refunds that succeeded or are processing, not failed ones', () => {
    const refunds = [refund(500, 'succeeded'), refund(300, 'processing'), refund(1000, 'failed')];
    expect(refundableFen({ status: 'partially_refunded', totalFen: 1999, refunds })).toBe(1199);
  });

  it('is nothing for an order not paid or already refunded', () => {
    expect(refundableFen({ status: 'pending_payment', totalFen: 1999, refunds: [] })).toBe(0);
    expect(refundableFen({ status: 'cancelled', totalFen: 1999, refunds: [] })).toBe(0);
    expect(refundableFen({ status: 'refunded', totalFen: 1999, refunds: [refund(1999, 'succeeded')] })).toBe(0);
  });
});

describe('isSettling', () => {
  it('keeps polling while a refund is processing or the order awaits payment', () => {
    expect(isSettling({ status: 'paid', refunds: [refund(100, 'processing')] })).toBe(true);
    expect(isSettling({ status: 'pending_payment', refunds: [] })).toBe(true);
    expect(isSettling({ status: 'partially_refunded', refunds: [refund(100, 'succeeded')] })).toBe(false);
  });
});
