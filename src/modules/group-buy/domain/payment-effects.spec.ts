import { effectOfPayment, effectOfRefund } from './payment-effects';

const deadline = new Date('2026-01-01T12:00:00Z');
const open = { status: 'open' as const, expiresAt: deadline };
const holding = { status: 'holding' as const, role: 'member' as const };

describe('what a payment does to a seat', () => {
  it("the leader's payment opens a pending room", () => {
    expect(effectOfPayment({ ...holding, role: 'leader' }, { status: 'pending', expiresAt: null }, deadline)).toBe(
      'open_room',
    );
  });

  it('a held seat paid by the deadline is paid', () => {
    expect(effectOfPayment(holding, open, deadline)).toBe('seat_paid');
  });

  it('money for a seat that was freed, or for a room that closed or expired, goes back', () => {
    expect(effectOfPayment({ ...holding, status: 'released' }, open, deadline)).toBe('refund');
    expect(effectOfPayment(holding, { status: 'failed', expiresAt: deadline }, deadline)).toBe('refund');
    expect(effectOfPayment(holding, { status: 'cancelled', expiresAt: null }, deadline)).toBe('refund');
    expect(effectOfPayment(holding, { status: 'completed', expiresAt: deadline }, deadline)).toBe('refund');
    expect(effectOfPayment(holding, open, new Date(deadline.getTime() + 1))).toBe('refund');
  });

  it('a repeated event changes nothing', () => {
    expect(effectOfPayment({ ...holding, status: 'paid' }, open, deadline)).toBe('ignore');
    expect(effectOfPayment({ ...holding, status: 'refunded' }, open, deadline)).toBe('ignore');
  });
});

describe('what a refund does to a seat', () => {
  const full = { totalFen: 800, refundedFen: 800 };

  it('a full refund of a paid member frees the seat while the room is open', () => {
    expect(effectOfRefund({ status: 'paid' }, { status: 'open' }, full)).toEqual({
      memberRefunded: true,
      seatsTakenFreed: 1,
      seatsPaidFreed: 1,
    });
  });

  it('a closed room keeps the counts it closed with; the member still ends refunded', () => {
    expect(effectOfRefund({ status: 'paid' }, { status: 'failed' }, full)).toEqual({
      memberRefunded: true,
      seatsTakenFreed: 0,
      seatsPaidFreed: 0,
    });
  });

  it('a partial refund leaves the member seated', () => {
    expect(effectOfRefund({ status: 'paid' }, { status: 'open' }, { totalFen: 800, refundedFen: 100 })).toEqual({
      memberRefunded: false,
      seatsTakenFreed: 0,
      seatsPaidFreed: 0,
    });
  });

  it('a refund seen before its payment event frees the held seat', () => {
    expect(effectOfRefund({ status: 'holding' }, { status: 'open' }, full)).toEqual({
      memberRefunded: true,
      seatsTakenFreed: 1,
      seatsPaidFreed: 0,
    });
  });

  it('a refund of money for a freed seat only marks the member refunded, once', () => {
    expect(effectOfRefund({ status: 'released' }, { status: 'open' }, full).seatsTakenFreed).toBe(0);
    expect(effectOfRefund({ status: 'refunded' }, { status: 'open' }, full).memberRefunded).toBe(false);
  });
});
