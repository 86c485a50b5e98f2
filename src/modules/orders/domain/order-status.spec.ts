import fc from 'fast-check';
import { ORDER_LIFECYCLE, OrderStatus, paymentStanding, refundableFen, statusAfterRefund } from './order-status';

const ALL = ORDER_LIFECYCLE.states;

describe('order state machine', () => {
  it('allows exactly the contract transitions', () => {
    const allowed = ALL.flatMap((from) =>
      ALL.filter((to) => ORDER_LIFECYCLE.canTransition(from, to)).map((to) => `${from}->${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'paid->partially_refunded',
        'paid->refunded',
        'partially_refunded->partially_refunded',
        'partially_refunded->refunded',
        'pending_payment->cancelled',
        'pending_payment->paid',
      ].sort(),
    );
  });

  it('never leaves cancelled or refunded, and never returns to pending_payment', () => {
    for (const to of ALL) {
      expect(ORDER_LIFECYCLE.canTransition('cancelled', to)).toBe(false);
      expect(ORDER_LIFECYCLE.canTransition('refunded', to)).toBe(false);
    }
    expect(ORDER_LIFECYCLE.statesLeadingTo('pending_payment')).toEqual([]);
    expect(ORDER_LIFECYCLE.statesLeadingTo('paid')).toEqual(['pending_payment']);
  });

  it('is refunded only when everything came back', () => {
    expect(statusAfterRefund(1000, 1000)).toBe('refunded');
    expect(statusAfterRefund(1000, 1)).toBe('partially_refunded');
    expect(() => statusAfterRefund(1000, 1001)).toThrow(RangeError);
    expect(() => statusAfterRefund(1000, 0)).toThrow(RangeError);
  });

  it('never offers more to refund than was paid, nor less than nothing', () => {
    fc.assert(
      fc.property(fc.nat(1e9), fc.nat(2e9), (total, held) => {
        const rest = refundableFen(total, held);
        expect(rest).toBeGreaterThanOrEqual(0);
        expect(rest).toBeLessThanOrEqual(total);
        expect(rest + Math.min(held, total)).toBe(total);
      }),
    );
  });
});

describe('paymentStanding (an order the shopper opens to pay)', () => {
  const now = new Date('2026-05-01T12:00:00Z');
  const order = (status: OrderStatus, prepayId: string | null, expiresAt = new Date('2026-05-01T12:15:00Z')) => ({
    status,
    prepayId,
    expiresAt,
  });

  it('is prepared while awaiting payment before its deadline with its provider order made', () => {
    expect(paymentStanding(order('pending_payment', 'wx1'), now)).toBe('prepared');
  });

  it('is closed at its deadline, without a provider order, or cancelled', () => {
    expect(paymentStanding(order('pending_payment', 'wx1', now), now)).toBe('closed');
    expect(paymentStanding(order('pending_payment', null), now)).toBe('closed');
    expect(paymentStanding(order('cancelled', 'wx1'), now)).toBe('closed');
  });

  it('is paid once paid, refunded or not', () => {
    for (const status of ['paid', 'partially_refunded', 'refunded'] as const) {
      expect(paymentStanding(order(status, 'wx1'), now)).toBe('paid');
    }
  });
});
