import fc from 'fast-check';
import {
  canTransition,
  ORDER_TRANSITIONS,
  OrderStatus,
  refundableFen,
  statesLeadingTo,
  statusAfterRefund,
} from './order-status';

const ALL = Object.keys(ORDER_TRANSITIONS) as OrderStatus[];

describe('order state machine', () => {
  it('allows exactly the contract transitions', () => {
    const allowed = ALL.flatMap((from) => ALL.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`));
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
      expect(canTransition('cancelled', to)).toBe(false);
      expect(canTransition('refunded', to)).toBe(false);
    }
    expect(statesLeadingTo('pending_payment')).toEqual([]);
    expect(statesLeadingTo('paid')).toEqual(['pending_payment']);
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
