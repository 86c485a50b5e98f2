import fc from 'fast-check';
import { DomainError } from '../errors/domain-error';
import { assertFen, basketFen, MAX_FEN, percentOfFen, sumFen } from './money';

describe('money in fen', () => {
  it('refuses fractions, negatives, NaN and amounts beyond the range', () => {
    for (const bad of [0.5, -1, Number.NaN, Infinity, MAX_FEN + 1]) expect(() => assertFen(bad)).toThrow(RangeError);
  });

  it('takes a percentage rounding down, never above the amount and never negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN }), fc.integer({ min: 0, max: 100 }), (amount, percent) => {
        const part = percentOfFen(amount, percent);
        expect(Number.isInteger(part)).toBe(true);
        expect(part).toBeGreaterThanOrEqual(0);
        expect(part).toBeLessThanOrEqual(amount);
        expect(part * 100).toBeLessThanOrEqual(amount * percent);
        expect((part + 1) * 100).toBeGreaterThan(amount * percent);
      }),
    );
  });

  it('is monotone in the amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN - 1 }), fc.integer({ min: 0, max: 100 }), (amount, percent) => {
        expect(percentOfFen(amount + 1, percent)).toBeGreaterThanOrEqual(percentOfFen(amount, percent));
      }),
    );
  });

  it('examples: 10% of 9.99 yuan is 99 fen; 33% of 1 fen is 0', () => {
    expect(percentOfFen(999, 10)).toBe(99);
    expect(percentOfFen(1, 33)).toBe(0);
    expect(sumFen([100, 250, 1])).toBe(351);
  });
});

describe('a basket total', () => {
  it('sums quantity × unit price up to the maximum', () => {
    expect(
      basketFen([
        { quantity: 3, unitPriceFen: 250 },
        { quantity: 1, unitPriceFen: 1 },
      ]),
    ).toBe(751);
    expect(basketFen([{ quantity: 1, unitPriceFen: MAX_FEN }])).toBe(MAX_FEN);
  });

  it('refuses past the maximum as bad input, naming the items', () => {
    for (const lines of [
      [{ quantity: 2, unitPriceFen: MAX_FEN }],
      [
        { quantity: 1, unitPriceFen: MAX_FEN },
        { quantity: 1, unitPriceFen: 1 },
      ],
      Array.from({ length: 50 }, () => ({ quantity: 9999, unitPriceFen: MAX_FEN })),
    ]) {
      const refusal = (() => {
        try {
          return basketFen(lines);
        } catch (error) {
          return error;
        }
      })();
      expect(refusal).toBeInstanceOf(DomainError);
      expect(refusal).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'items' }] });
    }
  });
});
