import fc from 'fast-check';
import { payWithGiftCards, priceOrder } from './pricing';

describe('order pricing', () => {
  it('adds up lines at their unit prices', () => {
    expect(
      priceOrder([
        { quantity: 2, unitPriceFen: 1250 },
        { quantity: 1, unitPriceFen: 99 },
      ]),
    ).toEqual({
      subtotalFen: 2599,
      discountFen: 0,
      totalFen: 2599,
    });
  });

  it('leaves at least 1 fen to pay however large the discount', () => {
    expect(priceOrder([{ quantity: 1, unitPriceFen: 500 }], 10_000)).toEqual({
      subtotalFen: 500,
      discountFen: 499,
      totalFen: 1,
    });
  });

  it('total = subtotal - discount, 1 <= total <= subtotal, for any lines and discount', () => {
    const line = fc.record({
      quantity: fc.integer({ min: 1, max: 999 }),
      unitPriceFen: fc.integer({ min: 1, max: 1_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 20 }), fc.nat(50_000_000), (lines, discount) => {
        const totals = priceOrder(lines, discount);
        expect(totals.totalFen).toBe(totals.subtotalFen - totals.discountFen);
        expect(totals.totalFen).toBeGreaterThanOrEqual(1);
        expect(totals.totalFen).toBeLessThanOrEqual(totals.subtotalFen);
        expect(totals.discountFen).toBeGreaterThanOrEqual(0);
        expect(Number.isInteger(totals.totalFen)).toBe(true);
      }),
    );
  });

  it('refuses an empty order and fractional prices', () => {
    expect(() => priceOrder([])).toThrow(RangeError);
    expect(() => priceOrder([{ quantity: 1, unitPriceFen: 1.5 }])).toThrow(RangeError);
  });
});

describe('paying with gift cards', () => {
  it('leaves the provider what the cards do not pay, nothing when they pay it all', () => {
    const totals = priceOrder([{ quantity: 1, unitPriceFen: 15_000 }], 2_000);
    expect(payWithGiftCards(totals, 10_000)).toEqual({
      subtotalFen: 15_000,
      discountFen: 2_000,
      giftCardFen: 10_000,
      totalFen: 3_000,
    });
    expect(payWithGiftCards(totals, 13_000).totalFen).toBe(0);
  });

  it('refuses cards paying more than is left, or a negative amount', () => {
    const totals = priceOrder([{ quantity: 1, unitPriceFen: 100 }]);
    expect(() => payWithGiftCards(totals, 101)).toThrow(RangeError);
    expect(() => payWithGiftCards(totals, -1)).toThrow(RangeError);
  });
});
