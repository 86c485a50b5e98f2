import fc from 'fast-check';
import { couponRule } from './coupon-rule';
import { Basket, CouponTerms } from './coupon-terms';
import { DISCOUNT_TYPES } from './discount-types';

const MERCHANT = 'm-1';
const PRODUCTS = ['p-1', 'p-2', 'p-3', 'p-4'];
const NOW = new Date('2026-11-21T10:00:00Z');

const terms = fc
  .record({
    type: fc.constantFrom('amount_off' as const, 'percent_off' as const),
    valueFen: fc.integer({ min: 1, max: 5_000_000 }),
    percentOff: fc.integer({ min: 1, max: 99 }),
    maxDiscountFen: fc.option(fc.integer({ min: 1, max: 5_000_000 }), { nil: null }),
    minSpendFen: fc.integer({ min: 0, max: 5_000_000 }),
    productIds: fc.option(fc.subarray(PRODUCTS, { minLength: 1 }), { nil: null }),
  })
  .map((t): CouponTerms => ({
    merchantId: MERCHANT,
    type: t.type,
    valueFen: t.type === 'amount_off' ? t.valueFen : null,
    percentOff: t.type === 'percent_off' ? t.percentOff : null,
    maxDiscountFen: t.type === 'percent_off' ? t.maxDiscountFen : null,
    minSpendFen: t.minSpendFen,
    productIds: t.productIds,
    validFrom: new Date('2026-11-01T00:00:00Z'),
    validUntil: new Date('2026-12-01T00:00:00Z'),
  }));

const line = fc.record({
  productId: fc.constantFrom(...PRODUCTS),
  quantity: fc.integer({ min: 1, max: 99 }),
  unitPriceFen: fc.integer({ min: 1, max: 1_000_000 }),
});

const basketOf = (lines: Basket['lines']): Basket => ({ merchantId: MERCHANT, lines, now: NOW });

const eligibleAmount = (coupon: CouponTerms, basket: Basket) =>
  basket.lines
    .filter((l) => coupon.productIds === null || coupon.productIds.includes(l.productId))
    .reduce((sum, l) => sum + l.unitPriceFen * l.quantity, 0);

describe('discount properties (every coupon type)', () => {
  it('a discount is a whole number of fen, never negative, never above the eligible amount', () => {
    fc.assert(
      fc.property(terms, fc.array(line, { minLength: 1, maxLength: 8 }), (coupon, lines) => {
        const basket = basketOf(lines);
        const discount = couponRule(coupon).discount(basket);
        expect(Number.isSafeInteger(discount)).toBe(true);
        expect(discount).toBeGreaterThanOrEqual(0);
        expect(discount).toBeLessThanOrEqual(eligibleAmount(coupon, basket));
      }),
    );
  });

  it('is monotone in the amount: a larger eligible amount never takes off less', () => {
    fc.assert(
      fc.property(
        terms,
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 0, max: 100_000_000 }),
        (coupon, a, b) => {
          const type = DISCOUNT_TYPES[coupon.type];
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(type.amountOff(low, coupon)).toBeLessThanOrEqual(type.amountOff(high, coupon));
          expect(type.amountOff(high, coupon)).toBeLessThanOrEqual(high);
          expect(type.amountOff(low, coupon)).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('adding a line to a basket never lowers the discount (minimum spend included)', () => {
    fc.assert(
      fc.property(terms, fc.array(line, { minLength: 1, maxLength: 6 }), line, (coupon, lines, extra) => {
        const rule = couponRule(coupon);
        expect(rule.discount(basketOf([...lines, extra]))).toBeGreaterThanOrEqual(rule.discount(basketOf(lines)));
      }),
    );
  });

  it('lines outside the product scope change nothing', () => {
    fc.assert(
      fc.property(
        terms.filter((c) => c.productIds !== null && c.productIds.length < PRODUCTS.length),
        fc.array(line, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (coupon, lines, price) => {
          const outside = PRODUCTS.find((id) => !coupon.productIds!.includes(id))!;
          const rule = couponRule(coupon);
          const withOutside = basketOf([...lines, { productId: outside, quantity: 3, unitPriceFen: price }]);
          expect(rule.discount(withOutside)).toBe(rule.discount(basketOf(lines)));
        },
      ),
    );
  });
});
