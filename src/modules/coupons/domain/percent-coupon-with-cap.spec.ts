import { DISCOUNT_TYPES } from './discount-types';

const percent = (percentOff: number, maxDiscountFen: number | null) => ({
  type: 'percent_off' as const,
  valueFen: null,
  percentOff,
  maxDiscountFen,
});

describe('a percent_off coupon', () => {
  const rule = DISCOUNT_TYPES.percent_off;

  it('takes its percentage off, rounded down to the fen', () => {
    expect(rule.amountOff(10_000, percent(15, null))).toBe(1500);
    expect(rule.amountOff(999, percent(15, null))).toBe(149); // 149.85
  });

  it('stops at its cap', () => {
    expect(rule.amountOff(100_000, percent(20, 5000))).toBe(5000);
    expect(rule.amountOff(20_000, percent(20, 5000))).toBe(4000);
  });

  it('takes nothing off nothing, and nothing off 1 fen at 50%', () => {
    expect(rule.amountOff(0, percent(50, null))).toBe(0);
    expect(rule.amountOff(1, percent(50, null))).toBe(0);
  });
});

describe('an amount_off coupon', () => {
  const rule = DISCOUNT_TYPES.amount_off;
  const amount = (valueFen: number) => ({
    type: 'amount_off' as const,
    valueFen,
    percentOff: null,
    maxDiscountFen: null,
  });

  it('takes its value off, never more than the eligible amount', () => {
    expect(rule.amountOff(10_000, amount(2000))).toBe(2000);
    expect(rule.amountOff(1500, amount(2000))).toBe(1500);
  });
});
